#include "site/territory.h"

#include <set>
#include <sstream>

#include <fmt/format.h>

#include "api/query_string.h"
#include "diagnosis/offer_csv.h"
#include "hours/paris_time.h"
#include "pages/territory.h"
#include "report/charts.h"
#include "report/figures.h"
#include "report/geojson.h"
#include "site/responses.h"

namespace relais::site {

struct TerritoryPages::Entry {
  // What the report points into: the catalogue's communes and places.
  std::shared_ptr<const api::Dataset> dataset;
  std::shared_ptr<const report::DiagnosisData> diagnosis;
  std::string key;  // niveau/code
  std::string page, document, csv, geojson;
};

namespace {

constexpr std::string_view kPrefix = "/territoire";

using detail::html;

Response error_page(const pages::Site& site, int status, std::string detail) {
  return detail::error_page(site, status, std::move(detail), "/territoire");
}

Response text(std::string content_type, std::string body, std::string file_name = {}) {
  Response response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  if (!file_name.empty()) {
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  }
  return response;
}

Response redirect(std::string location) {
  Response response;
  response.status = 303;
  response.content_type = "text/html; charset=utf-8";
  response.headers.emplace_back("Location", location);
  response.body = "<!DOCTYPE html><title>Redirection</title><a href=\"" + location + "\">Continuer</a>";
  return response;
}

std::optional<territory::TerritoryLevel> level_of(std::string_view niveau) {
  if (niveau == "departement") return territory::TerritoryLevel::Departement;
  if (niveau == "region") return territory::TerritoryLevel::Region;
  if (niveau == "epci") return territory::TerritoryLevel::Epci;
  return std::nullopt;
}

// Codes are short and made of digits and letters (2A, 971, SIREN): anything
// else is not a territory (and never reaches a page or a file name).
bool plausible_code(std::string_view code) {
  if (code.empty() || code.size() > 9) return false;
  for (char c : code) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

Response choice(const Request& request, const api::Dataset& dataset, const pages::Site& site) {
  auto parsed = api::parse_query_string(request.query);
  if (auto* error = std::get_if<api::ApiError>(&parsed)) return error_page(site, 400, error->message);
  const auto& params = std::get<api::Params>(parsed);
  auto departement = params.one("departement");
  if (auto* error = std::get_if<api::ApiError>(&departement)) return error_page(site, 400, error->message);
  if (const auto* code = std::get<const std::string*>(departement)) {
    if (!plausible_code(*code)) return error_page(site, 400, "Ce code de département n’existe pas.");
    return redirect("/territoire/departement/" + *code);
  }
  pages::TerritoryChoicePage page{.site = site, .departements = {}, .regions = {}};
  for (const auto& [code, nom] : dataset.names().departements) page.departements.push_back({code, nom});
  for (const auto& [code, nom] : dataset.names().regions) page.regions.push_back({code, nom});
  if (page.departements.empty()) {  // names not loaded: the codes of the communes
    std::set<std::string> codes;
    for (const auto& c : dataset.catalog().communes().communes()) codes.insert(c.code_departement);
    for (const auto& code : codes) page.departements.push_back({code, "département " + code});
  }
  return html(200, pages::render_territory_choice(page));
}

}  // namespace

bool is_territory_path(std::string_view path) {
  return path == kPrefix || (path.starts_with(kPrefix) && path.size() > kPrefix.size() && path[kPrefix.size()] == '/');
}

std::shared_ptr<const TerritoryPages::Entry> TerritoryPages::entry_for(
    const std::shared_ptr<const api::Dataset>& dataset, const std::shared_ptr<const report::DiagnosisData>& diagnosis,
    const territory::Territory& territory, const pages::Site& site, std::chrono::sys_seconds now) {
  const std::string key = fmt::format("{}/{}", static_cast<int>(territory.level), territory.code);
  {
    std::lock_guard lock(mutex_);
    for (auto it = cache_.begin(); it != cache_.end(); ++it) {
      if ((*it)->dataset == dataset && (*it)->diagnosis == diagnosis && (*it)->key == key) {
        auto entry = *it;
        cache_.splice(cache_.begin(), cache_, it);
        return entry;
      }
    }
  }
  // Built outside the lock: two requests for the same new territory may
  // both build it; the second replaces the first, no harm.
  static const report::DiagnosisData kNoData{};
  const auto& data = diagnosis ? *diagnosis : kNoData;
  const auto& catalog = dataset->catalog();
  const auto today = hours::paris_local_seconds(now) / 86400;
  report::ReportInputs inputs{
      .catalog = &catalog,
      .territory = territory,
      .title = report::territory_title(territory, dataset->names().name_of(territory.level, territory.code)),
      .index_label = data.index_label.empty() ? "aucun indice importé" : data.index_label,
      .index = &data.index,
      .offer = {},
      .planning = {},
      .sources = data.sources,
      .contours = data.contours,
      .outlines = data.outlines,
      .today = std::chrono::sys_days{std::chrono::days{today}}};
  // The week whose hours count: the current one, from its Monday.
  const std::chrono::weekday weekday{inputs.today};
  inputs.offer.week = inputs.today - std::chrono::days{(weekday.c_encoding() + 6) % 7};
  auto built = std::make_shared<Entry>();
  built->dataset = dataset;
  built->diagnosis = diagnosis;
  built->key = key;
  const auto report = report::build_territory_report(std::move(inputs));  // throws invalid_argument: no commune
  pages::TerritoryPage page;
  page.site = site;
  page.report = &report;
  page.index_map_svg = report::index_map_svg(report, catalog);
  page.planning_map_svg = report::planning_map_svg(report, catalog);
  page.index_chart_svg = report::index_histogram_svg(report);
  page.base_url = fmt::format("/territoire/{}/{}",
                              territory.level == territory::TerritoryLevel::Region ? "region"
                              : territory.level == territory::TerritoryLevel::Epci ? "epci"
                                                                                    : "departement",
                              territory.code);
  built->page = pages::render_territory(page);
  built->document = pages::render_territory_document(page, false);
  std::ostringstream csv, geojson;
  diagnosis::write_offer_csv(csv, report.offer);
  report::write_geojson(geojson, report, catalog);
  built->csv = csv.str();
  built->geojson = geojson.str();

  std::lock_guard lock(mutex_);
  cache_.push_front(built);
  while (cache_.size() > capacity_) cache_.pop_back();
  return built;
}

Response TerritoryPages::handle(const Request& request, const std::shared_ptr<const api::Dataset>& dataset,
                                const std::shared_ptr<const report::DiagnosisData>& diagnosis,
                                const pages::Site& site) {
  if (request.method != "GET" && request.method != "HEAD") {
    auto response = error_page(site, 405, "Cette adresse ne s’utilise pas de cette façon.");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  std::string_view path = request.path;
  if (path == kPrefix || path == "/territoire/") return choice(request, *dataset, site);
  path.remove_prefix(kPrefix.size() + 1);
  if (path == "territoire.css") return text("text/css; charset=utf-8", std::string(pages::territory_css()));
  if (path == "rapport.css") return text("text/css; charset=utf-8", pages::territory_document_css());

  // niveau/code[/file]
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return error_page(site, 404, "Cette page n’existe pas.");
  const auto level = level_of(path.substr(0, slash));
  auto rest = path.substr(slash + 1);
  const auto next = rest.find('/');
  const auto code = rest.substr(0, next);
  const auto file = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
  if (!level || !plausible_code(code)) return error_page(site, 404, "Ce territoire n’existe pas.");
  if (!file.empty() && file != "rapport.html" && file != "communes.csv" && file != "communes.geojson") {
    return error_page(site, 404, "Cette page n’existe pas.");
  }
  std::shared_ptr<const Entry> entry;
  try {
    entry = entry_for(dataset, diagnosis, {*level, std::string(code)}, site, request.now);
  } catch (const std::invalid_argument&) {
    return error_page(site, 404, "Aucune commune connue n’est dans ce territoire.");
  }
  const std::string stem = fmt::format("diagnostic-{}-{}", path.substr(0, slash), code);
  if (file.empty()) return html(200, entry->page);
  if (file == "rapport.html") return html(200, entry->document);
  if (file == "communes.csv") return text("text/csv; charset=utf-8", entry->csv, stem + ".csv");
  return text("application/geo+json", entry->geojson, stem + ".geojson");
}

}  // namespace relais::site
