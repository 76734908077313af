#include "api/handler.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "api/openapi.h"
#include "api/places_query.h"
#include "api/representation.h"
#include "api/statistics.h"
#include "core/text.h"

namespace relais::api {
namespace {

using namespace std::string_view_literals;
using nlohmann::json;

Response json_response(const json& value, int status = 200) {
  Response response;
  response.status = status;
  response.body = dump(value);
  return response;
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

// Query string with `offset` (and limit) set, the other parameters as given.
std::string page_link(const Params& params, std::size_t offset, std::size_t limit) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& item : params.items()) {
    if (item.first != "offset" && item.first != "limit") items.push_back(item);
  }
  items.emplace_back("limit", std::to_string(limit));
  items.emplace_back("offset", std::to_string(offset));
  return std::string(kApiPrefix) + "/lieux?" + to_query_string(items);
}

std::optional<std::size_t> parse_limit(const Params& params, std::size_t fallback, std::size_t max, ApiError& error) {
  auto value = params.one("limit");
  if (auto* e = std::get_if<ApiError>(&value)) {
    error = *e;
    return std::nullopt;
  }
  const std::string* text = std::get<const std::string*>(value);
  if (!text || text->empty()) return fallback;
  std::size_t limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > max) {
    error = invalid_parameter("Le paramètre « limit » attend un entier de 1 à " + std::to_string(max) + ".");
    return std::nullopt;
  }
  return limit;
}

// Optional search text `q` of the lookup routes, folded; error when too long.
std::optional<std::string> parse_q(const Params& params, ApiError& error, bool required) {
  auto value = params.one("q");
  if (auto* e = std::get_if<ApiError>(&value)) {
    error = *e;
    return std::nullopt;
  }
  const std::string* text = std::get<const std::string*>(value);
  if (!text || text->empty()) {
    if (required) {
      error = invalid_parameter("Le paramètre « q » (nom, code postal ou code INSEE) est obligatoire.");
      return std::nullopt;
    }
    return std::string();
  }
  if (utf8_length(*text) > 100) {
    error = invalid_parameter("Le paramètre « q » est trop long (100 caractères au plus).");
    return std::nullopt;
  }
  return *text;
}

// ---- places -----------------------------------------------------------------

Response places(const Request& request, const Params& params, const std::shared_ptr<const Dataset>& dataset) {
  PlacesQueryOptions options;
  options.now = request.now;
  auto parsed = parse_places_request(params, options);
  if (auto* error = std::get_if<ApiError>(&parsed)) return error_response(*error);
  auto& places_request = std::get<PlacesRequest>(parsed);
  PlacesFormat format = places_request.format.value_or(
      request.accept.find("application/geo+json") != std::string_view::npos ? PlacesFormat::GeoJson
                                                                              : PlacesFormat::Json);
  const auto& query = places_request.query;
  auto results = dataset->catalog().search(query);
  json links{{"self", page_link(params, query.offset, query.limit)},
             {"first", page_link(params, 0, query.limit)}};
  bool more = results.total ? query.offset + results.hits.size() < *results.total
                            : results.hits.size() == query.limit;
  if (more && query.offset + 2 * query.limit <= options.max_window) {
    links["next"] = page_link(params, query.offset + query.limit, query.limit);
  }
  if (query.offset > 0) {
    links["prev"] = page_link(params, query.offset > query.limit ? query.offset - query.limit : 0, query.limit);
  }
  // The body is written directly (same bytes as dumping the nlohmann::json
  // object with sorted keys; tested), with the places' pre-rendered text:
  // building and dumping a JSON object per place was most of the work.
  const std::string total = results.total ? std::to_string(*results.total) : std::string("null");
  Response response;
  std::string& body = response.body;
  body.reserve(512 + results.hits.size() * 1600);
  prefetch_places(*dataset, results.hits);
  auto append_items = [&] {
    body.push_back('[');
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      if (i) body.push_back(',');
      const auto& hit = results.hits[i];
      if (format == PlacesFormat::GeoJson) {
        append_place_feature(body, *dataset, hit.place, request.now, &hit);
      } else {
        append_place_json(body, *dataset, hit.place, request.now, &hit);
      }
    }
    body.push_back(']');
  };
  if (format == PlacesFormat::GeoJson) {  // features, limit, links, offset, total, type
    body += "{\"features\":";
    append_items();
    body += ",\"limit\":" + std::to_string(query.limit) + ",\"links\":" + dump(links) +
            ",\"offset\":" + std::to_string(query.offset) + ",\"total\":" + total +
            ",\"type\":\"FeatureCollection\"}";
    response.content_type = "application/geo+json";
  } else {  // lieux, limit, links, offset, total
    body += "{\"lieux\":";
    append_items();
    body += ",\"limit\":" + std::to_string(query.limit) + ",\"links\":" + dump(links) +
            ",\"offset\":" + std::to_string(query.offset) + ",\"total\":" + total + "}";
  }
  return response;
}

Response one_place(const Request& request, std::string_view raw_key, const std::shared_ptr<const Dataset>& dataset) {
  auto key = decode_path_segment(raw_key);
  if (auto* error = std::get_if<ApiError>(&key)) return error_response(*error);
  auto found = dataset->find(std::get<std::string>(key));
  if (found.empty()) return error_response(not_found("Aucun lieu n'a cet identifiant."));
  if (found.size() > 1) {
    std::string refs;
    for (auto i : found) refs += (refs.empty() ? "" : ", ") + dataset->ref(i);
    return error_response({409, "ambiguous_id",
                           "Plusieurs lieux de sources différentes ont cet identifiant ; utilisez l'une de ces "
                           "références : " + refs + "."});
  }
  bool geojson = request.accept.find("application/geo+json") != std::string_view::npos;
  Response response = json_response(geojson ? place_feature(*dataset, found.front(), request.now)
                                            : place_json(*dataset, found.front(), request.now));
  if (geojson) response.content_type = "application/geo+json";
  return response;
}

Response export_csv(const Request& request, const Params& params, const std::shared_ptr<const Dataset>& dataset) {
  PlacesQueryOptions options;
  options.now = request.now;
  options.paging = false;
  auto parsed = parse_places_request(params, options);
  if (auto* error = std::get_if<ApiError>(&parsed)) return error_response(*error);
  auto& places_request = std::get<PlacesRequest>(parsed);
  auto hits = std::make_shared<std::vector<std::uint32_t>>();
  const auto& catalog = dataset->catalog();
  if (places_request.query.territory.empty() && !places_request.query.near && places_request.query.text.empty() &&
      places_request.query.services.empty() && places_request.query.publics.empty() &&
      places_request.query.prises_en_charge.empty() && places_request.query.frais.empty() &&
      places_request.query.modalites_acces.empty() && places_request.query.modalites_accompagnement.empty() &&
      places_request.query.dispositifs.empty() && places_request.query.formations_labels.empty() &&
      places_request.query.itinerance.empty() && !places_request.query.online_booking &&
      !places_request.query.open_at && !places_request.query.open_weekend_after) {
    // Whole catalogue, in catalogue order (the standard export of everything).
    hits->resize(catalog.places().size());
    for (std::uint32_t i = 0; i < hits->size(); ++i) (*hits)[i] = i;
  } else {
    for (const auto& hit : catalog.search(places_request.query).hits) hits->push_back(hit.place);
  }
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"lieux.csv\"");
  auto next = std::make_shared<std::size_t>(0);
  auto header_sent = std::make_shared<bool>(false);
  response.stream = [dataset, hits, next, header_sent](std::string& out) {
    constexpr std::size_t kRowsPerPiece = 500;
    if (!*header_sent) {
      out += csv_header();
      *header_sent = true;
    }
    auto places = dataset->catalog().places();
    std::size_t end = std::min(hits->size(), *next + kRowsPerPiece);
    for (; *next < end; ++*next) append_csv_row(out, places[(*hits)[*next]]);
    return *next < hits->size();
  };
  return response;
}

// ---- territories ------------------------------------------------------------

json commune_json(const territory::Commune& commune) {
  return {{"code_insee", commune.code_insee},
          {"nom", commune.nom},
          {"codes_postaux", commune.codes_postaux},
          {"departement", commune.code_departement},
          {"region", commune.code_region},
          {"epci", commune.code_epci ? json(*commune.code_epci) : json()},
          {"population", commune.population},
          {"latitude", commune.position ? json(commune.position->latitude) : json()},
          {"longitude", commune.position ? json(commune.position->longitude) : json()},
          {"commune_parente", commune.commune_parente ? json(*commune.commune_parente) : json()}};
}

json named(const std::map<std::string, std::string, std::less<>>& names, std::string_view code) {
  auto it = names.find(code);
  return it == names.end() ? json() : json(it->second);
}

Response communes(const Params& params, const Dataset& dataset) {
  static constexpr std::array kAllowed{"q"sv, "limit"sv};
  if (auto error = check_known_parameters(params, kAllowed)) return error_response(*error);
  ApiError error;
  auto q = parse_q(params, error, true);
  if (!q) return error_response(error);
  auto limit = parse_limit(params, 10, 50, error);
  if (!limit) return error_response(error);
  json list = json::array();
  for (const auto& hit : dataset.catalog().communes().search(*q, *limit)) list.push_back(commune_json(*hit.commune));
  return json_response({{"communes", std::move(list)}});
}

Response one_commune(std::string_view raw, const Dataset& dataset) {
  auto code = decode_path_segment(raw);
  if (auto* error = std::get_if<ApiError>(&code)) return error_response(*error);
  const auto* commune = dataset.catalog().communes().find(std::get<std::string>(code));
  if (!commune) return error_response(not_found("Aucune commune n'a ce code INSEE."));
  return json_response(commune_json(*commune));
}

json epci_json(const Dataset& dataset, std::string_view code, const std::vector<const territory::Commune*>& members,
               bool with_communes) {
  std::set<std::string> departements;
  std::int64_t population = 0;
  json communes = json::array();
  for (const auto* commune : members) {
    departements.insert(commune->code_departement);
    population += commune->population;
    if (with_communes) communes.push_back({{"code_insee", commune->code_insee}, {"nom", commune->nom}});
  }
  json out{{"code", code},
           {"nom", named(dataset.names().epcis, code)},
           {"departements", departements},
           {"population", population},
           {"nombre_communes", members.size()}};
  if (with_communes) out["communes"] = std::move(communes);
  return out;
}

bool matches_name(std::string_view folded_query, std::string_view code, const json& name) {
  if (folded_query.empty()) return true;
  if (code.starts_with(folded_query)) return true;
  return name.is_string() && fold_for_search(name.get<std::string>()).find(folded_query) != std::string::npos;
}

Response epcis(const Params& params, const Dataset& dataset) {
  static constexpr std::array kAllowed{"q"sv, "limit"sv};
  if (auto error = check_known_parameters(params, kAllowed)) return error_response(*error);
  ApiError error;
  auto q = parse_q(params, error, false);
  if (!q) return error_response(error);
  auto limit = parse_limit(params, 20, 2000, error);
  if (!limit) return error_response(error);
  auto folded = fold_for_search(*q);
  json list = json::array();
  for (const auto& [code, members] : dataset.epci_members()) {
    if (list.size() == *limit) break;
    if (matches_name(folded, code, named(dataset.names().epcis, code))) {
      list.push_back(epci_json(dataset, code, members, false));
    }
  }
  return json_response({{"epci", std::move(list)}});
}

Response one_epci(std::string_view raw, const Dataset& dataset) {
  auto code = decode_path_segment(raw);
  if (auto* error = std::get_if<ApiError>(&code)) return error_response(*error);
  auto it = dataset.epci_members().find(std::get<std::string>(code));
  if (it == dataset.epci_members().end()) return error_response(not_found("Aucun EPCI n'a ce numéro SIREN."));
  return json_response(epci_json(dataset, it->first, it->second, true));
}

// Départements known from the communes, with their région.
std::map<std::string, std::pair<std::string, std::int64_t>> departement_table(const Dataset& dataset) {
  std::map<std::string, std::pair<std::string, std::int64_t>> table;  // code -> (region, communes)
  for (const auto& commune : dataset.catalog().communes().communes()) {
    if (commune.commune_parente) continue;
    auto& entry = table[commune.code_departement];
    entry.first = commune.code_region;
    entry.second++;
  }
  return table;
}

json departement_json(const Dataset& dataset, const std::string& code, const std::pair<std::string, std::int64_t>& entry) {
  return {{"code", code},
          {"nom", named(dataset.names().departements, code)},
          {"region", entry.first},
          {"region_nom", named(dataset.names().regions, entry.first)},
          {"nombre_communes", entry.second}};
}

Response departements(const Params& params, const Dataset& dataset) {
  static constexpr std::array kAllowed{"q"sv};
  if (auto error = check_known_parameters(params, kAllowed)) return error_response(*error);
  ApiError error;
  auto q = parse_q(params, error, false);
  if (!q) return error_response(error);
  auto folded = fold_for_search(*q);
  json list = json::array();
  for (const auto& [code, entry] : departement_table(dataset)) {
    if (matches_name(folded, code, named(dataset.names().departements, code)) ||
        (!q->empty() && code == *q)) {
      list.push_back(departement_json(dataset, code, entry));
    }
  }
  return json_response({{"departements", std::move(list)}});
}

Response one_departement(std::string_view raw, const Dataset& dataset) {
  auto code = decode_path_segment(raw);
  if (auto* error = std::get_if<ApiError>(&code)) return error_response(*error);
  auto table = departement_table(dataset);
  auto it = table.find(std::get<std::string>(code));
  if (it == table.end()) return error_response(not_found("Aucun département n'a ce code."));
  return json_response(departement_json(dataset, it->first, it->second));
}

Response stats(const Request& request, const Params& params, const Dataset& dataset) {
  static constexpr std::array kAllowed{"commune"sv, "epci"sv, "departement"sv, "region"sv, "territoire"sv};
  if (auto error = check_known_parameters(params, kAllowed)) return error_response(*error);
  geo::TerritoryFilter filter;
  if (auto error = parse_territory_params(params, filter)) return error_response(*error);
  json body = statistics(dataset, filter, request.now);
  body["territoire"] = {{"communes", filter.communes},
                        {"epci", filter.epcis},
                        {"departements", filter.departements},
                        {"regions", filter.regions}};
  return json_response(body);
}

}  // namespace

bool is_api_path(std::string_view path) {
  return path == kApiPrefix || (path.starts_with(kApiPrefix) && path.size() > kApiPrefix.size() &&
                                path[kApiPrefix.size()] == '/');
}

bool depends_on_now(std::string_view path) {
  for (std::string_view prefix : {"/api/v1/lieux"sv, "/api/v1/export/"sv, "/api/v1/statistiques"sv}) {
    if (path.starts_with(prefix)) return true;
  }
  return false;
}

Response error_response(const ApiError& error) {
  Response response;
  response.status = error.status;
  response.body = error_body(error);
  return response;
}

Response handle(const Request& request, const std::shared_ptr<const Dataset>& dataset) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response response = error_response({405, "method_not_allowed", "Seules les méthodes GET et HEAD sont acceptées."});
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  auto parts = split_path(request.path.substr(std::min(request.path.size(), kApiPrefix.size())));
  const bool is_api = is_api_path(request.path);
  if (!is_api) return error_response(not_found("Cette adresse n'existe pas."));
  if (parts.size() == 1 && parts[0] == "openapi.json") {
    Response response;
    response.body = openapi_text();
    return response;
  }
  auto parsed = parse_query_string(request.query);
  if (auto* error = std::get_if<ApiError>(&parsed)) return error_response(*error);
  const Params& params = std::get<Params>(parsed);
  if (!dataset) {
    return error_response({503, "unavailable", "Le catalogue est en cours de chargement ; réessayez dans un instant."});
  }
  if (parts.size() == 1 && parts[0] == "lieux") return places(request, params, dataset);
  if (parts.size() == 2 && parts[0] == "lieux") {
    if (!params.items().empty()) return error_response(invalid_parameter("Cette adresse n'accepte aucun paramètre."));
    return one_place(request, parts[1], dataset);
  }
  if (parts.size() == 2 && parts[0] == "export" && parts[1] == "lieux.csv") return export_csv(request, params, dataset);
  if (parts.size() == 1 && parts[0] == "communes") return communes(params, *dataset);
  if (parts.size() == 1 && parts[0] == "epci") return epcis(params, *dataset);
  if (parts.size() == 1 && parts[0] == "departements") return departements(params, *dataset);
  if (parts.size() == 1 && parts[0] == "statistiques") return stats(request, params, *dataset);
  if (parts.size() == 2 && (parts[0] == "communes" || parts[0] == "epci" || parts[0] == "departements")) {
    if (!params.items().empty()) return error_response(invalid_parameter("Cette adresse n'accepte aucun paramètre."));
    if (parts[0] == "communes") return one_commune(parts[1], *dataset);
    if (parts[0] == "epci") return one_epci(parts[1], *dataset);
    return one_departement(parts[1], *dataset);
  }
  return error_response(not_found("Cette adresse n'existe pas dans l'API v1 ; voir /api/v1/openapi.json."));
}

}  // namespace relais::api
