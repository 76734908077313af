#include "planning/bus_schedule.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "planning/territory_problem.h"

namespace relais::planning {

namespace {

// Initial bearing from `from` to `to`, radians in (−π, π].
double bearing(const Coordinates& from, const Coordinates& to) {
  const double rad = std::numbers::pi / 180;
  const double dlon = (to.longitude - from.longitude) * rad;
  const double y = std::sin(dlon) * std::cos(to.latitude * rad);
  const double x = std::cos(from.latitude * rad) * std::sin(to.latitude * rad) -
                   std::sin(from.latitude * rad) * std::cos(to.latitude * rad) * std::cos(dlon);
  return std::atan2(y, x);
}

}  // namespace

BusSchedule plan_bus_week(const std::vector<Coordinates>& stops, int half_days) {
  if (half_days < 1 || half_days > 14) throw std::invalid_argument("bus: 1 to 14 half-days a week");
  if (stops.size() > static_cast<std::size_t>(half_days)) {
    throw std::invalid_argument("bus: more stops than half-days a week");
  }
  BusSchedule out;
  const std::size_t n = stops.size();
  if (n == 0) return out;
  std::vector<std::vector<double>> km(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) km[i][j] = km[j][i] = distance_km(stops[i], stops[j]);
  }
  // The depot: the stop with the smallest sum of distances to the others (lowest index on ties).
  double best_sum = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (std::size_t j = 0; j < n; ++j) sum += km[i][j];
    if (sum < best_sum) {
      best_sum = sum;
      out.depot = i;
    }
  }
  const auto& from_depot = km[out.depot];
  auto single = [&](std::size_t i) { return 2 * from_depot[i]; };
  auto pair = [&](std::size_t i, std::size_t j) { return from_depot[i] + km[i][j] + from_depot[j]; };

  // cost[mask]: least weekly driving visiting the stops of `mask`; the lowest
  // stop of the mask is alone on its day or shares it with another. Ties go
  // to fewer days (pairing), then to the first choice found.
  const std::size_t full = (std::size_t{1} << n) - 1;
  std::vector<double> cost(full + 1, 0.0);
  std::vector<int> days(full + 1, 0), partner(full + 1, -1);  // partner -1: alone
  for (std::size_t mask = 1; mask <= full; ++mask) {
    const auto i = static_cast<std::size_t>(std::countr_zero(mask));
    const std::size_t rest = mask & ~(std::size_t{1} << i);
    cost[mask] = cost[rest] + single(i);
    days[mask] = days[rest] + 1;
    partner[mask] = -1;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (!(rest & (std::size_t{1} << j))) continue;
      const std::size_t other = rest & ~(std::size_t{1} << j);
      const double c = cost[other] + pair(i, j);
      const int d = days[other] + 1;
      if (c < cost[mask] - 1e-9 || (c <= cost[mask] + 1e-9 && d < days[mask])) {
        cost[mask] = c;
        days[mask] = d;
        partner[mask] = static_cast<int>(j);
      }
    }
  }
  struct Day {
    std::size_t first;
    std::optional<std::size_t> second;
    double km;
  };
  std::vector<Day> paired, alone;
  for (std::size_t mask = full; mask != 0;) {
    const auto i = static_cast<std::size_t>(std::countr_zero(mask));
    mask &= ~(std::size_t{1} << i);
    if (partner[mask | (std::size_t{1} << i)] < 0) {
      alone.push_back({i, std::nullopt, single(i)});
    } else {
      const auto j = static_cast<std::size_t>(partner[mask | (std::size_t{1} << i)]);
      mask &= ~(std::size_t{1} << j);
      paired.push_back({i, j, pair(i, j)});
    }
  }
  // Around the depot: by the bearing of the day's stops (the depot's own day first).
  auto angle = [&](const Day& day) {
    const Coordinates& depot = stops[out.depot];
    if (day.first == out.depot || (day.second && *day.second == out.depot)) return -10.0;
    const Coordinates& a = stops[day.first];
    const Coordinates& b = day.second ? stops[*day.second] : a;
    return bearing(depot, {(a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2});
  };
  auto by_angle = [&](const Day& x, const Day& y) { return angle(x) < angle(y); };
  std::stable_sort(paired.begin(), paired.end(), by_angle);
  std::stable_sort(alone.begin(), alone.end(), by_angle);
  // Mornings: within a day, the stop met first going round.
  for (auto& day : paired) {
    const Coordinates& depot = stops[out.depot];
    const bool first_at_depot = day.first == out.depot;
    const bool second_at_depot = *day.second == out.depot;
    if (second_at_depot || (!first_at_depot && bearing(depot, stops[*day.second]) < bearing(depot, stops[day.first]))) {
      std::swap(day.first, *day.second);
    }
  }
  // Paired days first, then the lone stops (the last day of an odd number of half-days has a morning only).
  std::vector<Day> week = paired;
  week.insert(week.end(), alone.begin(), alone.end());
  for (std::size_t d = 0; d < week.size(); ++d) {
    out.days.push_back({static_cast<int>(d), week[d].first, week[d].second, week[d].km});
    out.total_km += week[d].km;
  }
  return out;
}

}  // namespace relais::planning
