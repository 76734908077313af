#include "site/handler.h"

#include <charconv>
#include <string>

#include <fmt/format.h>

#include "api/places_query.h"
#include "api/query_string.h"
#include "geo/hours_schedule.h"
#include "site/responses.h"
#include "site/where.h"

namespace relais::site {
namespace {

constexpr std::string_view kPlacesPrefix = "/lieux/";
constexpr std::string_view kReportSuffix = "/signaler";
constexpr std::size_t kMaxPage = 500;

using detail::html;

Response error_page(const pages::Site& site, int status, std::string detail, std::string back_url = "/") {
  return detail::error_page(site, status, std::move(detail), std::move(back_url));
}

Response method_not_allowed(const pages::Site& site, std::string_view allow) {
  auto response = error_page(site, 405, "Cette adresse ne s’utilise pas de cette façon.");
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

bool is_read(std::string_view method) { return method == "GET" || method == "HEAD"; }

// The page number: 1 when absent; nullopt when not a whole number in range.
std::optional<std::size_t> parse_page(const std::string* text) {
  if (!text || text->empty()) return 1;
  std::size_t page = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), page);
  if (ec != std::errc() || end != text->data() + text->size() || page < 1 || page > kMaxPage) return std::nullopt;
  return page;
}

Response results(const Request& request, const api::Dataset& dataset, const pages::Site& site) {
  auto parsed = api::parse_query_string(request.query);
  if (auto* error = std::get_if<api::ApiError>(&parsed)) return error_page(site, 400, error->message, "/");
  const auto& params = std::get<api::Params>(parsed);

  auto where = params.one("ou");
  auto page_param = params.one("page");
  if (auto* error = std::get_if<api::ApiError>(&where)) return error_page(site, 400, error->message);
  if (auto* error = std::get_if<api::ApiError>(&page_param)) return error_page(site, 400, error->message);
  auto page = parse_page(std::get<const std::string*>(page_param));
  if (!page) return error_page(site, 400, fmt::format("Le numéro de page doit être un nombre de 1 à {}.", kMaxPage));
  const std::string* where_text = std::get<const std::string*>(where);

  pages::ResultsPage view;
  view.site = site;
  view.page = *page;
  view.page_size = kPageSize;

  // The page's own parameters are not the API's; the centre comes from `ou`.
  std::vector<std::pair<std::string, std::string>> api_params;
  bool has_radius = false;
  for (const auto& [name, value] : params.items()) {
    if (name == "ou" || name == "page") continue;
    if (name == "near" || name == "limit" || name == "offset" || name == "format") {
      return error_page(site, 400, fmt::format("Le paramètre « {} » n’existe pas sur cette page.", name));
    }
    if (name == "radius") has_radius = !value.empty();
    api_params.emplace_back(name, value);
  }
  std::optional<catalog::CommuneLocation> location;
  if (where_text && !where_text->empty()) {
    location = resolve_where(dataset.catalog().communes(), *where_text);
    if (location) {
      api_params.emplace_back("near", fmt::format("{},{}", location->position.latitude, location->position.longitude));
      view.where_label = location->commune->codes_postaux.empty()
                             ? location->commune->nom
                             : fmt::format("{} ({})", location->commune->nom, location->commune->codes_postaux.front());
    } else {
      view.where_error = fmt::format(
          "Nous n’avons pas trouvé « {} ». Essayez le nom d’une commune ou un code postal, par exemple « Lyon » ou "
          "« 69001 ».",
          *where_text);
    }
  }
  if (has_radius && !location) {  // a radius without a centre means nothing: drop it
    std::erase_if(api_params, [](const auto& p) { return p.first == "radius"; });
  }

  api::PlacesQueryOptions options;
  options.now = request.now;
  auto places_request = api::parse_places_request(api::Params(std::move(api_params)), options);
  if (auto* error = std::get_if<api::ApiError>(&places_request)) return error_page(site, 400, error->message, "/");
  auto query = std::get<api::PlacesRequest>(places_request).query;
  view.filters = pages::filters_from_query(query);
  view.filters.where = where_text ? *where_text : "";
  view.centre = query.near;
  if (!view.where_error.empty()) return html(200, pages::render_results(view));

  query.offset = (view.page - 1) * kPageSize;
  query.limit = kPageSize;
  auto found = dataset.catalog().search(query);
  view.total = found.total;
  view.places.reserve(found.hits.size());
  for (const auto& hit : found.hits) {
    const auto& catalog = dataset.catalog();
    auto summary = pages::summarize(catalog.places()[hit.place],
                                    geo::opening_hours_of(catalog.extras(hit.place).schedule.get()),
                                    hit.distance_metres, request.now);
    summary.id = dataset.ref(hit.place);
    view.places.push_back(std::move(summary));
  }
  return html(200, pages::render_results(view));
}

// The one place `key` names, or an error page.
std::variant<std::uint32_t, Response> find_place(const api::Dataset& dataset, std::string_view raw_key,
                                                 const pages::Site& site) {
  auto decoded = api::decode_path_segment(raw_key);
  if (auto* error = std::get_if<api::ApiError>(&decoded)) return error_page(site, 400, error->message);
  auto matches = dataset.find(std::get<std::string>(decoded));
  if (matches.empty()) {
    return error_page(site, 404, "Ce lieu n’existe pas ou n’est plus référencé.", "/recherche");
  }
  if (matches.size() > 1) {
    return error_page(site, 404,
                      "Plusieurs lieux portent cet identifiant : cherchez le lieu depuis la page de recherche.",
                      "/recherche");
  }
  return matches.front();
}

Response place_page(const Request& request, const api::Dataset& dataset, std::uint32_t index,
                    const pages::Site& site) {
  pages::PlacePage view;
  view.site = site;
  view.place = dataset.catalog().places()[index];
  view.place.id = dataset.ref(index);  // the page's links use the public reference
  for (const auto& record : dataset.catalog().records_of(index)) view.sources.push_back(record.source);
  view.now = request.now;
  return html(200, pages::render_place(view));
}

Response report(const Request& request, const api::Dataset& dataset, std::uint32_t index, const ReportSink& sink,
                const pages::Site& site) {
  const auto& place = dataset.catalog().places()[index];
  pages::ReportPage view{.site = site, .place_id = dataset.ref(index), .place_name = place.nom, .values = {},
                         .errors = {}};
  if (is_read(request.method)) return html(200, pages::render_report_form(view));
  if (request.method != "POST") return method_not_allowed(site, "GET, HEAD, POST");

  auto type = request.content_type.substr(0, request.content_type.find(';'));
  if (type != "application/x-www-form-urlencoded") {
    return error_page(site, 415, "Le formulaire doit être envoyé depuis la page du lieu.", pages::report_path(view.place_id));
  }
  if (request.body.size() > kMaxFormBytes) {
    return error_page(site, 413, "Le message est trop long.", pages::report_path(view.place_id));
  }
  api::QueryStringLimits limits{.max_length = kMaxFormBytes, .max_parameters = 50};
  auto fields = api::parse_query_string(request.body, limits);
  if (auto* error = std::get_if<api::ApiError>(&fields)) {
    return error_page(site, 400, error->message, pages::report_path(view.place_id));
  }
  auto form = pages::read_report_form(view.place_id, std::get<api::Params>(fields).items());
  view.values = form.report;
  view.errors = pages::validate_report_form(form);
  if (!view.errors.empty()) return html(400, pages::render_report_form(view));

  store::PlaceReport stored;
  stored.place_ref = view.place_id;
  stored.message = form.report.message;
  stored.email = form.report.email;
  for (auto category : form.report.categories) {
    stored.categories.emplace_back(pages::report_category_info(category).value);
  }
  try {
    sink(stored);
  } catch (const std::exception&) {
    return error_page(site, 500, "Votre message n’a pas pu être enregistré. Réessayez dans un instant.",
                      pages::report_path(view.place_id));
  }
  return html(200, pages::render_report_sent({.site = site, .place_id = view.place_id, .place_name = place.nom}));
}

}  // namespace

bool is_site_path(std::string_view path) {
  return path == "/" || path == "/recherche" || path.starts_with(kPlacesPrefix) || is_orientation_path(path);
}

Response handle(const Request& request, const std::shared_ptr<const api::Dataset>& dataset,
                const ReportSink& reports, const pages::Site& site, const MailSink& mail) {
  const auto& path = request.path;
  if (is_orientation_path(path)) return handle_orientation(request, *dataset, mail, site);
  if (path.starts_with(kPlacesPrefix)) {
    auto rest = path.substr(kPlacesPrefix.size());
    bool is_report = rest.ends_with(kReportSuffix);
    if (is_report) rest.remove_suffix(kReportSuffix.size());
    if (rest.empty() || rest.find('/') != std::string_view::npos) {
      return error_page(site, 404, "Cette page n’existe pas.", "/");
    }
    if (!is_report && !is_read(request.method)) return method_not_allowed(site, "GET, HEAD");
    auto found = find_place(*dataset, rest, site);
    if (auto* response = std::get_if<Response>(&found)) return std::move(*response);
    auto index = std::get<std::uint32_t>(found);
    return is_report ? report(request, *dataset, index, reports, site)
                     : place_page(request, *dataset, index, site);
  }
  if (!is_read(request.method)) return method_not_allowed(site, "GET, HEAD");
  if (path == "/") return html(200, pages::render_home({.site = site, .filters = {}}));
  if (path == "/recherche") return results(request, *dataset, site);
  return error_page(site, 404, "Cette page n’existe pas.", "/");
}

}  // namespace relais::site
