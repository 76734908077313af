#include "diagnosis/offer.h"

#include <algorithm>
#include <unordered_map>

#include "diagnosis/half_days.h"
#include "diagnosis/nearest_places.h"
#include "geo/distance.h"
#include "geo/hours_schedule.h"

namespace relais::diagnosis {

namespace {

bool has(const std::vector<Dispositif>& list, Dispositif d) { return std::find(list.begin(), list.end(), d) != list.end(); }

constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

// `territory` null: every commune.
OfferReport offer_in(const catalog::Catalog& catalog, const territory::Territory* territory,
                     const std::map<std::string, double>& index, const OfferOptions& options) {
  const auto& communes = catalog.communes();
  const auto all = communes.communes();
  OfferReport report;
  // Row of each commune of the index, by its position (kNoRow: not in the
  // territory, or an arrondissement).
  std::vector<std::size_t> row_of(all.size(), kNoRow);
  report.communes.reserve(territory ? 0 : all.size());
  auto position_of = [&](const territory::Commune* c) { return static_cast<std::size_t>(c - all.data()); };
  for (const auto& c : all) {
    if (c.commune_parente || (territory && !communes.contains(*territory, c.code_insee))) continue;
    CommuneOffer row;
    row.commune = &c;
    if (auto it = index.find(c.code_insee); it != index.end()) row.index = it->second;
    row_of[position_of(&c)] = report.communes.size();
    report.communes.push_back(row);
  }
  // An index given for arrondissements only (the IFN export for Paris and
  // Lyon): their population-weighted mean.
  {
    std::unordered_map<std::string, std::pair<double, double>> sums;  // commune -> (sum of index × pop, pop)
    for (const auto& c : communes.communes()) {
      if (!c.commune_parente || c.population <= 0) continue;
      auto it = index.find(c.code_insee);
      if (it == index.end()) continue;
      auto& s = sums[*c.commune_parente];
      s.first += it->second * static_cast<double>(c.population);
      s.second += static_cast<double>(c.population);
    }
    for (auto& row : report.communes) {
      auto it = sums.find(row.commune->code_insee);
      if (!row.index && it != sums.end() && it->second.second > 0) row.index = it->second.first / it->second.second;
    }
  }

  // Places in each commune.
  const auto places = catalog.places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& code = catalog.extras(i).code_insee;
    if (!code) continue;
    // The whole commune: an arrondissement's commune, a former commune's successor.
    const territory::Commune* c = communes.find_commune(*code);
    if (!c || row_of[position_of(c)] == kNoRow) continue;
    CommuneOffer& row = report.communes[row_of[position_of(c)]];
    const Place& p = places[i];
    ++row.places;
    for (Service s : p.services) ++row.places_by_service[static_cast<std::size_t>(s)];
    row.france_services += has(p.dispositif_programmes_nationaux, Dispositif::FranceServices);
    row.conseillers_numeriques += has(p.dispositif_programmes_nationaux, Dispositif::ConseillersNumeriques);
    row.aidants_connect += has(p.dispositif_programmes_nationaux, Dispositif::AidantsConnect);
  }

  // Distances: the nearest place (anywhere, not only in the territory) for
  // each service and for any service.
  const NearestPlaces nearest(catalog);
  constexpr int kNotComputed = -2, kUnknown = -1;
  std::vector<int> half_days(places.size(), kNotComputed);  // computed once per place met
  auto half_days_of = [&](std::uint32_t place) -> std::optional<int> {
    if (half_days[place] == kNotComputed) {
      half_days[place] = kUnknown;
      if (const auto* hours = geo::opening_hours_of(catalog.extras(place).schedule.get())) {
        half_days[place] = open_half_days(*hours, date::sys_days{date::days{options.week.time_since_epoch().count()}});
      }
    }
    return half_days[place] == kUnknown ? std::nullopt : std::optional<int>(half_days[place]);
  };
  for (auto& row : report.communes) {
    if (!row.commune->position) continue;
    const auto point = geo::to_unit_vector(*row.commune->position);
    if (auto hit = nearest.nearest(point, std::nullopt)) row.nearest_place_km = hit->metres / 1000;
    for (std::size_t s = 0; s < kServices; ++s) {
      auto hit = nearest.nearest(point, static_cast<Service>(s));
      if (!hit) continue;
      ServiceAccess& access = row.access[s];
      access.nearest_km = hit->metres / 1000;
      access.nearest_half_days = half_days_of(hit->place);
      access.open_enough = access.nearest_half_days && *access.nearest_half_days >= options.minimum_half_days;
    }
  }

  // Aggregates.
  TerritorySummary& sum = report.summary;
  for (const auto& row : report.communes) {
    const std::int64_t pop = row.commune->population;
    ++sum.communes;
    sum.population += pop;
    sum.communes_with_a_place += row.places > 0;
    sum.communes_without_position += !row.commune->position;
    if (row.commune->position) {
      for (std::size_t k = 0; k < kBeyondKm.size(); ++k) {
        if (!row.nearest_place_km || *row.nearest_place_km > kBeyondKm[k]) sum.population_beyond_km[k] += pop;
      }
    }
    if (row.index) {
      ++sum.communes_with_index;
      if (*row.index >= options.fragile_from) {
        sum.fragile_population += pop;
        if (row.commune->position && (!row.nearest_place_km || *row.nearest_place_km > options.reach_km)) {
          sum.fragile_population_without_help += pop;
        }
      }
    }
  }
  // By code, as offer.h promises: the store's communes already are (then
  // nothing moves); a catalogue built otherwise may not be.
  auto by_code = [](const CommuneOffer& a, const CommuneOffer& b) { return a.commune->code_insee < b.commune->code_insee; };
  if (!std::is_sorted(report.communes.begin(), report.communes.end(), by_code)) {
    std::sort(report.communes.begin(), report.communes.end(), by_code);
  }
  return report;
}

}  // namespace

OfferReport offer_of(const catalog::Catalog& catalog, const territory::Territory& territory,
                     const std::map<std::string, double>& index, const OfferOptions& options) {
  return offer_in(catalog, &territory, index, options);
}

OfferReport offer_of_france(const catalog::Catalog& catalog, const std::map<std::string, double>& index,
                            const OfferOptions& options) {
  return offer_in(catalog, nullptr, index, options);
}

std::vector<const CommuneOffer*> ranked_by_need(const OfferReport& report, const OfferOptions& options) {
  std::vector<const CommuneOffer*> out;
  for (const auto& row : report.communes) out.push_back(&row);
  auto without_help = [&](const CommuneOffer* r) {
    return r->index && *r->index >= options.fragile_from && r->commune->position &&
           (!r->nearest_place_km || *r->nearest_place_km > options.reach_km);
  };
  auto need = [](const CommuneOffer* r) { return r->index ? *r->index * static_cast<double>(r->commune->population) : -1.0; };
  std::stable_sort(out.begin(), out.end(), [&](const CommuneOffer* a, const CommuneOffer* b) {
    if (without_help(a) != without_help(b)) return without_help(a);
    if (a->index.has_value() != b->index.has_value()) return a->index.has_value();
    if (need(a) != need(b)) return need(a) > need(b);
    if (a->commune->population != b->commune->population) return a->commune->population > b->commune->population;
    return a->commune->code_insee < b->commune->code_insee;
  });
  return out;
}

}  // namespace relais::diagnosis
