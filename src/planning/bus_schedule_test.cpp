#include "planning/bus_schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <set>

#include "planning/territory_problem.h"

namespace relais::planning {
namespace {

// Least weekly driving over every way of sharing days, by enumeration.
double brute_force_km(const std::vector<Coordinates>& stops, std::size_t depot) {
  std::vector<bool> used(stops.size(), false);
  std::function<double()> best = [&]() -> double {
    std::size_t i = 0;
    while (i < stops.size() && used[i]) ++i;
    if (i == stops.size()) return 0.0;
    used[i] = true;
    double out = 2 * distance_km(stops[depot], stops[i]) + best();
    for (std::size_t j = i + 1; j < stops.size(); ++j) {
      if (used[j]) continue;
      used[j] = true;
      out = std::min(out, distance_km(stops[depot], stops[i]) + distance_km(stops[i], stops[j]) +
                              distance_km(stops[j], stops[depot]) + best());
      used[j] = false;
    }
    used[i] = false;
    return out;
  };
  return best();
}

TEST(PlanningBusSchedule, PairsNeighboursAndCountsTheKilometres) {
  // Deux-Sèvres: Parthenay and a stop beside it, Niort, Melle.
  const std::vector<Coordinates> stops{{46.6486, -0.2483}, {46.3237, -0.4588}, {46.6520, -0.2000}, {46.2222, -0.1450}};
  const auto week = plan_bus_week(stops, 10);
  // The depot has the smallest sum of distances to the others: Parthenay (the pair pulls it north).
  EXPECT_EQ(week.depot, 0u);
  const auto depot = stops[week.depot];
  ASSERT_EQ(week.days.size(), 2u) << "four stops, two a day";
  std::set<std::size_t> seen;
  double total = 0;
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    const auto& day = week.days[d];
    EXPECT_EQ(day.weekday, static_cast<int>(d));
    ASSERT_TRUE(day.morning && day.afternoon);
    seen.insert(*day.morning);
    seen.insert(*day.afternoon);
    const double expected = distance_km(depot, stops[*day.morning]) +
                            distance_km(stops[*day.morning], stops[*day.afternoon]) +
                            distance_km(stops[*day.afternoon], depot);
    EXPECT_NEAR(day.km, expected, 1e-9);
    total += day.km;
  }
  EXPECT_EQ(seen.size(), 4u) << "each stop once a week";
  EXPECT_NEAR(week.total_km, total, 1e-9);
  // The two northern stops share a day (the depot's, first), Niort and Melle the other.
  EXPECT_EQ(std::set<std::size_t>({*week.days[0].morning, *week.days[0].afternoon}), (std::set<std::size_t>{0, 2}));
  EXPECT_EQ(*week.days[0].morning, 0u) << "the depot's stop in the morning";
  EXPECT_EQ(std::set<std::size_t>({*week.days[1].morning, *week.days[1].afternoon}), (std::set<std::size_t>{1, 3}));
  EXPECT_NEAR(week.total_km, brute_force_km(stops, week.depot), 1e-9);
}

TEST(PlanningBusSchedule, OptimalOnRandomWeeks) {
  std::mt19937 rng(79);
  std::uniform_real_distribution<double> lat(45.5, 46.5), lon(-0.5, 1.0);
  for (int trial = 0; trial < 40; ++trial) {
    const int half_days = 1 + trial % 11;
    std::vector<Coordinates> stops(static_cast<std::size_t>(1 + trial % half_days));
    for (auto& s : stops) s = {lat(rng), lon(rng)};
    const auto week = plan_bus_week(stops, half_days);
    EXPECT_NEAR(week.total_km, brute_force_km(stops, week.depot), 1e-6);
    std::size_t visits = 0, lone = 0;
    for (const auto& day : week.days) {
      ASSERT_TRUE(day.morning);
      visits += 1 + (day.afternoon ? 1 : 0);
      lone += day.afternoon ? 0 : 1;
    }
    EXPECT_EQ(visits, stops.size());
    EXPECT_LE(lone, 1u) << "pairing never drives more";
    EXPECT_LE(static_cast<int>(week.days.size()), (half_days + 1) / 2);
    if (half_days % 2 == 1 && static_cast<int>(stops.size()) == half_days) {
      EXPECT_FALSE(week.days.back().afternoon) << "the last day of an odd week has a morning only";
    }
  }
}

TEST(PlanningBusSchedule, Limits) {
  EXPECT_TRUE(plan_bus_week({}, 10).days.empty());
  const auto one = plan_bus_week({{46.3, -0.46}}, 1);
  ASSERT_EQ(one.days.size(), 1u);
  EXPECT_EQ(one.days[0].km, 0.0) << "the lone stop is the depot";
  EXPECT_THROW(plan_bus_week({{46, 0}, {46.1, 0}}, 1), std::invalid_argument);
  EXPECT_THROW(plan_bus_week({}, 15), std::invalid_argument);
  EXPECT_THROW(plan_bus_week({}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace relais::planning
