// The offer side by side with need, per commune of a territory (issue 4,
// "The offer side by side"): places and programmes in the commune, the
// distance from the commune to the nearest place offering each service and
// whether that place is open enough, the index of the commune; then the
// territory's aggregates (population beyond 10/20/30 km of any place,
// fragile population without help within reach) and the communes ranked by
// need. Pure: everything comes from a loaded catalogue and index values.
//
// Conventions (docs/diagnosis.md): a territory's rows are whole communes
// (Paris, Lyon, Marseille rather than their arrondissements; a place in an
// arrondissement counts in its commune); the commune's position is its La
// Poste centroid, distances are great-circle; an index given only for the
// arrondissements is their population-weighted mean.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/enums.h"
#include "territory/commune.h"

namespace relais::diagnosis {

inline constexpr std::size_t kServices = 9;  // enum_count<Service>()
inline constexpr std::array<double, 3> kBeyondKm{10, 20, 30};

struct OfferOptions {
  // First day of the week whose hours count (a week without public holidays).
  std::chrono::sys_days week{};
  int minimum_half_days = 2;   // "open enough"
  double reach_km = 10;        // "help within reach"
  double fragile_from = 7;     // index at or above: fragile (the IFN's 0-10 scale)
};

struct ServiceAccess {
  std::optional<double> nearest_km;      // nothing: no place offers it, or the commune has no position
  std::optional<int> nearest_half_days;  // open half-days of that place; nothing: hours unknown
  bool open_enough = false;              // nearest_half_days >= OfferOptions::minimum_half_days
};

struct CommuneOffer {
  const territory::Commune* commune = nullptr;
  std::optional<double> index;
  std::size_t places = 0;  // in the commune
  std::array<std::size_t, kServices> places_by_service{};
  std::size_t france_services = 0, conseillers_numeriques = 0, aidants_connect = 0;
  std::array<ServiceAccess, kServices> access;
  std::optional<double> nearest_place_km;  // any place, any service
};

struct TerritorySummary {
  std::size_t communes = 0, communes_without_position = 0, communes_with_a_place = 0;
  std::int64_t population = 0;
  std::array<std::int64_t, kBeyondKm.size()> population_beyond_km{};  // no place at all within 10, 20, 30 km
  std::int64_t fragile_population = 0;                 // index >= fragile_from
  std::int64_t fragile_population_without_help = 0;    // and no place within reach_km
  std::size_t communes_with_index = 0;
};

struct OfferReport {
  std::vector<CommuneOffer> communes;  // by code
  TerritorySummary summary;
};

// `index`: commune code -> index value (e.g. the official IFN total), from
// the store's indicator values. Communes outside `territory` are ignored.
OfferReport offer_of(const catalog::Catalog& catalog, const territory::Territory& territory,
                     const std::map<std::string, double>& index, const OfferOptions& options);
// The same for every commune of the catalogue (the whole country).
OfferReport offer_of_france(const catalog::Catalog& catalog, const std::map<std::string, double>& index,
                            const OfferOptions& options);

// Communes ranked by need: fragile ones without a place within reach first,
// by population × index, then the others by the same product (communes
// without an index last, by population).
std::vector<const CommuneOffer*> ranked_by_need(const OfferReport& report, const OfferOptions& options);

}  // namespace relais::diagnosis
