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
// greedily) that gets out of the swaps' local optima, from several starts
// (greedy and the Lagrangian relaxation's primal solutions, whose bound also
// certifies the result). Greedy alone is within 1 − 1/e of the optimum in the
// worst case; the gap measured against an exact solver (exact_solver.h) is
// what counts.
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
// swaps. Never returns a worse solution. One scan of the whole neighbourhood
// (every chosen site × every other candidate) costs one pass over the
// coverage lists, not k: the gain of a swap is gain(in) − loss(out) + the
// weight of the points `in` covers that only `out` covered, and each point
// covered once knows its only site.
CoveringSolution improve_by_swaps(const CoveringProblem& problem, CoveringSolution start, int max_rounds = 1000);

// Large-neighbourhood step: removes one site, or two sites close enough to
// compete for the same points (one covers a point that a candidate covering
// one of the other's points also covers: a pair far apart is two independent
// 1-swaps, already tried), refills greedily from the other candidates,
// improves by swaps, and keeps the result when strictly better; repeats while
// a pass improves (at most `max_passes`). Never returns a worse solution.
CoveringSolution destroy_and_repair(const CoveringProblem& problem, CoveringSolution start, int max_passes = 50);

// Lagrangian relaxation of the coverage constraints (Galvão & ReVelle's
// classic method for maximal covering), by subgradient: each iteration gives
// an upper bound on the optimum and a primal solution (greedy on the
// multipliers), the best of which is kept, and the best few distinct ones in
// `starts` (best first) for the local search. Stops early when the bound
// meets the best primal value or the step has shrunk to nothing.
struct LagrangianResult {
  CoveringSolution best;
  double upper_bound = 0;  // no solution covers more
  int iterations = 0;      // run
  std::vector<CoveringSolution> starts;
};
LagrangianResult lagrangian(const CoveringProblem& problem, int iterations = 1000, std::size_t starts = 1);

struct HeuristicOptions {
  int lagrangian_iterations = 1000;
  // Distinct Lagrangian primal solutions improved by the local search (besides the lazy greedy's).
  std::size_t lagrangian_starts = 4;
  // Iterated local search after the starts: this many perturbations of the
  // best solution (a few of its sites moved to random candidates, seeded so
  // runs repeat), each improved by swaps and kept when strictly better.
  int perturbations = 60;
  // Safety net, in processor time of the calling thread: past it, no new start, destroy or perturbation
  // begins (each started step still ends in a local optimum). The work above
  // fits well within it on a region of 5,000 communes with k = 50.
  double time_budget_seconds = 8.0;
};

// What solve_heuristic did, for the benchmark and the command.
struct HeuristicReport {
  double upper_bound = 0;          // the Lagrangian bound
  int lagrangian_iterations = 0;   // subgradient iterations run
  double lagrangian_seconds = 0;   // processor time of the calling thread, like the budget
  double search_seconds = 0;       // the local searches from every start and the perturbations
  std::size_t starts = 0;          // solutions improved by the local search
  bool out_of_time = false;        // the time budget cut some of the work
};

// The lazy greedy and the Lagrangian's best few primal solutions, each
// improved by swaps and destroy-and-repair, then an iterated local search
// from the best; returns the best. `upper_bound`, when given, receives the
// Lagrangian's bound on the optimum (computed anyway).
CoveringSolution solve_heuristic(const CoveringProblem& problem, double* upper_bound = nullptr);
CoveringSolution solve_heuristic(const CoveringProblem& problem, const HeuristicOptions& options,
                                 HeuristicReport* report = nullptr);

}  // namespace relais::planning
