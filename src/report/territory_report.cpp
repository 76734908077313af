#include "report/territory_report.h"

#include <algorithm>
#include <stdexcept>

#include "planning/covering.h"
#include "planning/territory_problem.h"

namespace relais::report {
namespace {

// A place is drawn on the maps when it lies within this many degrees of the
// box around the territory's communes (about 15 km): the places just across
// the border are part of the offer people reach.
constexpr double kPlaceMarginDegrees = 0.02;

PlanningProposal propose(const catalog::Catalog& catalog, const territory::Territory& territory,
                         const std::map<std::string, double>& index, const PlanningOptions& options) {
  PlanningProposal proposal;
  proposal.options = options;
  const auto problem =
      planning::territory_problem(catalog, territory, index, options.service, options.radius_km, options.k);
  proposal.demand_communes = problem.demand.size();
  proposal.demand_population = problem.demand_population;
  proposal.communes_already_within_reach = problem.already_within_reach;
  proposal.communes_without_index = problem.without_index;
  for (const double w : problem.problem.weight) proposal.total_weight += w;
  if (problem.candidates.empty() || problem.demand.empty()) return proposal;

  const auto solution = planning::solve_heuristic(problem.problem, &proposal.upper_bound);
  proposal.covered_weight = solution.covered_weight;
  std::vector<bool> covered(problem.demand.size(), false);
  for (const auto candidate : solution.chosen) {
    ProposedSite site;
    site.commune = problem.candidates[candidate];
    for (const auto point : problem.problem.covers[candidate]) {
      if (covered[point]) continue;
      covered[point] = true;
      site.newly_covered.push_back(problem.demand[point]);
      site.population_newly_within_reach += problem.demand[point]->population;
    }
    proposal.population_newly_within_reach += site.population_newly_within_reach;
    proposal.sites.push_back(std::move(site));
  }
  return proposal;
}

}  // namespace

const diagnosis::CommuneOffer* TerritoryReport::find(std::string_view code) const {
  const auto it = std::lower_bound(offer.communes.begin(), offer.communes.end(), code,
                                   [](const diagnosis::CommuneOffer& row, std::string_view c) {
                                     return row.commune->code_insee < c;
                                   });
  return it != offer.communes.end() && it->commune->code_insee == code ? &*it : nullptr;
}

TerritoryReport build_territory_report(ReportInputs inputs) {
  if (inputs.catalog == nullptr || inputs.index == nullptr) throw std::invalid_argument("report: no catalogue or index");
  const auto& catalog = *inputs.catalog;
  TerritoryReport report;
  report.territory = inputs.territory;
  report.title = std::move(inputs.title);
  report.index_label = std::move(inputs.index_label);
  report.offer_options = inputs.offer;
  report.sources = std::move(inputs.sources);
  report.generated_on = inputs.today;
  report.offer = diagnosis::offer_of(catalog, inputs.territory, *inputs.index, inputs.offer);
  if (report.offer.communes.empty()) throw std::invalid_argument("no commune of the database is in the territory");
  report.ranked = diagnosis::ranked_by_need(report.offer, inputs.offer);
  double weighted = 0, population = 0;
  for (const auto& row : report.offer.communes) {
    if (!row.index || row.commune->population <= 0) continue;
    weighted += *row.index * static_cast<double>(row.commune->population);
    population += static_cast<double>(row.commune->population);
  }
  if (population > 0) report.territory_index = weighted / population;
  report.proposal = propose(catalog, inputs.territory, *inputs.index, inputs.planning);

  for (const auto& contour : inputs.contours) {
    if (report.find(contour.code) != nullptr) report.contours.push_back(contour);
  }

  const char* own_level = inputs.territory.level == territory::TerritoryLevel::Departement ? maps::kDepartement
                          : inputs.territory.level == territory::TerritoryLevel::Region    ? maps::kRegion
                                                                                           : "";
  for (const auto& outline : inputs.outlines) {
    if (outline.level == own_level && outline.code == inputs.territory.code) report.outlines.push_back(outline);
  }

  double south = 90, north = -90, west = 180, east = -180;
  for (const auto& row : report.offer.communes) {
    if (!row.commune->position) continue;
    south = std::min(south, row.commune->position->latitude);
    north = std::max(north, row.commune->position->latitude);
    west = std::min(west, row.commune->position->longitude);
    east = std::max(east, row.commune->position->longitude);
  }
  for (const auto& contour : report.contours) {
    for (const auto& polygon : contour.polygons) {
      for (const auto& point : polygon.front()) {
        south = std::min(south, point.latitude);
        north = std::max(north, point.latitude);
        west = std::min(west, point.longitude);
        east = std::max(east, point.longitude);
      }
    }
  }
  const auto places = catalog.places();
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& at = places[i].coordinates;
    if (!at) continue;
    if (at->latitude >= south - kPlaceMarginDegrees && at->latitude <= north + kPlaceMarginDegrees &&
        at->longitude >= west - kPlaceMarginDegrees && at->longitude <= east + kPlaceMarginDegrees) {
      report.places.push_back(i);
    }
  }
  return report;
}

std::string territory_title(const territory::Territory& territory, const std::string& name) {
  const char* level = "";
  switch (territory.level) {
    case territory::TerritoryLevel::Commune: level = "commune"; break;
    case territory::TerritoryLevel::Epci: level = "EPCI"; break;
    case territory::TerritoryLevel::Departement: level = "département"; break;
    case territory::TerritoryLevel::Region: level = "région"; break;
  }
  if (name.empty()) return std::string(level) + " " + territory.code;
  return name + " (" + level + " " + territory.code + ")";
}

}  // namespace relais::report
