// The optimum of a CoveringProblem from a real MIP solver, to measure the
// heuristic's gap (issue 4: "report its gap to the optimum, computed with a
// real solver"). Writes the integer program in CPLEX LP format to a
// temporary folder and runs COIN-OR CBC (Debian `coinor-cbc`, `cbc` on the
// PATH) on it, without a shell:
//
//   maximise   Σ w_i y_i
//   subject to y_i ≤ Σ_{j covers i} x_j   for every demand point i
//              Σ x_j ≤ k
//              x_j ∈ {0, 1},  0 ≤ y_i ≤ 1
//
// (y_i need not be declared integer: for integer x the optimum has y_i at 0
// or 1.) Demand points no candidate covers are left out.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "planning/covering.h"

namespace relais::planning {

class SolverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExactResult {
  CoveringSolution solution;
  bool proven_optimal = false;  // false: stopped by the time limit, `bound` is then CBC's best bound
  double bound = 0;             // upper bound on the optimum (the objective itself when proven)
  double seconds = 0;
};

// True when `cbc` can be run.
bool exact_solver_available();

// Throws SolverError when CBC is missing or its output cannot be read.
ExactResult solve_exactly(const CoveringProblem& problem, double time_limit_seconds = 60);

// The upper bound on the covered weight in a CBC log of the model above
// stopped on time (exposed for tests); `incumbent` when the log has none.
double cbc_log_bound(const std::string& log, double incumbent);

// The LP text (exposed for tests).
std::string covering_lp(const CoveringProblem& problem);

}  // namespace relais::planning
