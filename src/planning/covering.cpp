#include "planning/covering.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <limits>
#include <numeric>
#include <queue>
#include <random>
#include <stdexcept>

#include <time.h>

namespace relais::planning {

namespace {

// The time budget counts this thread's processor time, not wall-clock time:
// a loaded machine then does not cut the work (and change the result), and
// "under 10 s on one core" is what it measures.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return time_point(duration(static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec));
  }
};

void check(const CoveringProblem& problem) {
  for (const auto& list : problem.covers) {
    for (std::uint32_t d : list) {
      if (d >= problem.weight.size()) throw std::invalid_argument("covering: a candidate covers an unknown point");
    }
  }
}

// A change counts when it beats the current value beyond rounding.
double threshold(double value) { return 1e-9 * std::max(1.0, value); }

// Candidates covering each demand point.
std::vector<std::vector<std::uint32_t>> covered_by(const CoveringProblem& problem) {
  std::vector<std::vector<std::uint32_t>> out(problem.weight.size());
  for (std::uint32_t j = 0; j < problem.covers.size(); ++j) {
    for (std::uint32_t i : problem.covers[j]) out[i].push_back(j);
  }
  return out;
}

// A solution being improved. Per demand point: how many chosen sites cover
// it and the sum of their indexes, which is the only site's index when the
// count is 1; that is what makes a whole swap neighbourhood one pass over the
// coverage lists.
class State {
 public:
  explicit State(const CoveringProblem& problem)
      : p_(problem),
        count_(problem.weight.size(), 0),
        owner_sum_(problem.weight.size(), 0),
        slot_(problem.covers.size(), -1),
        forbidden_(problem.covers.size(), 0) {}

  const std::vector<std::uint32_t>& chosen() const { return chosen_; }
  bool is_chosen(std::uint32_t c) const { return slot_[c] >= 0; }

  void add(std::uint32_t c) {
    slot_[c] = static_cast<std::int32_t>(chosen_.size());
    chosen_.push_back(c);
    for (std::uint32_t d : p_.covers[c]) {
      ++count_[d];
      owner_sum_[d] += c;
    }
  }

  void remove(std::uint32_t c) {
    const auto s = static_cast<std::size_t>(slot_[c]);
    chosen_[s] = chosen_.back();
    slot_[chosen_[s]] = static_cast<std::int32_t>(s);
    chosen_.pop_back();
    slot_[c] = -1;
    for (std::uint32_t d : p_.covers[c]) {
      --count_[d];
      owner_sum_[d] -= c;
    }
  }

  // `in` takes the place of `out` in the list.
  void replace(std::uint32_t out, std::uint32_t in) {
    const auto s = slot_[out];
    for (std::uint32_t d : p_.covers[out]) {
      --count_[d];
      owner_sum_[d] -= out;
    }
    slot_[out] = -1;
    chosen_[static_cast<std::size_t>(s)] = in;
    slot_[in] = s;
    for (std::uint32_t d : p_.covers[in]) {
      ++count_[d];
      owner_sum_[d] += in;
    }
  }

  void set(const std::vector<std::uint32_t>& sites) {
    while (!chosen_.empty()) remove(chosen_.back());
    for (std::uint32_t c : sites) {
      if (!is_chosen(c)) add(c);
    }
  }

  // Summed afresh (no drift from many additions and removals).
  double value() const {
    double covered = 0;
    for (std::size_t d = 0; d < count_.size(); ++d) covered += count_[d] > 0 ? p_.weight[d] : 0.0;
    return covered;
  }

  void forbid(std::uint32_t c, bool on) { forbidden_[c] = on ? 1 : 0; }

  double gain_of_adding(std::uint32_t c) const {
    double gain = 0;
    for (std::uint32_t d : p_.covers[c]) gain += count_[d] == 0 ? p_.weight[d] : 0.0;
    return gain;
  }

  // Adds the candidate of largest gain (lowest index on ties) until k or no
  // gain; among `among` (sorted) when given, else among all.
  void fill(const std::vector<std::uint32_t>* among = nullptr) {
    while (chosen_.size() < p_.k) {
      double best = 0;
      std::uint32_t pick = 0;
      const std::size_t size = among ? among->size() : p_.covers.size();
      for (std::size_t at = 0; at < size; ++at) {
        const std::uint32_t c = among ? (*among)[at] : static_cast<std::uint32_t>(at);
        if (slot_[c] >= 0 || forbidden_[c]) continue;
        const double gain = gain_of_adding(c);
        if (gain > best) {
          best = gain;
          pick = c;
        }
      }
      if (best <= 0) return;
      add(pick);
    }
  }

  // The best exchange of a chosen site for another candidate, when it gains
  // more than `min_delta`. gain(out → in) = gain(in) − loss(out) + the weight
  // of the points `in` covers that only `out` covers. `among` (sorted), when
  // given, restricts the candidates coming in.
  bool best_swap(double min_delta, std::uint32_t& out, std::uint32_t& in,
                 const std::vector<std::uint32_t>* among = nullptr) {
    const std::size_t k = chosen_.size();
    if (k == 0) return false;
    loss_.assign(k, 0.0);
    for (std::size_t s = 0; s < k; ++s) {
      for (std::uint32_t d : p_.covers[chosen_[s]]) loss_[s] += count_[d] == 1 ? p_.weight[d] : 0.0;
    }
    by_loss_.resize(k);
    std::iota(by_loss_.begin(), by_loss_.end(), 0u);
    std::sort(by_loss_.begin(), by_loss_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return loss_[a] != loss_[b] ? loss_[a] < loss_[b] : a < b;
    });
    extra_.assign(k, 0.0);
    marked_.assign(k, 0);
    bool found = false;
    double best = min_delta;
    const std::size_t size = among ? among->size() : p_.covers.size();
    for (std::size_t at = 0; at < size; ++at) {
      const std::uint32_t c = among ? (*among)[at] : static_cast<std::uint32_t>(at);
      if (slot_[c] >= 0 || forbidden_[c] || p_.covers[c].empty()) continue;
      double gain = 0;
      touched_.clear();
      for (std::uint32_t d : p_.covers[c]) {
        const std::uint32_t n = count_[d];
        if (n == 0) {
          gain += p_.weight[d];
        } else if (n == 1) {
          const auto s = static_cast<std::uint32_t>(slot_[owner_sum_[d]]);
          if (!marked_[s]) {
            marked_[s] = 1;
            touched_.push_back(s);
          }
          extra_[s] += p_.weight[d];
        }
      }
      double local = -std::numeric_limits<double>::infinity();
      std::uint32_t local_slot = 0;
      for (std::uint32_t s : by_loss_) {  // the cheapest site to drop among those `c` does not overlap
        if (marked_[s]) continue;
        local = -loss_[s];
        local_slot = s;
        break;
      }
      for (std::uint32_t s : touched_) {
        const double v = extra_[s] - loss_[s];
        if (v > local || (v == local && s < local_slot)) {
          local = v;
          local_slot = s;
        }
        extra_[s] = 0;
        marked_[s] = 0;
      }
      if (gain + local > best) {
        best = gain + local;
        out = chosen_[local_slot];
        in = c;
        found = true;
      }
    }
    return found;
  }

  // Best-improvement swaps until none helps (at most `max_rounds`).
  void swaps(int max_rounds, const std::vector<std::uint32_t>* among = nullptr) {
    double current = value();
    for (int round = 0; round < max_rounds; ++round) {
      std::uint32_t out = 0, in = 0;
      if (!best_swap(threshold(current), out, in, among)) break;
      replace(out, in);
      current = value();
    }
  }

 private:
  const CoveringProblem& p_;
  std::vector<std::uint32_t> count_;
  std::vector<std::uint64_t> owner_sum_;
  std::vector<std::int32_t> slot_;  // position in chosen_, -1 when not chosen
  std::vector<char> forbidden_;
  std::vector<std::uint32_t> chosen_;
  // Scratch of best_swap.
  std::vector<double> loss_, extra_;
  std::vector<std::uint32_t> by_loss_, touched_;
  std::vector<char> marked_;
};

// Destroy-and-repair passes on `state` (see the header). Returns the value.
double destroy_and_repair_on(const CoveringProblem& problem, const std::vector<std::vector<std::uint32_t>>& by_point,
                             State& state, int max_passes, Clock::time_point deadline, bool& out_of_time) {
  double best = state.value();
  std::vector<std::uint32_t> candidate_stamp(problem.covers.size(), 0), point_stamp(problem.weight.size(), 0);
  std::uint32_t tag = 0;
  // A move's outcome only depends on the points within about three radii of
  // its sites (its repair zone and what those candidates cover). After the
  // first pass, a move is tried again only when a site changed near it in
  // the meantime: `changed_pass[d]` is the last pass that changed a site
  // within that distance of point d (0: none).
  std::vector<std::uint32_t> changed_pass(problem.weight.size(), 0);
  auto mark_changed = [&](std::uint32_t site, std::uint32_t pass_number) {
    ++tag;
    for (std::uint32_t d : problem.covers[site]) {
      for (std::uint32_t c : by_point[d]) {
        if (candidate_stamp[c] == tag) continue;
        candidate_stamp[c] = tag;
        for (std::uint32_t e : problem.covers[c]) changed_pass[e] = pass_number;
      }
    }
  };
  auto changed_since = [&](std::uint32_t site, std::uint32_t pass_number) {
    return std::any_of(problem.covers[site].begin(), problem.covers[site].end(),
                       [&](std::uint32_t d) { return changed_pass[d] >= pass_number; });
  };
  for (int pass = 0; pass < max_passes; ++pass) {
    const auto pass_number = static_cast<std::uint32_t>(pass + 1);
    // The moves: each site alone, and each pair of sites that compete (a
    // candidate covering a point of `a` covers a point of `b`).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> moves;
    const auto sites = state.chosen();
    for (std::uint32_t a : sites) {
      moves.emplace_back(a, a);
      ++tag;
      for (std::uint32_t d : problem.covers[a]) {
        for (std::uint32_t c : by_point[d]) {
          if (candidate_stamp[c] == tag) continue;
          candidate_stamp[c] = tag;
          for (std::uint32_t e : problem.covers[c]) point_stamp[e] = tag;
        }
      }
      for (std::uint32_t b : sites) {
        if (b <= a) continue;
        if (std::any_of(problem.covers[b].begin(), problem.covers[b].end(),
                        [&](std::uint32_t e) { return point_stamp[e] == tag; })) {
          moves.emplace_back(a, b);
        }
      }
    }
    bool improved = false;
    std::vector<std::uint32_t> zone, far;
    // The best additions anywhere: freeing two sites can pay for one far
    // away that no single exchange could afford. Recomputed after each change.
    auto best_additions = [&] {
      far.clear();
      std::vector<std::pair<double, std::uint32_t>> gains;
      for (std::uint32_t c = 0; c < problem.covers.size(); ++c) {
        if (!state.is_chosen(c)) gains.emplace_back(state.gain_of_adding(c), c);
      }
      const std::size_t keep = std::min<std::size_t>(gains.size(), 16);
      std::partial_sort(gains.begin(), gains.begin() + static_cast<std::ptrdiff_t>(keep), gains.end(),
                        [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
      for (std::size_t i = 0; i < keep; ++i) far.push_back(gains[i].second);
    };
    best_additions();
    for (const auto& [a, b] : moves) {
      if (!state.is_chosen(a) || !state.is_chosen(b)) continue;  // an earlier move of this pass took it out
      if (pass > 0 && !changed_since(a, pass_number - 1) && !changed_since(b, pass_number - 1)) continue;
      if (Clock::now() > deadline) {
        out_of_time = true;
        return best;
      }
      // The repair looks among the candidates that can take over a point of
      // a removed site (within twice the radius of it): any other addition
      // was already there to take before the removal.
      ++tag;
      zone.clear();
      for (std::uint32_t site : {a, b}) {
        for (std::uint32_t d : problem.covers[site]) {
          for (std::uint32_t c : by_point[d]) {
            if (candidate_stamp[c] == tag) continue;
            candidate_stamp[c] = tag;
            zone.push_back(c);
          }
        }
      }
      for (std::uint32_t c : far) {
        if (candidate_stamp[c] != tag) zone.push_back(c);
      }
      std::sort(zone.begin(), zone.end());
      const auto saved = state.chosen();
      state.remove(a);
      if (b != a) state.remove(b);
      // The removed sites may not come back at once: the repair must find others.
      state.forbid(a, true);
      state.forbid(b, true);
      state.fill(&zone);
      state.forbid(a, false);
      state.forbid(b, false);
      state.fill(&zone);
      state.swaps(1000, &zone);
      double value = state.value();
      if (value > best + threshold(best)) {
        state.fill();  // then to a local optimum of the whole neighbourhood
        state.swaps(1000);
        value = state.value();
        best = value;
        improved = true;
        auto now = state.chosen();
        std::sort(now.begin(), now.end());
        auto before = saved;
        std::sort(before.begin(), before.end());
        std::vector<std::uint32_t> changed;
        std::set_symmetric_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(changed));
        for (std::uint32_t site : changed) mark_changed(site, pass_number);
        best_additions();
      } else {
        state.set(saved);
      }
    }
    if (!improved) break;
  }
  return best;
}

// Lazy greedy (CELF) on per-point values: each pick adds the value of the
// points it newly covers. `covered` is scratch (resized and cleared here).
// `initial`, when given, holds every candidate's gain with nothing covered.
void lazy_greedy_on(const CoveringProblem& problem, const std::vector<double>& value, std::size_t k,
                    std::vector<char>& covered, std::vector<std::uint32_t>& picked,
                    const std::vector<double>* initial = nullptr) {
  covered.assign(problem.weight.size(), 0);
  picked.clear();
  struct Entry {
    double gain;
    std::uint32_t candidate;
    std::size_t round;
  };
  auto worse = [](const Entry& a, const Entry& b) {
    return a.gain != b.gain ? a.gain < b.gain : a.candidate > b.candidate;
  };
  std::vector<Entry> entries;
  entries.reserve(problem.covers.size());
  auto gain_of = [&](std::uint32_t c) {
    double gain = 0;
    for (std::uint32_t d : problem.covers[c]) gain += covered[d] ? 0.0 : value[d];
    return gain;
  };
  for (std::uint32_t c = 0; c < problem.covers.size(); ++c) entries.push_back({initial ? (*initial)[c] : gain_of(c), c, 0});
  std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse, std::move(entries));
  while (picked.size() < k && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    if (top.round != picked.size()) {
      top.gain = gain_of(top.candidate);
      top.round = picked.size();
      heap.push(top);
      continue;
    }
    if (top.gain <= 0) break;
    picked.push_back(top.candidate);
    for (std::uint32_t d : problem.covers[top.candidate]) covered[d] = 1;
  }
}

// Sites in the order of their marginal gain (the largest first), so the
// command can print what each adds.
std::vector<std::uint32_t> in_marginal_order(const CoveringProblem& problem, std::vector<std::uint32_t> sites) {
  State state(problem);
  std::vector<std::uint32_t> ordered;
  while (!sites.empty()) {
    std::size_t best = 0;
    double best_gain = -1;
    for (std::size_t i = 0; i < sites.size(); ++i) {
      const double gain = state.gain_of_adding(sites[i]);
      if (gain > best_gain || (gain == best_gain && sites[i] < sites[best])) {
        best_gain = gain;
        best = i;
      }
    }
    state.add(sites[best]);
    ordered.push_back(sites[best]);
    sites.erase(sites.begin() + static_cast<std::ptrdiff_t>(best));
  }
  return ordered;
}

}  // namespace

double covered_weight(const CoveringProblem& problem, const std::vector<std::uint32_t>& chosen) {
  std::vector<char> covered(problem.weight.size(), 0);
  double total = 0;
  for (std::uint32_t c : chosen) {
    for (std::uint32_t d : problem.covers[c]) {
      if (!covered[d]) {
        covered[d] = 1;
        total += problem.weight[d];
      }
    }
  }
  return total;
}

CoveringSolution lazy_greedy(const CoveringProblem& problem) {
  check(problem);
  std::vector<char> covered;
  CoveringSolution out;
  lazy_greedy_on(problem, problem.weight, problem.k, covered, out.chosen);
  out.covered_weight = covered_weight(problem, out.chosen);
  return out;
}

CoveringSolution improve_by_swaps(const CoveringProblem& problem, CoveringSolution start, int max_rounds) {
  check(problem);
  State state(problem);
  state.set(start.chosen);
  state.swaps(max_rounds);
  return {state.chosen(), state.value()};
}

CoveringSolution destroy_and_repair(const CoveringProblem& problem, CoveringSolution start, int max_passes) {
  check(problem);
  State state(problem);
  state.set(start.chosen);
  bool out_of_time = false;
  const double value =
      destroy_and_repair_on(problem, covered_by(problem), state, max_passes, Clock::time_point::max(), out_of_time);
  return {state.chosen(), value};
}

LagrangianResult lagrangian(const CoveringProblem& problem, int iterations, std::size_t starts) {
  check(problem);
  const std::size_t n = problem.weight.size(), m = problem.covers.size();
  LagrangianResult out;
  out.best = lazy_greedy(problem);
  out.upper_bound = 0;
  for (double w : problem.weight) out.upper_bound += std::max(0.0, w);
  if (m == 0 || problem.k == 0) return out;
  const std::size_t k = std::min(problem.k, m);
  const auto by_point = covered_by(problem);
  // λ_i starts at w_i for covered points (a point nobody covers contributes nothing).
  std::vector<double> lambda(n, 0.0), value(n, 0.0), g(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) lambda[i] = by_point[i].empty() ? 0.0 : problem.weight[i];
  std::vector<double> score(m), initial(m), weight_sum(m, 0.0);
  for (std::uint32_t j = 0; j < m; ++j) {
    for (std::uint32_t i : problem.covers[j]) weight_sum[j] += problem.weight[i];
  }
  std::vector<std::uint32_t> order(m), picked, sorted;
  std::vector<int> times(n, 0);
  std::vector<char> covered;
  // The best few distinct primal solutions (sites sorted), best first.
  std::vector<std::pair<double, std::vector<std::uint32_t>>> kept;
  auto keep = [&](double v, std::vector<std::uint32_t> sites) {
    if (starts == 0) return;
    if (kept.size() == starts && v <= kept.back().first) return;
    std::sort(sites.begin(), sites.end());
    for (const auto& [w, s] : kept) {
      if (s == sites) return;
    }
    kept.emplace_back(v, std::move(sites));
    std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (kept.size() > starts) kept.pop_back();
  };
  double step_scale = 2.0;
  int since_improvement = 0;
  for (int it = 0; it < iterations; ++it) {
    out.iterations = it + 1;
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
      if (!by_point[i].empty()) bound += std::max(0.0, problem.weight[i] - lambda[i]);
    }
    for (std::size_t r = 0; r < k; ++r) bound += score[order[r]];
    bool bound_improved = false;
    if (bound < out.upper_bound - 1e-9) {
      out.upper_bound = bound;
      since_improvement = 0;
      bound_improved = true;
    } else if (++since_improvement >= 40) {
      step_scale /= 2;
      since_improvement = 0;
      if (step_scale < 1e-4) break;
    }
    // A primal solution: lazy greedy on the multipliers (each pick adds the
    // λ of the points it newly covers; the weight breaks ties), which avoids
    // the overlapping sites the relaxation's own top k tends to take.
    // It costs more than the rest of the iteration: after the first 100
    // iterations, only when the bound moved or every third iteration.
    if (it < 100 || bound_improved || it % 3 == 0) {
      for (std::size_t i = 0; i < n; ++i) value[i] = lambda[i] + 1e-9 * problem.weight[i];
      for (std::uint32_t j = 0; j < m; ++j) initial[j] = score[j] + 1e-9 * weight_sum[j];
      lazy_greedy_on(problem, value, k, covered, picked, &initial);
      const double primal = covered_weight(problem, picked);
      keep(primal, picked);
      if (primal > out.best.covered_weight) out.best = {picked, primal};
    }
    // Subgradient: g_i = Σ_{j ∈ top k covering i} 1 − y_i, y_i = 1 when w_i > λ_i.
    std::fill(times.begin(), times.end(), 0);
    for (std::size_t r = 0; r < k; ++r) {
      for (std::uint32_t i : problem.covers[order[r]]) ++times[i];
    }
    double norm = 0;
    for (std::size_t i = 0; i < n; ++i) {
      g[i] = by_point[i].empty() ? 0.0 : static_cast<double>(times[i]) - (problem.weight[i] > lambda[i] ? 1.0 : 0.0);
      norm += g[i] * g[i];
    }
    if (norm == 0 || out.upper_bound - out.best.covered_weight <= 1e-9 * std::max(1.0, out.upper_bound)) break;
    const double step = step_scale * (out.upper_bound - out.best.covered_weight) / norm;
    for (std::size_t i = 0; i < n; ++i) lambda[i] = std::max(0.0, lambda[i] - step * g[i]);
  }
  for (auto& [v, sites] : kept) out.starts.push_back({std::move(sites), v});
  return out;
}

CoveringSolution solve_heuristic(const CoveringProblem& problem, double* upper_bound) {
  HeuristicReport report;
  auto out = solve_heuristic(problem, HeuristicOptions{}, &report);
  if (upper_bound) *upper_bound = report.upper_bound;
  return out;
}

CoveringSolution solve_heuristic(const CoveringProblem& problem, const HeuristicOptions& options,
                                 HeuristicReport* report) {
  check(problem);
  HeuristicReport local_report;
  HeuristicReport& r = report ? *report : local_report;
  r = HeuristicReport{};
  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(std::max(0.0, options.time_budget_seconds)));
  auto relaxation = lagrangian(problem, options.lagrangian_iterations, options.lagrangian_starts);
  r.upper_bound = relaxation.upper_bound;
  r.lagrangian_iterations = relaxation.iterations;
  const auto t1 = Clock::now();
  r.lagrangian_seconds = std::chrono::duration<double>(t1 - t0).count();

  std::vector<std::vector<std::uint32_t>> starts{lazy_greedy(problem).chosen};
  for (auto& s : relaxation.starts) starts.push_back(std::move(s.chosen));
  if (relaxation.starts.empty()) starts.push_back(relaxation.best.chosen);
  const auto by_point = covered_by(problem);
  State state(problem);
  // Every start to a swap optimum first (cheap), then destroy-and-repair from
  // each, the best first, so that a budget cut leaves the most promising done.
  std::vector<std::pair<double, std::vector<std::uint32_t>>> optima;
  for (const auto& start : starts) {
    state.set(start);
    state.fill();
    state.swaps(1000);
    auto sites = state.chosen();
    std::sort(sites.begin(), sites.end());
    if (std::none_of(optima.begin(), optima.end(), [&](const auto& o) { return o.second == sites; })) {
      optima.emplace_back(state.value(), std::move(sites));
    }
  }
  std::stable_sort(optima.begin(), optima.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::uint32_t> best = optima.front().second;
  double best_value = optima.front().first;
  for (const auto& [value_at_start, start] : optima) {
    if (Clock::now() > deadline) {
      r.out_of_time = true;
      break;
    }
    ++r.starts;
    state.set(start);
    const double value = destroy_and_repair_on(problem, by_point, state, 50, deadline, r.out_of_time);
    if (value > best_value + threshold(best_value)) {
      best_value = value;
      best = state.chosen();
    }
  }

  // Iterated local search: move a few sites of the best solution to random
  // candidates near them (covering one of their points), swap to a local
  // optimum, keep when strictly better.
  if (best.size() >= 2 && !r.out_of_time) {
    std::mt19937 rng(20261201);
    for (int it = 0; it < options.perturbations; ++it) {
      if (Clock::now() > deadline) {
        r.out_of_time = true;
        break;
      }
      state.set(best);
      const std::size_t moved = std::min<std::size_t>(best.size(), 2 + it % 2);
      auto sites = best;
      std::shuffle(sites.begin(), sites.end(), rng);
      for (std::size_t s = 0; s < moved; ++s) {
        const auto& points = problem.covers[sites[s]];
        state.remove(sites[s]);
        if (points.empty()) continue;
        const auto& near = by_point[points[std::uniform_int_distribution<std::size_t>(0, points.size() - 1)(rng)]];
        const std::uint32_t to = near[std::uniform_int_distribution<std::size_t>(0, near.size() - 1)(rng)];
        if (!state.is_chosen(to)) state.add(to);
      }
      state.fill();
      state.swaps(1000);
      const double value = state.value();
      if (value > best_value + threshold(best_value)) {
        best_value = value;
        best = state.chosen();
      }
    }
  }
  r.search_seconds = std::chrono::duration<double>(Clock::now() - t1).count();
  return {in_marginal_order(problem, best), covered_weight(problem, best)};
}

}  // namespace relais::planning
