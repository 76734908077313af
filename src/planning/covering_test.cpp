#include "planning/covering.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace relais::planning {
namespace {

// Greedy takes the big site first and can then only add 1; the swap finds the pair that covers everything.
CoveringProblem greedy_trap() {
  return {.weight = {1, 1, 1, 1, 1, 1}, .covers = {{1, 2, 3, 4}, {0, 1, 2}, {3, 4, 5}}, .k = 2};
}

TEST(PlanningCovering, LazyGreedyThenSwaps) {
  auto greedy = lazy_greedy(greedy_trap());
  EXPECT_EQ(greedy.chosen.front(), 0u);
  EXPECT_EQ(greedy.covered_weight, 5.0);
  auto improved = solve_heuristic(greedy_trap());
  EXPECT_EQ(improved.covered_weight, 6.0);
  EXPECT_EQ(covered_weight(greedy_trap(), improved.chosen), 6.0);
}

TEST(PlanningCovering, StopsWhenNothingIsLeftToCover) {
  CoveringProblem p{.weight = {2, 3}, .covers = {{0}, {0, 1}, {}}, .k = 3};
  auto s = solve_heuristic(p);
  EXPECT_EQ(s.chosen, (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(s.covered_weight, 5.0);
  EXPECT_THROW(lazy_greedy(CoveringProblem{.weight = {1}, .covers = {{3}}, .k = 1}), std::invalid_argument);
}

double brute_force_optimum(const CoveringProblem& p) {
  const std::size_t n = p.covers.size();
  double best = 0;
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) > p.k) continue;
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t j = 0; j < n; ++j) {
      if (mask & (1u << j)) chosen.push_back(j);
    }
    best = std::max(best, covered_weight(p, chosen));
  }
  return best;
}

CoveringProblem random_problem(std::mt19937& rng, std::size_t candidates, std::size_t points, std::size_t k) {
  CoveringProblem p;
  std::uniform_real_distribution<double> weight(0, 100);
  std::bernoulli_distribution covers(0.25);
  for (std::size_t i = 0; i < points; ++i) p.weight.push_back(weight(rng));
  p.covers.resize(candidates);
  for (auto& list : p.covers) {
    for (std::uint32_t i = 0; i < points; ++i) {
      if (covers(rng)) list.push_back(i);
    }
  }
  p.k = k;
  return p;
}

TEST(PlanningCovering, NeverAboveTheOptimumAndCloseToIt) {
  std::mt19937 rng(2026);
  double worst_ratio = 1;
  for (int trial = 0; trial < 200; ++trial) {
    auto p = random_problem(rng, 12, 30, 1 + trial % 4);
    const double optimum = brute_force_optimum(p);
    const auto s = solve_heuristic(p);
    EXPECT_LE(s.covered_weight, optimum + 1e-9);
    EXPECT_LE(s.chosen.size(), p.k);
    EXPECT_NEAR(s.covered_weight, covered_weight(p, s.chosen), 1e-9);
    if (optimum > 0) worst_ratio = std::min(worst_ratio, s.covered_weight / optimum);
  }
  EXPECT_GE(worst_ratio, 1 - 1 / 2.718281828) << "greedy's guarantee";
  std::cout << "worst heuristic / optimum over 200 random instances: " << worst_ratio << "\n";
}

// Points and sites on a plane, a site covering the points within a radius:
// the structure of the real instances (overlapping discs), large enough for
// the destroy-and-repair and the perturbations to matter.
CoveringProblem plane_problem(std::mt19937& rng, std::size_t sites, std::size_t points, double radius, std::size_t k) {
  std::uniform_real_distribution<double> coordinate(0, 100), weight(1, 100);
  std::vector<std::pair<double, double>> at(points);
  CoveringProblem p;
  for (auto& xy : at) {
    xy = {coordinate(rng), coordinate(rng)};
    p.weight.push_back(weight(rng));
  }
  p.covers.resize(sites);
  for (auto& list : p.covers) {
    const double x = coordinate(rng), y = coordinate(rng);
    for (std::uint32_t i = 0; i < points; ++i) {
      if (std::hypot(at[i].first - x, at[i].second - y) <= radius) list.push_back(i);
    }
  }
  p.k = k;
  return p;
}

TEST(PlanningCovering, EachStepOnlyImprovesAndTheBoundHolds) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 5; ++trial) {
    const auto p = plane_problem(rng, 400, 600, 9, 12);
    const auto greedy = lazy_greedy(p);
    const auto swapped = improve_by_swaps(p, greedy);
    EXPECT_GE(swapped.covered_weight, greedy.covered_weight);
    const auto repaired = destroy_and_repair(p, swapped);
    EXPECT_GE(repaired.covered_weight, swapped.covered_weight);
    EXPECT_NEAR(repaired.covered_weight, covered_weight(p, repaired.chosen), 1e-6);
    HeuristicReport report;
    const auto best = solve_heuristic(p, HeuristicOptions{}, &report);
    EXPECT_GE(best.covered_weight, repaired.covered_weight - 1e-6);
    EXPECT_LE(best.covered_weight, report.upper_bound + 1e-6) << "the Lagrangian bound is an upper bound";
    EXPECT_EQ(best.chosen.size(), p.k);
    EXPECT_GE(report.starts, 1u);
    EXPECT_GT(report.lagrangian_iterations, 0);
    double bound = 0;
    EXPECT_EQ(solve_heuristic(p, &bound).chosen, best.chosen) << "deterministic";
    EXPECT_EQ(bound, report.upper_bound);
    // No time at all: still a complete solution, at least the best start's swap optimum.
    HeuristicReport rushed;
    const auto quick = solve_heuristic(p, HeuristicOptions{.time_budget_seconds = 0}, &rushed);
    EXPECT_TRUE(rushed.out_of_time);
    EXPECT_EQ(quick.chosen.size(), p.k);
    EXPECT_GE(quick.covered_weight, swapped.covered_weight - 1e-6);
  }
}

}  // namespace
}  // namespace relais::planning
