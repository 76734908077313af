#include "planning/territory_problem.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace relais::planning {

double distance_km(const Coordinates& a, const Coordinates& b) {
  constexpr double kRadiusKm = 6371.0088;
  const double to_rad = std::numbers::pi / 180;
  const double dlat = (b.latitude - a.latitude) * to_rad, dlon = (b.longitude - a.longitude) * to_rad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * to_rad) * std::cos(b.latitude * to_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

TerritoryProblem territory_problem(const catalog::Catalog& catalog, const territory::Territory& territory,
                                   const std::map<std::string, double>& index, Service service, double radius_km,
                                   std::size_t k) {
  return territory_problem(catalog, territory, index, service, radius_km, k, TerritoryProblemOptions{});
}

TerritoryProblem territory_problem(const catalog::Catalog& catalog, const territory::Territory& territory,
                                   const std::map<std::string, double>& index, Service service, double radius_km,
                                   std::size_t k, const TerritoryProblemOptions& options) {
  const auto& communes = catalog.communes();
  TerritoryProblem out;
  out.problem.k = k;
  for (const auto& c : communes.communes()) {
    if (c.commune_parente || !communes.contains(territory, c.code_insee)) continue;
    ++out.communes;
    if (!c.position) continue;
    out.candidates.push_back(&c);
    // Within reach today?
    geo::Query q;
    q.near = *c.position;
    q.radius_metres = radius_km * 1000;
    q.services = {service};
    q.limit = 1;
    if (!catalog.index().search(q).hits.empty()) {
      ++out.already_within_reach;
      if (!options.include_within_reach) continue;
    }
    auto it = index.find(c.code_insee);
    if (it == index.end()) {
      ++out.without_index;
      continue;
    }
    const double weight = static_cast<double>(c.population) * it->second;
    if (weight <= 0) continue;
    out.demand.push_back(&c);
    out.problem.weight.push_back(weight);
    out.demand_population += c.population;
  }
  // Demand points sorted by latitude: a candidate only looks at the band of
  // latitudes within the radius (a degree of latitude is at least 110.5 km),
  // so a region's 5,000 × 5,000 pairs are not all measured.
  std::vector<std::uint32_t> by_latitude(out.demand.size());
  for (std::uint32_t i = 0; i < by_latitude.size(); ++i) by_latitude[i] = i;
  std::sort(by_latitude.begin(), by_latitude.end(), [&](std::uint32_t a, std::uint32_t b) {
    return out.demand[a]->position->latitude < out.demand[b]->position->latitude;
  });
  const double band_degrees = radius_km / 110.5;
  out.problem.covers.resize(out.candidates.size());
  for (std::size_t j = 0; j < out.candidates.size(); ++j) {
    const Coordinates& site = *out.candidates[j]->position;
    auto first = std::lower_bound(by_latitude.begin(), by_latitude.end(), site.latitude - band_degrees,
                                  [&](std::uint32_t i, double latitude) { return out.demand[i]->position->latitude < latitude; });
    auto& list = out.problem.covers[j];
    for (auto it = first; it != by_latitude.end(); ++it) {
      const Coordinates& point = *out.demand[*it]->position;
      if (point.latitude > site.latitude + band_degrees) break;
      if (distance_km(site, point) <= radius_km) list.push_back(*it);
    }
    std::sort(list.begin(), list.end());
  }
  return out;
}

}  // namespace relais::planning
