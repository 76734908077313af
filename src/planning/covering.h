// Maximal covering (issue 4, "Planning"): choose k sites among candidates so
// that the demand they newly cover, weighted, is as large as possible. Here
// demand points are communes out of reach of a service, weighted by
// population × index; a candidate covers the demand points within the travel
// radius (problem.h builds that from a catalogue).
//
// The heuristic is the classic one for this submodular objective: lazy greedy
// (CELF: marginal gains only shrink, so a stale gain is an upper bound and
// most candidates are never re-evaluated), then a local search that swaps a
// chosen site for an unchosen one while that strictly improves the covered
// weight, then a destroy-and-repair step (remove one or two sites, refill
// greedily) that gets out of the swaps' local optima. Greedy alone is within 1 − 1/e of the optimum in the worst case;
// the gap measured against an exact solver (solver.h) is what counts.
#pragma once

#include <cstdint>
#include <vector>

namespace relais::planning {

struct CoveringProblem {
  std::vector<double> weight;                       // per demand point, >= 0
  std::vector<std::vector<std::uint32_t>> covers;   // per candidate: demand points within reach
  std::size_t k = 1;                                // sites to choose (at most the number of candidates)
};

struct CoveringSolution {
  std::vector<std::uint32_t> chosen;  // candidate indexes, in the order they were picked
  double covered_weight = 0;
};

// Covered weight of a set of candidates (each demand point counted once).
double covered_weight(const CoveringProblem& problem, const std::vector<std::uint32_t>& chosen);

// Lazy greedy. Ties go to the lower candidate index. Stops early when no
// candidate adds anything.
CoveringSolution lazy_greedy(const CoveringProblem& problem);

// Best-improvement 1-swap local search from `start`, at most `max_rounds`
// swaps. Never returns a worse solution.
CoveringSolution improve_by_swaps(const CoveringProblem& problem, CoveringSolution start, int max_rounds = 100);

// Large-neighbourhood step: for each one or two chosen sites, removes them,
// refills greedily from the other candidates, improves by swaps, and keeps
// the result when strictly better; repeats while a pass improves (at most
// `max_passes`). Never returns a worse solution.
CoveringSolution destroy_and_repair(const CoveringProblem& problem, CoveringSolution start, int max_passes = 50);

// Lagrangian relaxation of the coverage constraints (Galvão & ReVelle's
// classic method for maximal covering), by subgradient: each iteration gives
// an upper bound on the optimum and a primal solution (the k candidates of
// largest Σ λ), the best of which is kept.
struct LagrangianResult {
  CoveringSolution best;
  double upper_bound = 0;  // no solution covers more
};
LagrangianResult lagrangian(const CoveringProblem& problem, int iterations = 1000);

// Two starts — lazy greedy, and the Lagrangian's best — each improved by
// swaps and destroy-and-repair; the better one. `upper_bound`, when given,
// receives the Lagrangian's bound on the optimum (computed anyway).
CoveringSolution solve_heuristic(const CoveringProblem& problem, double* upper_bound = nullptr);

}  // namespace relais::planning
