// relais diagnose --territoire departement:69 [--indice SET:INDICATOR] [--csv FILE] ...
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>

#include "catalog/catalog.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/index_option.h"
#include "cli/territory_option.h"
#include "diagnosis/offer.h"
#include "diagnosis/offer_csv.h"
#include "store/store.h"
#include "validation/rules.h"

namespace relais::cli {
namespace {

constexpr std::size_t kRankedShown = 10;

struct DiagnoseOptions {
  std::string territory;
  std::string index = kDefaultIndex;
  std::string csv;
  int half_days = 2;
  double reach_km = 10;
  double fragile_from = 7;
  std::string week;  // YYYY-MM-DD of a Monday; default: the Monday of the current week
};

std::string people(std::int64_t n) { return std::to_string(n); }

int run_diagnose(Context& context, const DiagnoseOptions& options) {
  const territory::Territory territory = parse_territory_option(options.territory);
  diagnosis::OfferOptions offer;
  offer.minimum_half_days = options.half_days;
  offer.reach_km = options.reach_km;
  offer.fragile_from = options.fragile_from;
  if (options.week.empty()) {
    const auto day = std::chrono::sys_days{today()};
    const std::chrono::weekday wd{day};
    offer.week = day - std::chrono::days{(wd.c_encoding() + 6) % 7};
  } else {
    const auto day = validation::rules::parse_date(options.week);
    if (!day) throw CommandError(kUsage, "--semaine " + options.week + ": expected a date YYYY-MM-DD");
    offer.week = std::chrono::sys_days{*day};
  }

  auto& store = context.store();
  const auto index = load_index(store, options.index);
  auto catalog = catalog::Catalog::load(store, {.today = today(), .deduplicated = true});
  if (catalog.communes().size() == 0) {
    throw CommandError(kUsage, "no communes in the database: run `relais import communes` first");
  }
  const auto report = diagnosis::offer_of(catalog, territory, index, offer);
  if (report.communes.empty()) {
    throw CommandError(kInvalidInput, "--territoire " + options.territory + ": no commune of the database is in it");
  }
  if (!options.csv.empty()) {
    std::ofstream out(options.csv, std::ios::binary);
    if (!out) throw CommandError(kUsage, options.csv + ": cannot write");
    diagnosis::write_offer_csv(out, report);
  }

  const auto& s = report.summary;
  std::cout << fmt::format("Territoire {} : {} communes, {} habitants, {} communes avec au moins un lieu\n",
                           options.territory, s.communes, people(s.population), s.communes_with_a_place);
  std::cout << fmt::format("Indice : {} ({} communes sur {}){}\n", options.index, s.communes_with_index, s.communes,
                           index.empty() ? " — aucun indice importé : relais import indicateurs" : "");
  for (std::size_t k = 0; k < diagnosis::kBeyondKm.size(); ++k) {
    std::cout << fmt::format("Habitants à plus de {:.0f} km de tout lieu : {}\n", diagnosis::kBeyondKm[k],
                             people(s.population_beyond_km[k]));
  }
  std::cout << fmt::format("Habitants des communes fragiles (indice ≥ {:g}) : {}, dont {} sans lieu à moins de {:g} km\n",
                           options.fragile_from, people(s.fragile_population),
                           people(s.fragile_population_without_help), options.reach_km);
  if (s.communes_without_position) {
    std::cout << fmt::format("({} communes sans position : distances inconnues)\n", s.communes_without_position);
  }
  std::cout << "Communes par besoin :\n";
  const auto ranked = diagnosis::ranked_by_need(report, offer);
  for (std::size_t i = 0; i < ranked.size() && i < kRankedShown; ++i) {
    const auto& row = *ranked[i];
    std::cout << fmt::format("  {:>2}. {} {} — {} hab., indice {}, {} lieu(x), lieu le plus proche {}\n", i + 1,
                             row.commune->code_insee, row.commune->nom, people(row.commune->population),
                             row.index ? fmt::format("{:.1f}", *row.index) : "inconnu", row.places,
                             row.nearest_place_km ? fmt::format("{:.1f} km", *row.nearest_place_km) : "inconnu");
  }
  return kSuccess;
}

}  // namespace

void add_diagnose_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<DiagnoseOptions>();
  auto* command = app.add_subcommand(
      "diagnose",
      "Territorial diagnosis: per commune, the places and programmes, the distance to the nearest place for each "
      "service and whether it is open enough, the index; population out of reach; communes ranked by need");
  command->add_option("--territoire", options->territory, "commune:CODE, epci:SIREN, departement:CODE or region:CODE")
      ->required();
  command->add_option("--indice", options->index, "Index to use, SET:INDICATOR of `relais import indicateurs`")
      ->capture_default_str();
  command->add_option("--csv", options->csv, "Write the per-commune table to this CSV file");
  command->add_option("--demi-journees", options->half_days, "A place is open enough from this many half-days a week")
      ->capture_default_str()
      ->check(CLI::Range(0, 14));
  command->add_option("--rayon", options->reach_km, "Help within reach: a place at most this many km away")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  command->add_option("--fragile", options->fragile_from, "A commune is fragile from this index value")
      ->capture_default_str();
  command->add_option("--semaine", options->week,
                      "Monday (YYYY-MM-DD) of the week whose hours count (default: this week; pick one without "
                      "public holidays)");
  command->callback([&context, &result, options] { result = run_diagnose(context, *options); });
}

}  // namespace relais::cli
