#include "planning/territory_problem.h"

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
      continue;
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
  out.problem.covers.resize(out.candidates.size());
  for (std::size_t j = 0; j < out.candidates.size(); ++j) {
    for (std::size_t i = 0; i < out.demand.size(); ++i) {
      if (distance_km(*out.candidates[j]->position, *out.demand[i]->position) <= radius_km) {
        out.problem.covers[j].push_back(static_cast<std::uint32_t>(i));
      }
    }
  }
  return out;
}

}  // namespace relais::planning
