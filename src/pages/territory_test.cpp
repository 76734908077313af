#include "pages/territory.h"

#include <gtest/gtest.h>

#include "pages/territory_sample_data.h"
#include "report/charts.h"
#include "report/figures.h"

namespace relais::pages {
namespace {

TerritoryPage page_of(const samples::TerritorySample& sample) {
  TerritoryPage page;
  page.report = &sample.report;
  page.index_map_svg = report::index_map_svg(sample.report, *sample.catalog);
  page.planning_map_svg = report::planning_map_svg(sample.report, *sample.catalog);
  page.index_chart_svg = report::index_histogram_svg(sample.report);
  page.base_url = "/territoire/departement/69";
  return page;
}

bool has(const std::string& html, std::string_view text) { return html.find(text) != std::string::npos; }

TEST(PagesTerritory, WebPageHasEverySectionAndTheDownloads) {
  const auto sample = samples::territory_sample();
  const auto html = render_territory(page_of(*sample));
  EXPECT_TRUE(has(html, "<h1>Diagnostic numérique : Rhône (département 69)</h1>"));
  EXPECT_TRUE(has(html, "id=\"chiffres\""));
  EXPECT_TRUE(has(html, "154\u00a0500</strong> habitants dans 4 communes")) << "grouped numbers";
  EXPECT_TRUE(has(html, "<svg")) << "the maps are inline SVG";
  EXPECT_TRUE(has(html, "Saint-Est &lt;A&gt; (69901)")) << "names are escaped";
  EXPECT_FALSE(has(html, "Saint-Est <A>"));
  EXPECT_TRUE(has(html, "8,0/10"));
  EXPECT_TRUE(has(html, "href=\"/territoire/departement/69/communes.csv\""));
  EXPECT_TRUE(has(html, "href=\"/territoire/departement/69/communes.geojson\""));
  EXPECT_TRUE(has(html, "href=\"/territoire/departement/69/rapport.html\""));
  EXPECT_TRUE(has(html, "href=\"/territoire/territoire.css\""));
  EXPECT_TRUE(has(html, "La MedNum, export 2023")) << "sources";
  EXPECT_TRUE(has(html, "4\u00a0000 habitants")) << "the proposal brings both villages within reach";
  EXPECT_FALSE(has(html, "<script")) << "works without JavaScript";
  EXPECT_FALSE(has(html, "style=\"")) << "the server's CSP forbids inline styles";
}

TEST(PagesTerritory, PrintableDocumentStandsAlone) {
  const auto sample = samples::territory_sample();
  const auto page = page_of(*sample);
  const auto alone = render_territory_document(page);
  EXPECT_TRUE(has(alone, "<style>"));
  EXPECT_TRUE(has(alone, "@page{size:A4"));
  EXPECT_FALSE(has(alone, "<link")) << "one self-contained file";
  EXPECT_FALSE(has(alone, "communes.csv")) << "no web downloads in the paper report";
  EXPECT_TRUE(has(alone, "id=\"sources\""));
  const auto served = render_territory_document(page, false);
  EXPECT_FALSE(has(served, "<style>"));
  EXPECT_TRUE(has(served, "href=\"/territoire/rapport.css\""));
}

TEST(PagesTerritory, ChoicePageListsTerritories) {
  TerritoryChoicePage page;
  page.departements = {{"01", "Ain"}, {"69", "Rhône"}};
  page.regions = {{"84", "Auvergne-Rhône-Alpes"}};
  const auto html = render_territory_choice(page);
  EXPECT_TRUE(has(html, "<option value=\"69\">69 – Rhône</option>"));
  EXPECT_TRUE(has(html, "href=\"/territoire/region/84\""));
}

}  // namespace
}  // namespace relais::pages
