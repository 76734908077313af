// relais plan --territoire departement:04 --service "Aide aux démarches administratives" --k 5 [--rayon 10] [--exact]
//             [--bus DEMI_JOURNEES]
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "catalog/catalog.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/index_option.h"
#include "cli/territory_option.h"
#include "planning/bus_schedule.h"
#include "planning/exact_solver.h"
#include "planning/territory_problem.h"

namespace relais::cli {
namespace {

struct PlanOptions {
  std::string territory;
  std::string service = "Aide aux démarches administratives";
  std::string index = kDefaultIndex;
  std::size_t k = 5;
  double radius_km = 10;
  bool exact = false;
  double time_limit = 60;
  int bus_half_days = 0;  // 0: fixed sites; else the stops of one bus working that many half-days a week
};

// The weekly tour of the bus over the proposed sites (planning/bus_schedule.h).
void print_bus_week(const planning::TerritoryProblem& tp, const std::vector<std::uint32_t>& chosen, int half_days) {
  static constexpr const char* kDays[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
  std::vector<Coordinates> stops;
  for (auto j : chosen) stops.push_back(*tp.candidates[j]->position);
  const auto week = planning::plan_bus_week(stops, half_days);
  auto name = [&](std::size_t stop) {
    const auto* c = tp.candidates[chosen[stop]];
    return fmt::format("{} {}", c->code_insee, c->nom);
  };
  std::cout << fmt::format(
      "Bus itinérant : {} arrêts, {} demi-journées par semaine, une visite par semaine à chaque arrêt ; "
      "dépôt à {} (l’arrêt le plus central) :\n",
      stops.size(), half_days, name(week.depot));
  for (const auto& day : week.days) {
    std::cout << fmt::format("  {:<8} matin : {} ; après-midi : {} ; {:.1f} km (dépôt → arrêts → dépôt)\n",
                             kDays[day.weekday], name(*day.morning),
                             day.afternoon ? name(*day.afternoon) : std::string("—"), day.km);
  }
  std::cout << fmt::format("  Total : {:.1f} km par semaine (distances à vol d’oiseau)\n", week.total_km);
}

std::int64_t population_covered(const planning::TerritoryProblem& tp, const std::vector<std::uint32_t>& chosen) {
  std::set<std::uint32_t> covered;
  for (auto j : chosen) covered.insert(tp.problem.covers[j].begin(), tp.problem.covers[j].end());
  std::int64_t population = 0;
  for (auto i : covered) population += tp.demand[i]->population;
  return population;
}

int run_plan(Context& context, const PlanOptions& options) {
  const territory::Territory territory = parse_territory_option(options.territory);
  auto service = from_label<Service>(options.service);
  if (!service) throw CommandError(kUsage, "--service " + options.service + ": not a service of the standard");
  auto& store = context.store();
  const auto index = load_index(store, options.index);
  if (index.empty()) {
    throw CommandError(kUsage, "no index in the database: relais import indicateurs (e.g. the official IFN, "
                               "data/indicateurs/mappings/ifn_officiel_communes_2023.json)");
  }
  if (options.bus_half_days > 0 && options.k > static_cast<std::size_t>(options.bus_half_days)) {
    throw CommandError(kUsage, fmt::format("--k {} : un bus de {} demi-journées par semaine ne dessert que {} arrêts",
                                           options.k, options.bus_half_days, options.bus_half_days));
  }
  auto catalog = catalog::Catalog::load(store, {.today = today(), .deduplicated = true});
  const auto tp = planning::territory_problem(catalog, territory, index, *service, options.radius_km, options.k);
  if (tp.communes == 0) throw CommandError(kInvalidInput, "--territoire " + options.territory + ": no commune in it");

  std::cout << fmt::format(
      "{} : {} communes ; {} ont déjà un lieu « {} » à moins de {:g} km ; {} communes ({} habitants) n’en ont pas{}\n",
      options.territory, tp.communes, tp.already_within_reach, options.service, options.radius_km, tp.demand.size(),
      tp.demand_population, tp.without_index ? fmt::format(" ; {} sans indice, non comptées", tp.without_index) : "");
  double bound = 0;  // the Lagrangian bound certifies the proposal without a MIP solver
  const auto heuristic = planning::solve_heuristic(tp.problem, &bound);
  std::cout << fmt::format("Proposition ({} sites au plus ; glouton, relaxation lagrangienne, échanges, destruction-réparation) :\n", options.k);
  std::vector<std::uint32_t> so_far;
  for (std::size_t n = 0; n < heuristic.chosen.size(); ++n) {
    const auto j = heuristic.chosen[n];
    const auto before = population_covered(tp, so_far);
    so_far.push_back(j);
    std::cout << fmt::format("  {}. {} {} : +{} habitants à portée\n", n + 1, tp.candidates[j]->code_insee,
                             tp.candidates[j]->nom, population_covered(tp, so_far) - before);
  }
  const auto covered = population_covered(tp, heuristic.chosen);
  std::cout << fmt::format("Habitants nouvellement à portée : {} sur {} ({:.1f} %) ; poids population × indice : {:.0f}\n",
                           covered, tp.demand_population,
                           tp.demand_population ? 100.0 * static_cast<double>(covered) / static_cast<double>(tp.demand_population) : 0.0,
                           heuristic.covered_weight);
  std::cout << fmt::format("Borne supérieure (relaxation lagrangienne) : {:.0f} ; la proposition en est à moins de {:.3f} %\n",
                           bound, bound > 0 ? std::max(0.0, 100.0 * (bound - heuristic.covered_weight) / bound) : 0.0);
  if (options.bus_half_days > 0) print_bus_week(tp, heuristic.chosen, options.bus_half_days);
  if (options.exact) {
    try {
      const auto exact = planning::solve_exactly(tp.problem, options.time_limit);
      const double gap =
          exact.bound > 0 ? std::max(0.0, 100.0 * (exact.bound - heuristic.covered_weight) / exact.bound) : 0.0;
      std::cout << fmt::format("Optimum (CBC, {:.1f} s{}) : {:.0f} ; écart de la proposition : {:.3f} %\n",
                               exact.seconds, exact.proven_optimal ? "" : ", arrêté par le temps : borne", exact.bound,
                               gap);
      std::string sites;
      for (auto j : exact.solution.chosen) sites += fmt::format("{}{} {}", sites.empty() ? "" : ", ", tp.candidates[j]->code_insee, tp.candidates[j]->nom);
      std::cout << fmt::format("  sites de l’optimum : {} ({} habitants à portée)\n", sites,
                               population_covered(tp, exact.solution.chosen));
    } catch (const planning::SolverError& e) {
      throw CommandError(kUsage, std::string("--exact: ") + e.what());
    }
  }
  return kSuccess;
}

}  // namespace

void add_plan_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<PlanOptions>();
  auto* command = app.add_subcommand(
      "plan",
      "Where to open k new sites (places, permanences, bus stops) offering a service so that the most fragile "
      "population newly has one within the radius (maximal covering; --exact: gap to CBC's optimum)");
  command->add_option("--territoire", options->territory, "commune:CODE, epci:SIREN, departement:CODE or region:CODE")
      ->required();
  command->add_option("--service", options->service, "Service of the standard")->capture_default_str();
  auto* k_option =
      command->add_option("--k", options->k, "Number of new sites")->capture_default_str()->check(CLI::Range(1, 200));
  command->add_option("--rayon", options->radius_km, "Travel radius in km")->capture_default_str()->check(CLI::Range(0.1, 200.0));
  command->add_option("--indice", options->index, "Index weighting the population, SET:INDICATOR")->capture_default_str();
  command->add_flag("--exact", options->exact, "Also solve exactly with CBC (Debian coinor-cbc) and print the gap");
  command->add_option("--temps-max", options->time_limit, "Time limit of CBC in seconds")->capture_default_str();
  command
      ->add_option("--bus", options->bus_half_days,
                   "The sites are the stops of one mobile bus working this many half-days a week (1-14): prints its "
                   "weekly schedule; --k defaults to it")
      ->check(CLI::Range(1, 14));
  command->callback([&context, &result, options, k_option] {
    if (options->bus_half_days > 0 && k_option->count() == 0) options->k = static_cast<std::size_t>(options->bus_half_days);
    result = run_plan(context, *options);
  });
}

}  // namespace relais::cli
