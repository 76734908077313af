// The territorial diagnosis as HTML (issue 4, "Outputs for people who
// decide"): the web page of a territory (in the site's layout, DSFR, with
// its downloads), the standalone printable report (one self-contained file,
// its own print stylesheet, to print or save as PDF), and the page to choose
// a territory. Same content in both: key figures, the index map with the
// places, the distribution of the index, communes ranked by need, the
// planning proposal with its map, the sources and their dates.
//
// The maps and charts are SVG drawn on the server (report/maps.h,
// report/charts.h): the pages work without JavaScript and print as they are.
#pragma once

#include <string>
#include <vector>

#include "pages/render.h"
#include "report/territory_report.h"

namespace relais::pages {

struct TerritoryPage {
  Site site;
  const report::TerritoryReport* report = nullptr;
  // Pre-rendered SVG documents (report/maps.h, report/charts.h).
  std::string index_map_svg;
  std::string planning_map_svg;
  std::string index_chart_svg;
  // URL of the page ("/territoire/departement/69"): its downloads are below it.
  std::string base_url;
  std::size_t ranked_shown = 20;
};

// The web page, in the site's layout.
std::string render_territory(const TerritoryPage& page);
// The printable report: one HTML document with A4 print rules and no
// script or image. `embed_stylesheet`: its stylesheet inside (a file that
// opens anywhere, alone: the CLI's); else linked from
// kTerritoryDocumentCssPath (the server's pages forbid inline styles).
std::string render_territory_document(const TerritoryPage& page, bool embed_stylesheet = true);

// Stylesheets the server serves for these pages.
inline constexpr std::string_view kTerritoryCssPath = "/territoire/territoire.css";
inline constexpr std::string_view kTerritoryDocumentCssPath = "/territoire/rapport.css";
std::string_view territory_css();           // the web page's own rules (beside the DSFR)
std::string territory_document_css();       // the printable document's, whole

struct TerritoryChoice {
  std::string code, nom;
};
struct TerritoryChoicePage {
  Site site;
  std::vector<TerritoryChoice> departements;
  std::vector<TerritoryChoice> regions;
};
std::string render_territory_choice(const TerritoryChoicePage& page);

}  // namespace relais::pages
