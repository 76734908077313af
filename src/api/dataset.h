// What the API answers from: one loaded catalogue, the names of territories,
// and lookup tables built once. Immutable after make(); shared between request
// threads through std::shared_ptr<const Dataset> and replaced as a whole when
// the store changes, so a request never sees a half-built catalogue.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"

namespace relais::api {

// Pre-rendered JSON text of one place, built once per catalogue by
// Dataset::make (api/representation.h, render_place_text): every member of
// place_json() except those that depend on the request ("ouvert",
// "correspondances", "distance_metres"), in the order nlohmann::json writes
// them (sorted keys), cut where the request-dependent members go. Serving a
// page then copies these bytes instead of building and dumping JSON objects.
struct RenderedPlaceText {
  std::string text;  // segments a, b, c, d back to back: members without braces
  std::uint32_t b = 0, c = 0, d = 0;  // offsets in `text` where b, c and d start
};

// The same, as the Dataset keeps it: a view into blocks holding the places'
// texts side by side (see Dataset::render_texts for why).
// Memory the texts live in (allocated with std::aligned_alloc, freed with std::free).
using TextBlock = std::unique_ptr<char, void (*)(void*)>;

struct PlaceText {
  std::string_view text;
  std::uint32_t b = 0, c = 0, d = 0;
  std::string_view a_part() const { return text.substr(0, b); }
  std::string_view b_part() const { return text.substr(b, c - b); }
  std::string_view c_part() const { return text.substr(c, d - c); }
  std::string_view d_part() const { return text.substr(d); }
};

// Names of départements, régions and EPCI (the commune table has codes only).
struct TerritoryNames {
  std::map<std::string, std::string, std::less<>> departements;  // code -> nom
  std::map<std::string, std::string, std::less<>> regions;
  std::map<std::string, std::string, std::less<>> epcis;          // SIREN -> nom

  // The name of a département, région or EPCI; empty for a commune or an
  // unknown code.
  std::string name_of(territory::TerritoryLevel level, std::string_view code) const;

  // Reads departements.json, regions.json and epci.json of npm
  // @etalab/decoupage-administratif (data folder). Throws std::runtime_error
  // naming the file when one is missing or not of the expected shape.
  static TerritoryNames load(const std::filesystem::path& decoupage_dir);
};

class Dataset {
 public:
  // `version` identifies the catalogue's content (the store's change counter);
  // it goes into every ETag.
  static std::shared_ptr<const Dataset> make(catalog::Catalog catalog, TerritoryNames names, std::string version);

  const catalog::Catalog& catalog() const { return catalog_; }
  const TerritoryNames& names() const { return names_; }
  const std::string& version() const { return version_; }

  // Stable public reference of effective place `i`: "source:id" of its first
  // stored record (Place::id alone is unique per source only).
  const std::string& ref(std::size_t i) const { return refs_[i]; }
  // Pre-rendered JSON of effective place `i` (see PlaceText).
  const PlaceText& place_text(std::size_t i) const { return texts_[i]; }
  // Places whose ref equals `key`, else whose Place::id equals `key`.
  std::vector<std::uint32_t> find(std::string_view key) const;

  // EPCI SIREN -> communes (not arrondissements) that belong to it, by code.
  const std::map<std::string, std::vector<const territory::Commune*>, std::less<>>& epci_members() const {
    return epci_members_;
  }

 private:
  explicit Dataset(catalog::Catalog catalog) : catalog_(std::move(catalog)) {}
  // Fills texts_ (needs refs_).
  void render_texts();
  catalog::Catalog catalog_;
  TerritoryNames names_;
  std::string version_;
  std::vector<std::string> refs_;
  std::vector<PlaceText> texts_;
  std::vector<TextBlock> text_blocks_;  // what texts_ point into
  std::unordered_map<std::string, std::uint32_t> by_ref_;
  std::unordered_multimap<std::string, std::uint32_t> by_id_;
  std::map<std::string, std::vector<const territory::Commune*>, std::less<>> epci_members_;
};

}  // namespace relais::api
