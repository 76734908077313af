#include "planning/covering.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <stdexcept>

namespace relais::planning {

namespace {

void check(const CoveringProblem& problem) {
  for (const auto& list : problem.covers) {
    for (std::uint32_t d : list) {
      if (d >= problem.weight.size()) throw std::invalid_argument("covering: a candidate covers an unknown point");
    }
  }
}

// How many chosen sites cover each demand point, to compute gains quickly.
struct Coverage {
  explicit Coverage(const CoveringProblem& p) : problem(p), count(p.weight.size(), 0) {}
  const CoveringProblem& problem;
  std::vector<std::uint32_t> count;
  double covered = 0;

  double gain_of_adding(std::uint32_t candidate) const {
    double gain = 0;
    for (std::uint32_t d : problem.covers[candidate]) gain += count[d] == 0 ? problem.weight[d] : 0.0;
    return gain;
  }
  // Weight lost by removing `candidate` (points only it covers).
  double loss_of_removing(std::uint32_t candidate) const {
    double loss = 0;
    for (std::uint32_t d : problem.covers[candidate]) loss += count[d] == 1 ? problem.weight[d] : 0.0;
    return loss;
  }
  void add(std::uint32_t candidate) {
    for (std::uint32_t d : problem.covers[candidate]) {
      if (count[d]++ == 0) covered += problem.weight[d];
    }
  }
  void remove(std::uint32_t candidate) {
    for (std::uint32_t d : problem.covers[candidate]) {
      if (--count[d] == 0) covered -= problem.weight[d];
    }
  }
};

}  // namespace

double covered_weight(const CoveringProblem& problem, const std::vector<std::uint32_t>& chosen) {
  Coverage coverage(problem);
  for (std::uint32_t c : chosen) coverage.add(c);
  return coverage.covered;
}

CoveringSolution lazy_greedy(const CoveringProblem& problem) {
  check(problem);
  Coverage coverage(problem);
  struct Entry {
    double gain;
    std::uint32_t candidate;
    std::size_t round;  // when `gain` was computed
  };
  auto worse = [](const Entry& a, const Entry& b) {
    return a.gain != b.gain ? a.gain < b.gain : a.candidate > b.candidate;
  };
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
  for (std::uint32_t c = 0; c < problem.covers.size(); ++c) heap.push({coverage.gain_of_adding(c), c, 0});
  CoveringSolution out;
  while (out.chosen.size() < problem.k && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    if (top.round != out.chosen.size()) {  // stale: recompute, put back
      top.gain = coverage.gain_of_adding(top.candidate);
      top.round = out.chosen.size();
      heap.push(top);
      continue;
    }
    if (top.gain <= 0) break;
    coverage.add(top.candidate);
    out.chosen.push_back(top.candidate);
  }
  out.covered_weight = coverage.covered;
  return out;
}

CoveringSolution improve_by_swaps(const CoveringProblem& problem, CoveringSolution start, int max_rounds) {
  check(problem);
  Coverage coverage(problem);
  for (std::uint32_t c : start.chosen) coverage.add(c);
  std::vector<bool> in(problem.covers.size(), false);
  for (std::uint32_t c : start.chosen) in[c] = true;
  for (int round = 0; round < max_rounds; ++round) {
    double best_delta = 1e-9 * std::max(1.0, coverage.covered);  // strictly better, beyond rounding
    std::size_t best_out = 0;
    std::uint32_t best_in = 0;
    bool found = false;
    for (std::size_t i = 0; i < start.chosen.size(); ++i) {
      const std::uint32_t leaving = start.chosen[i];
      const double loss = coverage.loss_of_removing(leaving);
      coverage.remove(leaving);
      for (std::uint32_t c = 0; c < problem.covers.size(); ++c) {
        if (in[c]) continue;
        const double delta = coverage.gain_of_adding(c) - loss;
        if (delta > best_delta) {
          best_delta = delta;
          best_out = i;
          best_in = c;
          found = true;
        }
      }
      coverage.add(leaving);
    }
    if (!found) break;
    coverage.remove(start.chosen[best_out]);
    in[start.chosen[best_out]] = false;
    coverage.add(best_in);
    in[best_in] = true;
    start.chosen[best_out] = best_in;
  }
  start.covered_weight = coverage.covered;
  return start;
}

namespace {

// Adds sites greedily (largest gain, lowest index on ties) until k or no gain.
void complete_greedily(const CoveringProblem& problem, Coverage& coverage, std::vector<std::uint32_t>& chosen,
                       std::vector<bool>& in) {
  while (chosen.size() < problem.k) {
    double best = 0;
    std::uint32_t pick = 0;
    for (std::uint32_t c = 0; c < problem.covers.size(); ++c) {
      if (in[c]) continue;
      const double gain = coverage.gain_of_adding(c);
      if (gain > best) {
        best = gain;
        pick = c;
      }
    }
    if (best <= 0) return;
    coverage.add(pick);
    in[pick] = true;
    chosen.push_back(pick);
  }
}

}  // namespace

CoveringSolution destroy_and_repair(const CoveringProblem& problem, CoveringSolution start, int max_passes) {
  check(problem);
  CoveringSolution best = std::move(start);
  best.covered_weight = covered_weight(problem, best.chosen);
  for (int pass = 0; pass < max_passes; ++pass) {
    bool improved = false;
    const std::size_t n = best.chosen.size();
    for (std::size_t a = 0; a < n && !improved; ++a) {
      for (std::size_t b = a; b < n && !improved; ++b) {  // b == a: remove one site only
        std::vector<std::uint32_t> kept;
        for (std::size_t i = 0; i < n; ++i) {
          if (i != a && i != b) kept.push_back(best.chosen[i]);
        }
        Coverage coverage(problem);
        std::vector<bool> in(problem.covers.size(), false);
        for (auto c : kept) {
          coverage.add(c);
          in[c] = true;
        }
        // The removed sites may not come back: the repair must find others.
        in[best.chosen[a]] = true;
        in[best.chosen[b]] = true;
        complete_greedily(problem, coverage, kept, in);
        CoveringSolution candidate{kept, coverage.covered};
        candidate = improve_by_swaps(problem, std::move(candidate));
        if (candidate.covered_weight > best.covered_weight * (1 + 1e-12) + 1e-12) {
          best = std::move(candidate);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

LagrangianResult lagrangian(const CoveringProblem& problem, int iterations) {
  check(problem);
  const std::size_t n = problem.weight.size(), m = problem.covers.size();
  LagrangianResult out;
  out.best = lazy_greedy(problem);
  out.upper_bound = 0;
  for (double w : problem.weight) out.upper_bound += std::max(0.0, w);
  if (m == 0 || problem.k == 0) return out;
  const std::size_t k = std::min(problem.k, m);
  std::vector<std::vector<std::uint32_t>> covered_by(n);
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t i : problem.covers[j]) covered_by[i].push_back(j);
  }
  // λ_i starts at w_i for covered points (a point nobody covers contributes nothing).
  std::vector<double> lambda(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) lambda[i] = covered_by[i].empty() ? 0.0 : problem.weight[i];
  std::vector<double> score(m);
  std::vector<std::uint32_t> order(m);
  double step_scale = 2.0;
  int since_improvement = 0;
  for (int it = 0; it < iterations; ++it) {
    // L(λ) = Σ_i max(0, w_i − λ_i) + (sum of the k largest Σ_{i ∈ N_j} λ_i).
    for (std::uint32_t j = 0; j < m; ++j) {
      double sum = 0;
      for (std::uint32_t i : problem.covers[j]) sum += lambda[i];
      score[j] = sum;
    }
    std::iota(order.begin(), order.end(), 0u);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
    double bound = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!covered_by[i].empty()) bound += std::max(0.0, problem.weight[i] - lambda[i]);
    }
    for (std::size_t r = 0; r < k; ++r) bound += score[order[r]];
    if (bound < out.upper_bound - 1e-9) {
      out.upper_bound = bound;
      since_improvement = 0;
    } else if (++since_improvement >= 40) {
      step_scale /= 2;
      since_improvement = 0;
      if (step_scale < 1e-4) break;
    }
    // The relaxation's x (the k largest scores) for the subgradient, and a
    // primal solution from it: greedy on the multipliers (each pick adds the
    // λ of the points it newly covers), which avoids the overlapping sites
    // the plain top-k tends to take.
    std::vector<std::uint32_t> chosen(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
    {
      std::vector<bool> covered(n, false), in(m, false);
      std::vector<std::uint32_t> picked;
      while (picked.size() < k) {
        double best_gain = -1;
        std::uint32_t pick = 0;
        for (std::uint32_t j = 0; j < m; ++j) {
          if (in[j]) continue;
          double gain = 0;
          for (std::uint32_t i : problem.covers[j]) gain += covered[i] ? 0.0 : lambda[i] + 1e-9 * problem.weight[i];
          if (gain > best_gain) {
            best_gain = gain;
            pick = j;
          }
        }
        in[pick] = true;
        picked.push_back(pick);
        for (std::uint32_t i : problem.covers[pick]) covered[i] = true;
      }
      const double value = covered_weight(problem, picked);
      if (value > out.best.covered_weight) out.best = {picked, value};
    }
    // Subgradient: g_i = Σ_{j ∈ chosen covering i} 1 − y_i, y_i = 1 when w_i > λ_i.
    std::vector<int> times(n, 0);
    for (auto j : chosen) {
      for (std::uint32_t i : problem.covers[j]) ++times[i];
    }
    double norm = 0;
    std::vector<double> g(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (covered_by[i].empty()) continue;
      g[i] = static_cast<double>(times[i]) - (problem.weight[i] > lambda[i] ? 1.0 : 0.0);
      norm += g[i] * g[i];
    }
    if (norm == 0 || out.upper_bound - out.best.covered_weight <= 1e-9 * std::max(1.0, out.upper_bound)) break;
    const double step = step_scale * (out.upper_bound - out.best.covered_weight) / norm;
    for (std::size_t i = 0; i < n; ++i) lambda[i] = std::max(0.0, lambda[i] - step * g[i]);
  }
  return out;
}

CoveringSolution solve_heuristic(const CoveringProblem& problem, double* upper_bound) {
  auto greedy = destroy_and_repair(problem, improve_by_swaps(problem, lazy_greedy(problem)));
  auto relaxation = lagrangian(problem);
  if (upper_bound) *upper_bound = relaxation.upper_bound;
  auto relaxed = destroy_and_repair(problem, improve_by_swaps(problem, std::move(relaxation.best)));
  return relaxed.covered_weight > greedy.covered_weight ? relaxed : greedy;
}

}  // namespace relais::planning
