// The public HTML pages of Relais, rendered as strings from plain structs:
// home, search results, place, "signaler une erreur" form and its
// confirmation, and error pages.
//
// Pages are in French, on the State design system (DSFR, npm @gouvfr/dsfr,
// served by the server under /static/dsfr/), work without JavaScript (the
// results page's map is added by pages/scripts.h's carte.js when it runs), link
// only the DSFR stylesheets they use (stylesheets()), and print cleanly
// (DSFR print rules, `fr-no-print` on navigation, filters and the map).
// Every value is HTML-escaped by the templates.
//
// Thread-safety: every function is pure and may be called concurrently
// (templates are parsed once per thread). Errors: none expected; a broken
// embedded template throws std::logic_error (caught by the unit tests).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "pages/filters.h"
#include "pages/hours_view.h"
#include "pages/report.h"

namespace relais::pages {

// What every page shows in its header and footer.
struct Site {
  std::string name = "Relais";
  std::string tagline = "Trouver de l’aide pour le numérique près de chez vous";
  // URL prefix under which the server serves node_modules/@gouvfr/dsfr/dist.
  std::string dsfr_prefix = "/static/dsfr";
  // Map of the results page (docs/server.md, "Map"): the tile URL template
  // for Leaflet and its attribution (HTML from the operator's configuration,
  // shown in the map's corner). The server's CSP allows the tiles' host.
  std::string map_tiles_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  std::string map_tiles_attribution =
      "© <a href=\"https://www.openstreetmap.org/copyright\">les contributeurs d’OpenStreetMap</a>";
};

enum class PageKind { Home, Results, Place, Report, ReportSent, Error };

// DSFR stylesheets of a page, relative to the dist folder, in link order
// ("core/core.min.css", "component/header/header.min.css", ...). Each file
// carries its own print rules.
std::span<const std::string_view> stylesheets(PageKind kind);

// --- 1. Home -----------------------------------------------------------------
struct HomePage {
  Site site;
  SearchFilters filters;  // prefill (e.g. coming back from results)
};
std::string render_home(const HomePage& page);

// --- 2. Results --------------------------------------------------------------
// One place of a result list.
struct PlaceSummary {
  std::string id;    // for /lieux/{id}
  std::string nom;
  std::string address;  // "12 rue X, Bâtiment B, 69100 Villeurbanne"
  std::optional<double> distance_metres;
  OpenState open;
  std::vector<Frais> frais;
  std::vector<Service> services;
  std::optional<Coordinates> coordinates;
};
// Builds a summary from a place of the catalogue; `horaires` is evaluated at
// `now` (Europe/Paris).
PlaceSummary summarize(const Place& place, std::optional<double> distance_metres, std::chrono::sys_seconds now);
// The same with the place's hours already compiled (the catalogue keeps them;
// null: absent or unreadable), so a results page parses no hours.
PlaceSummary summarize(const Place& place, const hours::OpeningHours* hours, std::optional<double> distance_metres,
                       std::chrono::sys_seconds now);

// "12 rue X, Bâtiment B, 69100 Villeurbanne".
std::string postal_address(const Place& place);

struct ResultsPage {
  Site site;
  SearchFilters filters;
  // Where the search is centred, as understood: "Villeurbanne (69100)".
  std::string where_label;
  // Why `filters.where` could not be used, in French; empty when fine.
  std::string where_error;
  std::vector<PlaceSummary> places;   // the page, in rank order
  std::optional<std::size_t> total;   // all matches; nullopt when unknown (k nearest)
  std::size_t page = 1;               // 1-based
  std::size_t page_size = 20;
  std::optional<Coordinates> centre;
};
std::string render_results(const ResultsPage& page);

// --- 3. Place ----------------------------------------------------------------
struct PlacePage {
  Site site;
  Place place;
  // Sources of the records behind the place (several after deduplication),
  // in display order, duplicates removed by the renderer.
  std::vector<std::string> sources;
  std::chrono::sys_seconds now{};
  // The results page to go back to (keeps the filters); "/recherche" if empty.
  std::string back_url;
};
std::string render_place(const PlacePage& page);

// Past this age `date_maj` is outdated (the national map's 365 days, §13.5).
inline constexpr int kOutdatedAfterDays = 365;
bool is_outdated(std::chrono::year_month_day date_maj, std::chrono::sys_seconds now);

// --- 4. Signaler une erreur --------------------------------------------------
struct ReportPage {
  Site site;
  std::string place_id;
  std::string place_name;
  ErrorReport values;              // what was typed (redisplayed after errors)
  std::vector<FieldError> errors;  // from validate_report_form
};
std::string render_report_form(const ReportPage& page);

struct ReportSentPage {
  Site site;
  std::string place_id;
  std::string place_name;
};
std::string render_report_sent(const ReportSentPage& page);

// "/lieux/{id}/signaler".
std::string report_path(std::string_view place_id);

// --- 5. Errors ---------------------------------------------------------------
struct ErrorPage {
  Site site;
  int status = 500;     // 400, 404, 500 have their own words; others read as 500
  std::string detail;   // optional French sentence (e.g. which filter is wrong)
  std::string back_url; // optional link back
};
std::string render_error(const ErrorPage& page);

}  // namespace relais::pages
