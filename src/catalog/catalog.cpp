#include "catalog/catalog.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "dedupe/merge.h"
#include "geo/hours_schedule.h"

namespace relais::catalog {
namespace {

std::string record_key(std::string_view source, std::string_view id) {
  std::string key;
  key.reserve(source.size() + id.size() + 1);
  key.append(source).push_back('\x1f');  // unit separator: cannot occur in either part
  key.append(id);
  return key;
}

// The place's commune code as the index knows it: the given code when the
// index knows it (or knows it as a former code), else one derived from the
// postcode, the commune name and the coordinates.
std::optional<std::string> effective_code_insee(const territory::CommuneIndex& communes, const Place& place,
                                                bool& derived) {
  derived = false;
  if (place.code_insee) {
    if (communes.size() == 0 || communes.find(*place.code_insee)) return place.code_insee;
    if (const auto* absorbing = communes.find_commune(*place.code_insee)) return absorbing->code_insee;
  }
  if (communes.size() == 0) return place.code_insee;
  auto derivation = communes.derive_code_insee(place.code_postal, place.commune, place.coordinates);
  if (!derivation) return place.code_insee;
  derived = true;
  return derivation->code_insee;
}

}  // namespace

Catalog Catalog::load(store::Store& store, const LoadOptions& options) {
  auto stored = store.load_stored_places();
  auto groups = options.deduplicated ? store.load_duplicate_groups() : std::vector<store::DuplicateMember>{};
  return Catalog(std::move(stored), groups, store.load_communes(), options);
}

Catalog::Catalog(std::vector<store::StoredPlace> stored, std::span<const store::DuplicateMember> groups,
                 std::vector<territory::Commune> communes, const LoadOptions& options)
    : communes_(std::make_unique<territory::CommuneIndex>(std::move(communes))), stored_count_(stored.size()) {
  std::unordered_map<std::string, std::size_t> position;
  position.reserve(stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) position.emplace(record_key(stored[i].source, stored[i].place.id), i);

  // group id -> members (indices into `stored`), in group id order.
  std::map<std::string, std::vector<std::size_t>> members;
  std::vector<bool> grouped(stored.size(), false);
  if (options.deduplicated) {
    for (const auto& member : groups) {
      auto found = position.find(record_key(member.source, member.place_id));
      if (found == position.end()) continue;  // the store guarantees it exists; be tolerant anyway
      members[member.group_id].push_back(found->second);
      grouped[found->second] = true;
    }
  }

  places_.reserve(stored.size());  // at a million places, growth by doubling held ~1 GB more at its peak
  records_.reserve(stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (grouped[i]) continue;
    records_.push_back({{stored[i].source, stored[i].place.id}});
    places_.push_back(std::move(stored[i].place));
  }
  if (!members.empty()) {
    // merge_group works on indices into one span of places.
    std::vector<Place> group_places;
    for (auto& [group_id, indices] : members) {
      if (indices.size() < 2) {  // a lone member (its partners were removed): keep it as is
        for (auto i : indices) {
          records_.push_back({{stored[i].source, stored[i].place.id}});
          places_.push_back(stored[i].place);
        }
        continue;
      }
      group_places.clear();
      dedupe::Group group{group_id, {}};
      std::vector<SourceRecord> records;
      std::optional<std::size_t> team_record;  // in group_places
      for (auto i : indices) {
        if (stored[i].edited_by_team &&
            (!team_record || stored[i].place.date_maj > group_places[*team_record].date_maj)) {
          team_record = group_places.size();
        }
        group.members.push_back(group_places.size());
        group_places.push_back(stored[i].place);
        records.push_back({stored[i].source, stored[i].place.id});
      }
      auto merged = dedupe::merge_group(group_places, group, options.today);
      if (merged && team_record) {
        // The place's own team has the last word: its record whole (a service
        // or an opening it removed must not come back from a duplicate),
        // under the group's merged id.
        std::string id = std::move(merged->id);
        *merged = group_places[*team_record];
        merged->id = std::move(id);
      }
      if (!merged) {  // id too long to merge (the pipeline drops it): keep the members apart
        for (std::size_t k = 0; k < group_places.size(); ++k) {
          records_.push_back({records[k]});
          places_.push_back(std::move(group_places[k]));
        }
        continue;
      }
      records_.push_back(std::move(records));
      places_.push_back(std::move(*merged));
    }
  }

  // What was moved out of leaves shells (a Place is about 1 KB): free them
  // before the extras and the index are built, not after.
  std::vector<store::StoredPlace>().swap(stored);
  decltype(position)().swap(position);

  extras_.reserve(places_.size());
  // Places share few distinct opening hours ("Mo-Fr 09:00-12:00,14:00-17:00"
  // and the like): one compiled schedule per distinct text, shared (schedules
  // are immutable), saves a parse and about 2 KB per place. Keys view
  // places_, which no longer moves.
  std::unordered_map<std::string_view, std::shared_ptr<const geo::OpenSchedule>> schedules;
  for (const auto& place : places_) {
    geo::PlaceExtras extras;
    bool derived = false;
    extras.code_insee = effective_code_insee(*communes_, place, derived);
    if (derived) ++derived_codes_;
    if (extras.code_insee) {
      if (communes_->size() != 0 && communes_->find(*extras.code_insee)) {
        extras.departement = communes_->departement_of(*extras.code_insee);
        extras.region = communes_->region_of(*extras.code_insee);
        extras.epci = communes_->epci_of(*extras.code_insee);
      } else {
        extras.departement = geo::extras_from_place(place).departement;
      }
    }
    if (place.horaires) {
      auto [it, added] = schedules.try_emplace(*place.horaires);
      if (added) it->second = geo::compile_schedule(*place.horaires);
      extras.schedule = it->second;
    }
    extras_.push_back(std::move(extras));
  }
  index_ = std::make_unique<geo::Index>(
      geo::Index::build(places_, [this](std::size_t i, const Place&) { return extras_[i]; }));
}

geo::Results Catalog::search(geo::Query query) const {
  auto& codes = query.territory.communes;
  if (!codes.empty() && communes_->size() != 0) {
    std::vector<std::string> expanded;
    for (const auto& code : codes) {
      expanded.push_back(code);
      const auto* commune = communes_->find(code) ? communes_->find(code) : communes_->find_commune(code);
      if (!commune) continue;
      if (commune->code_insee != code) expanded.push_back(commune->code_insee);
      for (const auto& other : communes_->communes()) {
        if (other.commune_parente == commune->code_insee) expanded.push_back(other.code_insee);
      }
    }
    std::sort(expanded.begin(), expanded.end());
    expanded.erase(std::unique(expanded.begin(), expanded.end()), expanded.end());
    codes = std::move(expanded);
  }
  return index_->search(query);
}

Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

std::optional<CommuneLocation> locate_commune(const territory::CommuneIndex& communes, std::string_view text) {
  for (const auto& hit : communes.search(text, 5)) {
    if (hit.commune->position) return CommuneLocation{hit.commune, *hit.commune->position};
  }
  return std::nullopt;
}

}  // namespace relais::catalog
