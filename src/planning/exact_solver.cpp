#include "planning/exact_solver.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "core/process.h"

namespace relais::planning {

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "relais-cbc-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw SolverError("cannot create a temporary folder for CBC");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

std::string covering_lp(const CoveringProblem& problem) {
  std::vector<std::vector<std::uint32_t>> covered_by(problem.weight.size());
  for (std::uint32_t j = 0; j < problem.covers.size(); ++j) {
    for (std::uint32_t i : problem.covers[j]) covered_by[i].push_back(j);
  }
  std::ostringstream lp;
  lp << "Maximize\n obj:";
  bool any = false;
  for (std::size_t i = 0; i < covered_by.size(); ++i) {
    if (covered_by[i].empty() || problem.weight[i] <= 0) continue;
    lp << fmt::format(" + {:.17g} y{}", problem.weight[i], i);
    any = true;
  }
  if (!any) lp << " 0 x0";
  lp << "\nSubject To\n";
  for (std::size_t i = 0; i < covered_by.size(); ++i) {
    if (covered_by[i].empty() || problem.weight[i] <= 0) continue;
    lp << " c" << i << ": y" << i;
    for (std::uint32_t j : covered_by[i]) lp << " - x" << j;
    lp << " <= 0\n";
  }
  lp << " k:";
  for (std::size_t j = 0; j < problem.covers.size(); ++j) lp << " + x" << j;
  if (problem.covers.empty()) lp << " 0 x0";
  lp << " <= " << problem.k << "\nBounds\n";
  for (std::size_t i = 0; i < covered_by.size(); ++i) {
    if (covered_by[i].empty() || problem.weight[i] <= 0) continue;
    lp << " 0 <= y" << i << " <= 1\n";
  }
  lp << "Binary\n";
  for (std::size_t j = 0; j < problem.covers.size(); ++j) lp << " x" << j << "\n";
  lp << "End\n";
  return lp.str();
}

double cbc_log_bound(const std::string& log, double incumbent) {
  // The best bound is on the last line with "best possible"; without it, no claim beyond the incumbent.
  double bound = incumbent;
  std::istringstream in(log);
  std::string l;
  while (std::getline(in, l)) {
    // CBC minimises the negated objective of a Maximize model and prints its
    // bound in that sense ("best possible -30037614"): the bound on the
    // covered weight is its opposite (and never below the incumbent).
    if (auto at = l.find("best possible"); at != std::string::npos) {
      bound = std::max(incumbent, -std::strtod(l.c_str() + at + 13, nullptr));
    }
  }
  return bound;
}

bool exact_solver_available() {
  TempDir dir;
  return run_program({"cbc", "-quit"}, dir.path / "log") == 0;
}

ExactResult solve_exactly(const CoveringProblem& problem, double time_limit_seconds) {
  TempDir dir;
  const fs::path model = dir.path / "covering.lp", solution = dir.path / "solution.txt", log = dir.path / "cbc.log";
  std::ofstream(model) << covering_lp(problem);
  const auto start = std::chrono::steady_clock::now();
  const int status = run_program({"cbc", model.string(), "-sec", fmt::format("{:g}", time_limit_seconds), "-ratioGap", "0",
                          "-allowableGap", "0", "-solve", "-solution", solution.string()},
                         log);
  ExactResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (status < 0) throw SolverError("cannot run cbc (Debian package coinor-cbc)");
  std::ifstream in(solution);
  std::string first;
  if (!in || !std::getline(in, first)) {
    std::ifstream log_in(log);
    std::stringstream text;
    text << log_in.rdbuf();
    throw SolverError("cbc wrote no solution (exit " + std::to_string(status) + "): " + text.str().substr(0, 400));
  }
  // "Optimal - objective value 1234.5" or "Stopped on time - objective value ...".
  result.proven_optimal = first.starts_with("Optimal");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string index, name;
    double value = 0;
    if (!(row >> index >> name >> value)) continue;
    if (index == "**") {  // cbc marks infeasibilities with **: shift the columns
      index = name;
      if (!(row >> name >> value)) continue;
    }
    if (name.size() > 1 && name[0] == 'x' && value > 0.5) {
      result.solution.chosen.push_back(static_cast<std::uint32_t>(std::stoul(name.substr(1))));
    }
  }
  result.solution.covered_weight = covered_weight(problem, result.solution.chosen);
  result.bound = result.solution.covered_weight;
  if (!result.proven_optimal) {
    std::ifstream log_in(log);
    std::stringstream text;
    text << log_in.rdbuf();
    result.bound = cbc_log_bound(text.str(), result.solution.covered_weight);
  }
  return result;
}

}  // namespace relais::planning
