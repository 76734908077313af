// Gap of Relais' covering heuristic to the optimum computed by CBC, and both
// times, on every département of metropolitan France (issue 4, "Planning":
// target < 1 % with k ≤ 20). For each département, radius and k: the
// territory problem (planning/territory_problem.h) for one service, the
// heuristic (planning::solve_heuristic), then CBC (planning::solve_exactly).
// Prints one RESULT_PLAN line per instance and a RESULT_PLAN_SUMMARY.
// Usage: relais_planning_bench DB [--service LABEL] [--radius KM,...] [--k N,...] [--time-limit S]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "catalog/catalog.h"
#include "planning/exact_solver.h"
#include "planning/territory_problem.h"
#include "store/store.h"

using namespace relais;

namespace {

std::vector<double> numbers(const std::string& list) {
  std::vector<double> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::stod(item));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: relais_planning_bench DB [--service LABEL] [--radius 10,20] [--k 1,5,10,20] [--time-limit 120]\n";
    return 2;
  }
  std::string service_label = "Aide aux démarches administratives", index_set = "ifn_officiel_communes_2023",
              index_name = "ifn_total";
  std::vector<double> radii{10, 20}, ks{1, 5, 10, 20};
  double time_limit = 120;
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string key = argv[a], value = argv[a + 1];
    if (key == "--service") service_label = value;
    else if (key == "--radius") radii = numbers(value);
    else if (key == "--k") ks = numbers(value);
    else if (key == "--time-limit") time_limit = std::stod(value);
    else {
      std::cerr << "unknown option " << key << "\n";
      return 2;
    }
  }
  auto service = from_label<Service>(service_label);
  if (!service) {
    std::cerr << "unknown service " << service_label << "\n";
    return 2;
  }
  auto store = store::open_store({std::string(argv[1])});
  std::map<std::string, double> index;
  for (const auto& v : store->load_indicator_values(index_set)) {
    if (v.indicator == index_name && v.value) index.emplace(v.code, *v.value);
  }
  if (index.empty()) {
    std::cerr << "no " << index_set << ":" << index_name << " in the database\n";
    return 1;
  }
  const auto catalog = catalog::Catalog::load(*store, {.today = std::chrono::year{2026} / 12 / 1, .deduplicated = true});
  std::vector<std::string> departements;
  for (int d = 1; d <= 95; ++d) {
    if (d == 20) {
      departements.push_back("2A");
      departements.push_back("2B");
    } else {
      departements.push_back(fmt::format("{:02}", d));
    }
  }
  double worst_gap = 0, sum_gap = 0, heuristic_seconds = 0, exact_seconds = 0, max_heuristic = 0, max_exact = 0;
  std::size_t instances = 0, over_one_percent = 0, not_proven = 0;
  std::string worst;
  for (const auto& dep : departements) {
    for (double radius : radii) {
      for (double kd : ks) {
        const auto k = static_cast<std::size_t>(kd);
        const auto tp = planning::territory_problem(catalog, {territory::TerritoryLevel::Departement, dep}, index,
                                                    *service, radius, k);
        if (tp.communes == 0) continue;
        const auto t0 = std::chrono::steady_clock::now();
        const auto heuristic = planning::solve_heuristic(tp.problem);
        const double th = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto exact = planning::solve_exactly(tp.problem, time_limit);
        const double reference = exact.proven_optimal ? exact.solution.covered_weight : exact.bound;
        const double gap = reference > 0 ? std::max(0.0, 100.0 * (reference - heuristic.covered_weight) / reference) : 0.0;
        ++instances;
        sum_gap += gap;
        heuristic_seconds += th;
        exact_seconds += exact.seconds;
        max_heuristic = std::max(max_heuristic, th);
        max_exact = std::max(max_exact, exact.seconds);
        over_one_percent += gap >= 1.0;
        not_proven += !exact.proven_optimal;
        if (worst.empty() || gap > worst_gap) {
          worst_gap = gap;
          worst = fmt::format("{} r={} k={}", dep, radius, k);
        }
        std::cout << fmt::format(
            "RESULT_PLAN dep={} radius_km={} k={} candidates={} demand={} heuristic={:.1f} optimum={:.1f} "
            "proven={} gap_pct={:.4f} heuristic_s={:.4f} cbc_s={:.3f}\n",
            dep, radius, k, tp.candidates.size(), tp.demand.size(), heuristic.covered_weight,
            exact.solution.covered_weight, exact.proven_optimal ? 1 : 0, gap, th, exact.seconds);
        std::cout.flush();
      }
    }
  }
  std::cout << fmt::format(
      "RESULT_PLAN_SUMMARY instances={} max_gap_pct={:.4f} worst=\"{}\" mean_gap_pct={:.4f} over_1pct={} "
      "cbc_not_proven={} heuristic_total_s={:.2f} heuristic_max_s={:.3f} cbc_total_s={:.2f} cbc_max_s={:.2f} "
      "speedup={:.1f}\n",
      instances, worst_gap, worst, instances ? sum_gap / static_cast<double>(instances) : 0.0, over_one_percent,
      not_proven, heuristic_seconds, max_heuristic, exact_seconds, max_exact,
      heuristic_seconds > 0 ? exact_seconds / heuristic_seconds : 0.0);
  return 0;
}
