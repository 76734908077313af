// Communes of France and an immutable index over them.
//
// A Commune is a "commune actuelle" of the INSEE COG, or one of the 45
// "arrondissements municipaux" of Paris, Lyon and Marseille (then
// `commune_parente` holds 75056, 69123 or 13055). Communes come from
// `@etalab/decoupage-administratif` (codes, names, population, EPCI) and the
// La Poste base (positions, postcodes, other spellings): see loader.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/place.h"

namespace relais::territory {

struct Commune {
  std::string code_insee;        // "13001", "2A004", "75101" (arrondissement)
  std::string nom;               // official name, "Aix-en-Provence"
  std::string code_departement;  // "13", "2A", "971"
  std::string code_region;       // "93"
  std::optional<std::string> code_epci;  // SIREN of the EPCI, if a member
  std::int64_t population = 0;           // municipal population (0 = unknown)
  std::optional<Coordinates> position;   // La Poste centroid, if known
  std::vector<std::string> codes_postaux;  // sorted, unique
  // For arrondissements municipaux only: the code of their commune.
  std::optional<std::string> commune_parente;
  // Other spellings seen in the La Poste base (routing labels, Ligne_5
  // localities such as former communes), used to derive codes from names.
  std::vector<std::string> autres_noms;
  // Codes of former communes merged into this one (COG "anciensCodes",
  // communes déléguées/associées), so old codes in sources still resolve.
  std::vector<std::string> anciens_codes;

  friend bool operator==(const Commune&, const Commune&) = default;
};

// How derive_code_insee found its answer (best first).
enum class DerivationMethod {
  PostcodeAndName,         // the name matches a commune of that postcode
  PostcodeAndSimilarName,  // a near spelling ("La Seynes sur Mer") or a longer
                           // form ("Le Luc-en-Provence") of one commune of the postcode
  NameInDepartement,       // the name matches one commune whose postcodes share
                           // the département prefix (CEDEX or wrong postcode)
  OnlyCommuneOfPostcode,   // the postcode has a single commune, name did not match
  NearestInPostcode,       // several communes; the one nearest the coordinates (<= 20 km)
  NearestOverall,          // otherwise the nearest commune, <= 10 km
};
std::string_view method_name(DerivationMethod);

struct Derivation {
  std::string code_insee;  // always a commune, never an arrondissement
  DerivationMethod method;
  std::optional<double> distance_km;  // for Nearest* methods
};

struct SearchHit {
  const Commune* commune;  // points into the index
  int score;               // higher is better; for ranking only
};

// Territory levels a filter can name ("territoire=dept 13").
enum class TerritoryLevel { Commune, Epci, Departement, Region };
struct Territory {
  TerritoryLevel level;
  std::string code;
};

// Read-only index. Built once; every const member is safe to call from many
// threads at the same time (nothing is mutated or cached after construction).
class CommuneIndex {
 public:
  CommuneIndex() = default;
  explicit CommuneIndex(std::vector<Commune> communes);

  std::span<const Commune> communes() const { return communes_; }
  std::size_t size() const { return communes_.size(); }

  // Exact code lookup (an arrondissement returns the arrondissement).
  const Commune* find(std::string_view code_insee) const;
  // Like find, but an arrondissement code returns its commune (75101 -> Paris)
  // and a former commune's code returns the commune that absorbed it.
  const Commune* find_commune(std::string_view code_insee) const;
  // Communes (not arrondissements) served by a postcode, by population desc.
  std::vector<const Commune*> by_postcode(std::string_view code_postal) const;

  // Best INSEE code for an address without one, see DerivationMethod for the
  // order tried. Name matching ignores case, accents, hyphens, apostrophes,
  // "St"/"Ste" vs "Saint"/"Sainte", a trailing "Cedex NN" and arrondissement
  // suffixes ("Marseille 3e"). Returns nullopt when nothing qualifies
  // (e.g. several communes share the postcode, the name is unknown and there
  // are no coordinates).
  std::optional<Derivation> derive_code_insee(std::string_view code_postal,
                                              std::string_view commune_name,
                                              std::optional<Coordinates> position) const;

  // Communes whose name (word prefixes, folded) or postcode starts with
  // `text`; ranked exact name > name prefix > word prefix (for digits: exact
  // postcode > exact INSEE code > postcode prefix), then population.
  // Arrondissements are included. At most `limit` hits.
  std::vector<SearchHit> search(std::string_view text, std::size_t limit = 10) const;

  // Membership codes of a commune or arrondissement (resolved through its
  // commune); nullopt/empty when the code is unknown.
  std::optional<std::string> departement_of(std::string_view code_insee) const;
  std::optional<std::string> region_of(std::string_view code_insee) const;
  std::optional<std::string> epci_of(std::string_view code_insee) const;
  // True when the place with this code lies in the territory. A commune
  // filter on 75056 contains 75101; a filter on 75101 contains only 75101.
  bool contains(const Territory& territory, std::string_view code_insee) const;

 private:
  std::vector<Commune> communes_;
  std::unordered_map<std::string, std::size_t> by_code_;
  std::unordered_map<std::string, std::size_t> by_former_code_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_postcode_;
  // postcode -> (folded name key, commune index) for derivation
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> names_by_postcode_;
  std::vector<std::string> folded_names_;  // parallel to communes_
  // For search(), so it answers without reading every commune: each start of
  // a word of a folded name (commune index, offset of the word), sorted by
  // the text from there; and every (postcode, commune index), sorted.
  struct WordStart {
    std::uint32_t commune;
    std::uint32_t offset;
  };
  std::vector<WordStart> word_starts_;
  std::vector<std::pair<std::string, std::uint32_t>> postcodes_;
  std::string_view suffix(const WordStart& w) const {
    return std::string_view(folded_names_[w.commune]).substr(w.offset);
  }
  // name key -> communes (arrondissement names lead to their commune)
  std::unordered_map<std::string, std::vector<std::size_t>> by_name_;
};

// Folded name key used for matching: fold_for_search + "st"->"saint",
// "ste"->"sainte", trailing "cedex [nn]" removed. Exposed for tests/dedupe.
std::string commune_name_key(std::string_view name);

}  // namespace relais::territory
