// A maximal covering problem from a territory (issue 4, "Planning"): where
// to open k new sites offering a service so that the most fragile people
// newly have one within the travel radius.
//
// - Demand points: the territory's whole communes with a position and an
//   index, that have no place offering the service within the radius today
//   (measured against every place of the catalogue, also across the border);
//   weight = population × index. Communes without an index are counted, not
//   guessed.
// - Candidates: the territory's whole communes with a position (a new site,
//   permanence or bus stop at the commune's centroid).
// - A candidate covers a demand point within the radius (great circle).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/enums.h"
#include "planning/covering.h"
#include "territory/commune.h"

namespace relais::planning {

struct TerritoryProblem {
  CoveringProblem problem;
  std::vector<const territory::Commune*> demand;      // parallel to problem.weight
  std::vector<const territory::Commune*> candidates;  // parallel to problem.covers
  std::size_t communes = 0;                 // whole communes of the territory
  std::size_t already_within_reach = 0;     // communes with a place offering the service within the radius
  std::size_t without_index = 0;            // communes left out of the demand for want of an index
  std::int64_t demand_population = 0;       // population of the demand points
};

TerritoryProblem territory_problem(const catalog::Catalog& catalog, const territory::Territory& territory,
                                   const std::map<std::string, double>& index, Service service, double radius_km,
                                   std::size_t k);

struct TerritoryProblemOptions {
  // false (the default above): only communes with no place offering the
  // service within the radius are demand ("newly within reach"). true: every
  // commune with an index is demand, whatever exists today (plain maximal
  // covering, e.g. the stops of a bus that replaces nothing); the communes
  // within reach are still counted in `already_within_reach`.
  bool include_within_reach = false;
};
TerritoryProblem territory_problem(const catalog::Catalog& catalog, const territory::Territory& territory,
                                   const std::map<std::string, double>& index, Service service, double radius_km,
                                   std::size_t k, const TerritoryProblemOptions& options);

// Great-circle distance in km (mean Earth radius 6,371.0088 km).
double distance_km(const Coordinates& a, const Coordinates& b);

}  // namespace relais::planning
