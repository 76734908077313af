// Writes one rendered sample of every page into a directory, for the HTML
// validity check (check_html.sh, HTML Tidy) and the weight check
// (page_weight.sh). Usage: relais_pages_samples DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pages/render.h"
#include "pages/sample_data.h"
#include "pages/territory.h"
#include "pages/territory_sample_data.h"
#include "report/charts.h"
#include "report/figures.h"

using namespace relais;
using namespace relais::pages;

namespace {

void write(const std::filesystem::path& dir, const std::string& name, PageKind kind, const std::string& html) {
  std::ofstream out(dir / (name + ".html"), std::ios::binary);
  out << html;
  // The stylesheets the page links, one per line (for page_weight.sh).
  std::ofstream css(dir / (name + ".css.txt"));
  for (auto path : stylesheets(kind)) css << path << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: relais_pages_samples DIR\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);

  {
    // The territory pages (issue 4): their DSFR stylesheets are listed by hand
    // (they are not a PageKind of render.h).
    const auto sample = samples::territory_sample();
    TerritoryPage page;
    page.report = &sample->report;
    page.index_map_svg = report::index_map_svg(sample->report, *sample->catalog);
    page.planning_map_svg = report::planning_map_svg(sample->report, *sample->catalog);
    page.index_chart_svg = report::index_histogram_svg(sample->report);
    page.base_url = "/territoire/departement/69";
    auto write_territory = [&](const std::string& name, const std::string& html) {
      std::ofstream(dir / (name + ".html"), std::ios::binary) << html;
      std::ofstream css(dir / (name + ".css.txt"));
      for (auto path : {"core/core.min.css", "component/table/table.min.css", "component/header/header.min.css",
                        "component/footer/footer.min.css"}) {
        css << path << '\n';
      }
    };
    write_territory("territory", render_territory(page));
    write_territory("territory-document", render_territory_document(page));
    TerritoryChoicePage choice;
    choice.departements = {{"01", "Ain"}, {"69", "Rhône"}};
    choice.regions = {{"84", "Auvergne-Rhône-Alpes"}};
    write_territory("territory-choice", render_territory_choice(choice));
  }

  HomePage home;
  write(dir, "home", PageKind::Home, render_home(home));

  // The results page at its heaviest: a full page of 20 places with filters.
  write(dir, "results", PageKind::Results, render_results(samples::results(20, 45, 2)));
  write(dir, "results-empty", PageKind::Results, render_results(samples::results(0, 0, 1)));

  write(dir, "place", PageKind::Place, render_place(samples::place_page()));
  write(dir, "place-outdated", PageKind::Place, render_place(samples::place_page(samples::mediatheque())));
  write(dir, "place-itinerant", PageKind::Place, render_place(samples::place_page(samples::bus_numerique())));

  ReportPage report;
  report.place_id = "Hinaura:155";
  report.place_name = "France Services de Villeurbanne";
  write(dir, "report", PageKind::Report, render_report_form(report));
  std::vector<std::pair<std::string, std::string>> fields{{"precision", ""}, {"courriel", "pas-une-adresse"}};
  auto form = read_report_form(report.place_id, fields);
  report.values = form.report;
  report.errors = validate_report_form(form);
  write(dir, "report-errors", PageKind::Report, render_report_form(report));
  write(dir, "report-sent", PageKind::ReportSent,
        render_report_sent({Site{}, "Hinaura:155", "France Services de Villeurbanne"}));

  for (int status : {400, 404, 500}) {
    ErrorPage error;
    error.status = status;
    error.back_url = "/recherche";
    write(dir, "error-" + std::to_string(status), PageKind::Error, render_error(error));
  }
  return 0;
}
