#include "planning/exact_solver.h"

#include <gtest/gtest.h>

#include <random>

namespace relais::planning {
namespace {

TEST(PlanningExactSolver, WritesTheIntegerProgram) {
  CoveringProblem p{.weight = {2.5, 0, 1}, .covers = {{0, 1}, {0, 2}, {}}, .k = 1};
  const std::string lp = covering_lp(p);
  EXPECT_NE(lp.find("Maximize\n obj: + 2.5 y0 + 1 y2\n"), std::string::npos) << lp;
  EXPECT_NE(lp.find(" c0: y0 - x0 - x1 <= 0\n"), std::string::npos) << lp;
  EXPECT_EQ(lp.find("y1"), std::string::npos) << "a point of weight 0 is left out";
  EXPECT_NE(lp.find(" k: + x0 + x1 + x2 <= 1\n"), std::string::npos) << lp;
  EXPECT_NE(lp.find("Binary\n x0\n x1\n x2\nEnd\n"), std::string::npos) << lp;
}

TEST(PlanningExactSolver, CbcFindsTheOptimum) {
  if (!exact_solver_available()) GTEST_SKIP() << "cbc absent (Debian coinor-cbc; scripts/setup.sh installs it)";
  CoveringProblem trap{.weight = {1, 1, 1, 1, 1, 1}, .covers = {{1, 2, 3, 4}, {0, 1, 2}, {3, 4, 5}}, .k = 2};
  auto exact = solve_exactly(trap);
  EXPECT_TRUE(exact.proven_optimal);
  EXPECT_DOUBLE_EQ(exact.solution.covered_weight, 6.0);
  EXPECT_DOUBLE_EQ(exact.bound, 6.0);

  // Random instances: CBC's optimum is never below the heuristic, and both
  // agree with an exhaustive search.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> weight(0, 50);
  std::bernoulli_distribution covers(0.3);
  for (int trial = 0; trial < 8; ++trial) {
    CoveringProblem p;
    for (int i = 0; i < 25; ++i) p.weight.push_back(weight(rng));
    p.covers.resize(10);
    for (auto& list : p.covers) {
      for (std::uint32_t i = 0; i < 25; ++i) {
        if (covers(rng)) list.push_back(i);
      }
    }
    p.k = 1 + trial % 3;
    double best = 0;
    for (std::uint32_t mask = 0; mask < (1u << 10); ++mask) {
      if (static_cast<std::size_t>(__builtin_popcount(mask)) > p.k) continue;
      std::vector<std::uint32_t> chosen;
      for (std::uint32_t j = 0; j < 10; ++j) {
        if (mask & (1u << j)) chosen.push_back(j);
      }
      best = std::max(best, covered_weight(p, chosen));
    }
    auto r = solve_exactly(p);
    EXPECT_TRUE(r.proven_optimal);
    EXPECT_NEAR(r.solution.covered_weight, best, 1e-6 * std::max(1.0, best)) << "trial " << trial;
    EXPECT_LE(solve_heuristic(p).covered_weight, r.solution.covered_weight + 1e-6);
  }
}

TEST(PlanningExactSolver, BoundOfARunStoppedOnTimeIsInTheMaximisedSense) {
  // Lines in the shape of CBC 2.10 progress and end lines of a run stopped on time.
  const std::string log =
      "Cbc0010I After 0 nodes, 1 on tree, -327904.8 best solution, best possible -30040000 (1500.00 seconds)\n"
      "Partial search - best objective -327904.8 (best possible -30037614), took 41 iterations and 0 nodes\n";
  EXPECT_DOUBLE_EQ(cbc_log_bound(log, 327904.8), 30037614);
  EXPECT_DOUBLE_EQ(cbc_log_bound("no bound here\n", 12.5), 12.5);
}

}  // namespace
}  // namespace relais::planning
