// The territorial diagnosis for people who decide (issue 4, "Outputs"): one
// value holding everything the report shows — the offer side by side with
// need (diagnosis/offer.h), the communes ranked by need, a planning proposal
// (planning/territory_problem.h) and the data sources with their dates — built
// once, then written as CSV, GeoJSON and a printable HTML page by the writers
// of this module and the pages module. Pure: the caller loads everything
// (catalogue, index values, contours, sources) from the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/enums.h"
#include "diagnosis/offer.h"
#include "maps/contour.h"
#include "territory/commune.h"

namespace relais::report {

// One dataset behind the report, as the sources section lists it.
struct DataSource {
  std::string what;    // "Indice de fragilité numérique", "Lieux de médiation numérique", …
  std::string origin;  // who published it / the file
  std::string date;    // of the data, as the source gives it; empty when unknown
};

struct PlanningOptions {
  Service service = Service::AideDemarchesAdministratives;
  double radius_km = 10;
  std::size_t k = 5;
};

struct ProposedSite {
  const territory::Commune* commune = nullptr;
  // Demand communes that this site brings within reach and that no site
  // chosen before it already covered (the sites in the heuristic's order).
  std::vector<const territory::Commune*> newly_covered;
  std::int64_t population_newly_within_reach = 0;
};

struct PlanningProposal {
  PlanningOptions options;
  std::vector<ProposedSite> sites;
  std::size_t demand_communes = 0;          // out of reach of the service today, with an index
  std::int64_t demand_population = 0;
  std::size_t communes_already_within_reach = 0;
  std::size_t communes_without_index = 0;
  std::int64_t population_newly_within_reach = 0;  // sum over the sites
  double total_weight = 0;                         // Σ population × index of the demand communes
  double covered_weight = 0;                       // Σ population × index newly covered
  double upper_bound = 0;                          // Lagrangian bound: no choice of k sites covers more
};

struct TerritoryReport {
  territory::Territory territory;
  std::string title;          // "Rhône (département 69)"
  std::string index_label;    // "IFN 2023 (officiel)" or the set:indicator
  diagnosis::OfferOptions offer_options;
  diagnosis::OfferReport offer;
  std::vector<const diagnosis::CommuneOffer*> ranked;  // by need (diagnosis::ranked_by_need)
  // The territory's index: the population-weighted mean of its communes'
  // (those with an index and a population), as the IFN aggregates EPCI and
  // départements; nothing when no commune has one.
  std::optional<double> territory_index;
  PlanningProposal proposal;
  std::vector<DataSource> sources;
  std::chrono::sys_days generated_on{};
  // Contours of the territory's communes (may be empty: maps then show the
  // communes as points); codes are today's whole communes.
  std::vector<maps::Contour> contours;
  // The border of the territory when it is a département or a région whose
  // contour was imported (drawn over the communes).
  std::vector<maps::Contour> outlines;
  // The places of the catalogue in or near the territory (indexes into
  // catalog.places()), for the maps.
  std::vector<std::size_t> places;

  // Index of the commune with this code, or nullptr (by code, the offer's order).
  const diagnosis::CommuneOffer* find(std::string_view code) const;
};

struct ReportInputs {
  const catalog::Catalog* catalog = nullptr;
  territory::Territory territory;
  std::string title;
  std::string index_label;
  const std::map<std::string, double>* index = nullptr;
  diagnosis::OfferOptions offer;
  PlanningOptions planning;
  std::vector<DataSource> sources;
  // Any level-"commune" contours (all of them, as loaded): the report copies
  // only the territory's. Must outlive the call.
  std::span<const maps::Contour> contours;
  // Any département/région contours: only the territory's own is copied.
  std::span<const maps::Contour> outlines;
  std::chrono::sys_days today{};
};

// Builds the report; throws std::invalid_argument when no commune of the
// catalogue is in the territory.
TerritoryReport build_territory_report(ReportInputs inputs);

// "Rhône (69)", "Auvergne-Rhône-Alpes (région 84)", … from the names when
// known, else "département 69".
std::string territory_title(const territory::Territory& territory, const std::string& name);

}  // namespace relais::report
