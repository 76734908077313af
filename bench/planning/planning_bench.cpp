// Gap of Relais' covering heuristic to the optimum computed by CBC, and both
// times (issue 4, "Planning").
//
// Default (département grid): every département of metropolitan France, each
// radius and k; target < 1 % with k ≤ 20. Prints one RESULT_PLAN line per
// instance and a RESULT_PLAN_SUMMARY.
//
// --regions 75,84,...: the performance target "a whole region (all communes
// as candidates and demand points, k = 50): under 10 s, with the solver's
// optimum or bound beside it". One RESULT_PLAN_REGION line per region, radius
// and k: the time to build the problem, the heuristic's time and value, its
// Lagrangian bound, and CBC's value and bound (time limit --time-limit).
// --demand new (default) measures the problem `relais plan` solves (demand =
// communes with no place within the radius today); --demand all makes every
// commune with an index a demand point.
//
// Usage: relais_planning_bench DB [--service LABEL] [--radius KM,...] [--k N,...] [--time-limit S]
//                              [--regions CODE,...] [--demand new|all] [--exact 1|0] [--budget S]
//                              [--departements CODE,...]
// (--exact 0 skips CBC in the region mode; --budget, --starts, --perturbations: HeuristicOptions'
// time_budget_seconds, lagrangian_starts, perturbations, to see what each step brings)
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


std::vector<std::string> codes(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(item);
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double gap_pct(double reference, double value) {
  return reference > 0 ? std::max(0.0, 100.0 * (reference - value) / reference) : 0.0;
}

// One whole region per line: build time, heuristic time and value, its bound, CBC.
int run_regions(const catalog::Catalog& catalog, const std::map<std::string, double>& index, Service service,
                const std::vector<std::string>& regions, const std::vector<double>& radii, const std::vector<double>& ks,
                bool all_demand, bool exact, double time_limit, const planning::HeuristicOptions& options) {
  double worst_heuristic = 0, worst_gap = 0;
  for (const auto& region : regions) {
    for (double radius : radii) {
      for (double kd : ks) {
        const auto k = static_cast<std::size_t>(kd);
        auto t0 = std::chrono::steady_clock::now();
        const auto tp = planning::territory_problem(catalog, {territory::TerritoryLevel::Region, region}, index, service,
                                                    radius, k, {.include_within_reach = all_demand});
        const double build_s = seconds_since(t0);
        if (tp.communes == 0) {
          std::cerr << "region " << region << ": no commune\n";
          return 1;
        }
        std::size_t pairs = 0;
        for (const auto& list : tp.problem.covers) pairs += list.size();
        planning::HeuristicReport report;
        t0 = std::chrono::steady_clock::now();
        const auto heuristic = planning::solve_heuristic(tp.problem, options, &report);
        const double heuristic_s = seconds_since(t0), heuristic_cpu_s = report.lagrangian_seconds + report.search_seconds;
        worst_heuristic = std::max(worst_heuristic, heuristic_s);
        std::string cbc = "cbc=skipped";
        if (exact) {
          const auto result = planning::solve_exactly(tp.problem, time_limit);
          // Proven: the gap to the optimum; stopped on time: against CBC's bound (an upper bound on the gap).
          const double gap = gap_pct(result.bound, heuristic.covered_weight);
          worst_gap = std::max(worst_gap, gap);
          cbc = fmt::format("cbc_value={:.1f} cbc_bound={:.1f} cbc_proven={} cbc_s={:.1f} gap_to_cbc_pct={:.4f} "
                            "heuristic_minus_cbc_value_pct={:.4f}",
                            result.solution.covered_weight, result.bound, result.proven_optimal ? 1 : 0, result.seconds,
                            gap, result.solution.covered_weight > 0
                                     ? 100.0 * (heuristic.covered_weight - result.solution.covered_weight) /
                                           result.solution.covered_weight
                                     : 0.0);
        }
        std::cout << fmt::format(
            "RESULT_PLAN_REGION region={} demand_mode={} radius_km={} k={} communes={} candidates={} demand={} "
            "cover_pairs={} build_s={:.3f} heuristic={:.1f} heuristic_s={:.3f} heuristic_cpu_s={:.3f} lagrangian_cpu_s={:.3f} "
            "lagrangian_iterations={} search_cpu_s={:.3f} starts={} out_of_time={} lagrangian_bound={:.1f} "
            "bound_gap_pct={:.4f} {}\n",
            region, all_demand ? "all" : "new", radius, k, tp.communes, tp.candidates.size(), tp.demand.size(), pairs,
            build_s, heuristic.covered_weight, heuristic_s, heuristic_cpu_s, report.lagrangian_seconds,
            report.lagrangian_iterations, report.search_seconds, report.starts, report.out_of_time ? 1 : 0,
            report.upper_bound,
            gap_pct(report.upper_bound, heuristic.covered_weight), cbc);
        std::cout.flush();
      }
    }
  }
  std::cout << fmt::format("RESULT_PLAN_REGION_SUMMARY heuristic_max_s={:.3f} max_gap_to_cbc_pct={:.4f}\n",
                           worst_heuristic, worst_gap);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: relais_planning_bench DB [--service LABEL] [--radius 10,20] [--k 1,5,10,20] [--time-limit 120] "
                 "[--regions 75,84,...] [--demand new|all] [--exact 1|0]\n";
    return 2;
  }
  std::string service_label = "Aide aux démarches administratives", index_set = "ifn_officiel_communes_2023",
              index_name = "ifn_total", demand = "new";
  std::vector<double> radii{10, 20}, ks{1, 5, 10, 20};
  std::vector<std::string> regions, only_departements;
  double time_limit = 120;
  bool exact = true, k_given = false;
  planning::HeuristicOptions options;
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string key = argv[a], value = argv[a + 1];
    if (key == "--service") service_label = value;
    else if (key == "--radius") radii = numbers(value);
    else if (key == "--k") ks = numbers(value), k_given = true;
    else if (key == "--time-limit") time_limit = std::stod(value);
    else if (key == "--regions") regions = codes(value);
    else if (key == "--departements") only_departements = codes(value);
    else if (key == "--demand") demand = value;
    else if (key == "--exact") exact = value != "0";
    else if (key == "--budget") options.time_budget_seconds = std::stod(value);
    else if (key == "--starts") options.lagrangian_starts = std::stoul(value);
    else if (key == "--perturbations") options.perturbations = std::stoi(value);
    else {
      std::cerr << "unknown option " << key << "\n";
      return 2;
    }
  }
  if (demand != "new" && demand != "all") {
    std::cerr << "--demand new or all\n";
    return 2;
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
  if (!regions.empty()) {
    return run_regions(catalog, index, *service, regions, radii, k_given ? ks : std::vector<double>{50}, demand == "all",
                       exact, time_limit, options);
  }
  std::vector<std::string> departements;
  for (int d = 1; d <= 95; ++d) {
    if (d == 20) {
      departements.push_back("2A");
      departements.push_back("2B");
    } else {
      departements.push_back(fmt::format("{:02}", d));
    }
  }
  double heuristic_cpu = 0, max_heuristic_cpu = 0;
  std::size_t out_of_time = 0;
  double worst_gap = 0, sum_gap = 0, heuristic_seconds = 0, exact_seconds = 0, max_heuristic = 0, max_exact = 0;
  std::size_t instances = 0, over_one_percent = 0, not_proven = 0;
  std::string worst;
  if (!only_departements.empty()) departements = only_departements;
  for (const auto& dep : departements) {
    for (double radius : radii) {
      for (double kd : ks) {
        const auto k = static_cast<std::size_t>(kd);
        const auto tp = planning::territory_problem(catalog, {territory::TerritoryLevel::Departement, dep}, index,
                                                    *service, radius, k);
        if (tp.communes == 0) continue;
        const auto t0 = std::chrono::steady_clock::now();
        planning::HeuristicReport report;
        const auto heuristic = planning::solve_heuristic(tp.problem, options, &report);
        const double th = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double cpu = report.lagrangian_seconds + report.search_seconds;
        heuristic_cpu += cpu;
        max_heuristic_cpu = std::max(max_heuristic_cpu, cpu);
        out_of_time += report.out_of_time;
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
            "proven={} cbc_bound={:.1f} gap_pct={:.4f} heuristic_s={:.4f} heuristic_cpu_s={:.4f} cbc_s={:.3f}\n",
            dep, radius, k, tp.candidates.size(), tp.demand.size(), heuristic.covered_weight,
            exact.solution.covered_weight, exact.proven_optimal ? 1 : 0, exact.bound, gap, th, cpu, exact.seconds);
        std::cout.flush();
      }
    }
  }
  std::cout << fmt::format(
      "RESULT_PLAN_SUMMARY instances={} max_gap_pct={:.4f} worst=\"{}\" mean_gap_pct={:.4f} over_1pct={} "
      "cbc_not_proven={} heuristic_total_s={:.2f} heuristic_max_s={:.3f} cbc_total_s={:.2f} cbc_max_s={:.2f} "
      "speedup={:.1f} heuristic_cpu_total_s={:.2f} heuristic_cpu_max_s={:.3f} heuristic_out_of_time={}\n",
      instances, worst_gap, worst, instances ? sum_gap / static_cast<double>(instances) : 0.0, over_one_percent,
      not_proven, heuristic_seconds, max_heuristic, exact_seconds, max_exact,
      heuristic_seconds > 0 ? exact_seconds / heuristic_seconds : 0.0, heuristic_cpu, max_heuristic_cpu, out_of_time);
  return 0;
}
