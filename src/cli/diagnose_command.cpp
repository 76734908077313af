// relais diagnose --territoire departement:69 [--indice SET:INDICATOR] [--csv FILE] [--sortie DIR [--pdf]] ...
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "api/dataset.h"
#include "core/process.h"
#include "pages/territory.h"
#include "report/charts.h"
#include "report/diagnosis_data.h"
#include "report/figures.h"
#include "report/geojson.h"
#include "report/territory_report.h"

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
  std::string output_dir;
  bool pdf = false;
  std::string service = "Aide aux démarches administratives";
  std::size_t sites = 5;
  std::string decoupage = "node_modules/@etalab/decoupage-administratif/data";
};

// The territory's name from @etalab/decoupage-administratif when the folder
// is there (the commune table has codes only); empty otherwise.
std::string territory_name(const territory::Territory& territory, const catalog::Catalog& catalog,
                           const std::string& decoupage) {
  if (territory.level == territory::TerritoryLevel::Commune) {
    const auto* commune = catalog.communes().find(territory.code);
    return commune ? commune->nom : std::string();
  }
  if (!std::filesystem::is_directory(decoupage)) return {};
  try {
    return api::TerritoryNames::load(decoupage).name_of(territory.level, territory.code);
  } catch (const std::exception&) {
    return {};  // names are a nicety: the report names the territory by its code
  }
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw CommandError(kUsage, path.string() + ": cannot write");
}

// The printable report to PDF with headless Chromium (Debian `chromium`), as
// the orientation sheet's test does: the browser's print engine is the one
// people would use to save the page as PDF.
void print_to_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf) {
  auto chromium = find_program("chromium");
  if (chromium.empty()) chromium = find_program("chromium-browser");
  if (chromium.empty()) {
    throw CommandError(kUsage, "--pdf: chromium is not installed (apt-get install chromium); the HTML report is "
                               "written and prints to PDF from any browser");
  }
  const auto profile = std::filesystem::temp_directory_path() / fmt::format("relais-pdf-{}", ::getpid());
  const auto log = html.parent_path() / "rapport.pdf.log";
  const int status = run_program({chromium.string(), "--headless", "--no-sandbox", "--disable-gpu",
                                  "--no-pdf-header-footer", "--user-data-dir=" + profile.string(),
                                  "--print-to-pdf=" + pdf.string(), "file://" + std::filesystem::absolute(html).string()},
                                 log);
  std::error_code ignored;
  std::filesystem::remove_all(profile, ignored);
  if (status != 0 || !std::filesystem::exists(pdf) || std::filesystem::file_size(pdf) == 0) {
    throw CommandError(kInvalidInput, fmt::format("--pdf: chromium failed (status {}), see {}", status, log.string()));
  }
  std::filesystem::remove(log, ignored);
}

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

  const auto service = from_label<Service>(options.service);
  if (!service) throw CommandError(kUsage, "--service " + options.service + ": not a service of the standard");
  if (options.pdf && options.output_dir.empty()) throw CommandError(kUsage, "--pdf needs --sortie DIR");

  auto& store = context.store();
  report::DiagnosisData data;
  try {
    data = report::load_diagnosis_data(store, options.index, !options.output_dir.empty());
  } catch (const report::IndexSpecError& e) {
    throw CommandError(kUsage, e.what());
  }
  const auto& index = data.index;
  auto catalog = catalog::Catalog::load(store, {.today = today(), .deduplicated = true});
  if (catalog.communes().size() == 0) {
    throw CommandError(kUsage, "no communes in the database: run `relais import communes` first");
  }
  report::ReportInputs inputs{.catalog = &catalog,
                              .territory = territory,
                              .title = report::territory_title(territory, territory_name(territory, catalog, options.decoupage)),
                              .index_label = data.index_label,
                              .index = &index,
                              .offer = offer,
                              .planning = {.service = *service, .radius_km = options.reach_km, .k = options.sites},
                              .sources = data.sources,
                              .contours = data.contours,
                              .outlines = data.outlines,
                              .today = std::chrono::sys_days{today()}};
  report::TerritoryReport territory_report;
  try {
    territory_report = report::build_territory_report(std::move(inputs));
  } catch (const std::invalid_argument&) {
    throw CommandError(kInvalidInput, "--territoire " + options.territory + ": no commune of the database is in it");
  }
  const auto& report = territory_report.offer;
  if (!options.csv.empty()) {
    std::ofstream out(options.csv, std::ios::binary);
    if (!out) throw CommandError(kUsage, options.csv + ": cannot write");
    diagnosis::write_offer_csv(out, report);
  }
  if (!options.output_dir.empty()) {
    const std::filesystem::path dir = options.output_dir;
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw CommandError(kUsage, options.output_dir + ": " + error.message());
    {
      std::ofstream csv(dir / "communes.csv", std::ios::binary);
      diagnosis::write_offer_csv(csv, report);
      if (!csv) throw CommandError(kUsage, (dir / "communes.csv").string() + ": cannot write");
    }
    {
      std::ofstream geojson(dir / "communes.geojson", std::ios::binary);
      report::write_geojson(geojson, territory_report, catalog);
      if (!geojson) throw CommandError(kUsage, (dir / "communes.geojson").string() + ": cannot write");
    }
    pages::TerritoryPage page;
    page.report = &territory_report;
    page.index_map_svg = report::index_map_svg(territory_report, catalog);
    page.planning_map_svg = report::planning_map_svg(territory_report, catalog);
    page.index_chart_svg = report::index_histogram_svg(territory_report);
    write_file(dir / "rapport.html", pages::render_territory_document(page));
    if (options.pdf) print_to_pdf(dir / "rapport.html", dir / "rapport.pdf");
    std::cout << fmt::format("Rapport écrit dans {} : rapport.html{}, communes.csv, communes.geojson{}\n",
                             options.output_dir, options.pdf ? ", rapport.pdf" : "",
                             territory_report.contours.empty()
                                 ? " (aucun contour de commune importé : les communes sont des points ; "
                                   "relais import contours)"
                                 : "");
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
  const auto& ranked = territory_report.ranked;
  for (std::size_t i = 0; i < ranked.size() && i < kRankedShown; ++i) {
    const auto& row = *ranked[i];
    std::cout << fmt::format("  {:>2}. {} {} — {} hab., indice {}, {} lieu(x), lieu le plus proche {}\n", i + 1,
                             row.commune->code_insee, row.commune->nom, people(row.commune->population),
                             row.index ? fmt::format("{:.1f}", *row.index) : "inconnu", row.places,
                             row.nearest_place_km ? fmt::format("{:.1f} km", *row.nearest_place_km) : "inconnu");
  }
  const auto& proposal = territory_report.proposal;
  if (!proposal.sites.empty()) {
    const bool several = proposal.sites.size() > 1;
    std::cout << fmt::format("Proposition : {} {} « {} » à {:g} km {} {} habitants à portée :\n",
                             proposal.sites.size(), several ? "nouveaux sites" : "nouveau site", options.service,
                             options.reach_km, several ? "mettent" : "met",
                             people(proposal.population_newly_within_reach));
    for (std::size_t i = 0; i < proposal.sites.size(); ++i) {
      const auto& site = proposal.sites[i];
      std::cout << fmt::format("  {:>2}. {} {} — {} hab. nouvellement à portée\n", i + 1, site.commune->code_insee,
                               site.commune->nom, people(site.population_newly_within_reach));
    }
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
  command->add_option("--rayon", options->reach_km, "Help within reach: a place at most this many km away (also the planning proposal's radius)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  command->add_option("--fragile", options->fragile_from, "A commune is fragile from this index value")
      ->capture_default_str();
  command->add_option("--semaine", options->week,
                      "Monday (YYYY-MM-DD) of the week whose hours count (default: this week; pick one without "
                      "public holidays)");
  command->add_option("--sortie", options->output_dir,
                      "Write the report into this folder: rapport.html (printable), communes.csv, communes.geojson");
  command->add_flag("--pdf", options->pdf, "Also print the report to rapport.pdf (headless Chromium)");
  command->add_option("--service", options->service, "Service of the planning proposal (label of the standard)")
      ->capture_default_str();
  command->add_option("--sites", options->sites, "Number of new sites the planning proposal places")
      ->capture_default_str()
      ->check(CLI::Range(0, 200));
  command->add_option("--decoupage", options->decoupage,
                      "data folder of @etalab/decoupage-administratif, for the names of territories")
      ->capture_default_str();
  command->callback([&context, &result, options] { result = run_diagnose(context, *options); });
}

}  // namespace relais::cli
