#include "api/places_query.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "catalog/territory_spec.h"
#include "core/text.h"
#include "hours/paris_time.h"

namespace relais::api {
namespace {

using namespace std::string_view_literals;

const std::array<FilterParameter, 9> kFilters{{
    {"services", "services", labels<Service>()},
    {"publics", "publics_specifiquement_adresses", labels<Public>()},
    {"prise_en_charge", "prise_en_charge_specifique", labels<PriseEnCharge>()},
    {"frais", "frais_a_charge", labels<Frais>()},
    {"modalites_acces", "modalites_acces", labels<ModaliteAcces>()},
    {"modalites_accompagnement", "modalites_accompagnement", labels<ModaliteAccompagnement>()},
    {"dispositifs", "dispositif_programmes_nationaux", labels<Dispositif>()},
    {"labels", "formations_labels", labels<FormationLabel>()},
    {"itinerance", "itinerance", labels<Itinerance>()},
}};

constexpr std::array kTerritoryNames{"commune"sv, "epci"sv, "departement"sv, "region"sv, "territoire"sv};
constexpr std::array kOtherNames{"near"sv, "radius"sv, "prise_rdv"sv, "open_now"sv, "open_at"sv, "weekend"sv, "text"sv};
constexpr std::array kPagingNames{"limit"sv, "offset"sv, "format"sv};

std::vector<std::string_view> make_names(bool paging) {
  std::vector<std::string_view> names;
  for (const auto& filter : kFilters) names.push_back(filter.name);
  names.insert(names.end(), kTerritoryNames.begin(), kTerritoryNames.end());
  names.insert(names.end(), kOtherNames.begin(), kOtherNames.end());
  if (paging) names.insert(names.end(), kPagingNames.begin(), kPagingNames.end());
  return names;
}

std::string quoted(std::string_view text) { return "« " + std::string(text) + " »"; }

// Values of a list parameter: every occurrence split on '|', trimmed, empty dropped.
std::vector<std::string> list_values(const Params& params, std::string_view name) {
  std::vector<std::string> values;
  for (auto value : params.all(name)) {
    while (true) {
      auto bar = value.find('|');
      auto piece = value.substr(0, bar);
      while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
      while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
      if (!piece.empty()) values.emplace_back(piece);
      if (bar == std::string_view::npos) break;
      value.remove_prefix(bar + 1);
    }
  }
  return values;
}

bool parse_double(std::string_view text, double& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(out);
}

bool parse_size(std::string_view text, std::size_t& out) {
  if (text.empty() || text.size() > 12) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Present-and-non-empty single value, or nullptr; error when repeated.
std::variant<const std::string*, ApiError> single(const Params& params, std::string_view name) {
  auto value = params.one(name);
  if (auto* found = std::get_if<const std::string*>(&value); found && *found && (*found)->empty()) {
    return static_cast<const std::string*>(nullptr);
  }
  return value;
}

std::variant<bool, ApiError> parse_bool(const Params& params, std::string_view name) {
  auto value = single(params, name);
  if (auto* error = std::get_if<ApiError>(&value)) return *error;
  const std::string* text = std::get<const std::string*>(value);
  if (!text) return false;
  if (*text == "true" || *text == "1" || *text == "oui") return true;
  if (*text == "false" || *text == "0" || *text == "non") return false;
  return invalid_parameter("Le paramètre " + quoted(name) + " vaut true ou false, pas " + quoted(*text) + ".");
}

bool all_of(std::string_view text, bool (*pred)(char)) {
  for (char c : text) {
    if (!pred(c)) return false;
  }
  return true;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_commune_code(std::string_view code) {
  if (code.size() != 5) return false;
  if (code[0] == '2' && (code[1] == 'A' || code[1] == 'B')) return all_of(code.substr(2), is_digit);
  return all_of(code, is_digit);
}
bool is_epci_code(std::string_view code) { return code.size() == 9 && all_of(code, is_digit); }
bool is_departement_code(std::string_view code) {
  if (code == "2A" || code == "2B") return true;
  if (code.size() == 2) return all_of(code, is_digit);
  return code.size() == 3 && code.substr(0, 2) == "97" && is_digit(code[2]);
}
bool is_region_code(std::string_view code) { return code.size() == 2 && all_of(code, is_digit); }

std::span<const FilterParameter> filter_parameters() { return kFilters; }

std::span<const std::string_view> places_parameter_names(bool paging) {
  static const std::vector<std::string_view> with_paging = make_names(true);
  static const std::vector<std::string_view> without_paging = make_names(false);
  return paging ? with_paging : without_paging;
}

std::optional<ApiError> check_known_parameters(const Params& params, std::span<const std::string_view> allowed) {
  for (const auto& [name, value] : params.items()) {
    bool known = false;
    for (auto candidate : allowed) known = known || candidate == name;
    if (known) continue;
    std::string list;
    for (auto candidate : allowed) list += (list.empty() ? "" : ", ") + std::string(candidate);
    std::string shown = name.size() > 40 ? name.substr(0, 40) + "…" : name;
    if (!is_valid_utf8(shown)) shown = "?";
    return invalid_parameter("Paramètre inconnu " + quoted(shown) + ". Paramètres acceptés : " + list + ".");
  }
  return std::nullopt;
}

std::optional<ApiError> parse_territory_params(const Params& params, geo::TerritoryFilter& filter) {
  struct Level {
    std::string_view name;
    bool (*valid)(std::string_view);
    std::vector<std::string>* codes;
    const char* expected;
  };
  const std::array<Level, 4> levels{{
      {"commune", is_commune_code, &filter.communes, "un code INSEE de 5 caractères, par exemple 69123"},
      {"epci", is_epci_code, &filter.epcis, "un numéro SIREN de 9 chiffres, par exemple 200046977"},
      {"departement", is_departement_code, &filter.departements, "un code de département, par exemple 69, 2A ou 971"},
      {"region", is_region_code, &filter.regions, "un code de région de 2 chiffres, par exemple 84"},
  }};
  for (const auto& level : levels) {
    for (auto& code : list_values(params, level.name)) {
      if (!level.valid(code)) {
        return invalid_parameter("Le paramètre " + quoted(level.name) + " attend " + level.expected + ".");
      }
      level.codes->push_back(std::move(code));
    }
  }
  for (const auto& spec : list_values(params, "territoire")) {
    auto territory = catalog::parse_territory_spec(spec);
    bool valid = territory.has_value();
    if (valid) {
      switch (territory->level) {
        case territory::TerritoryLevel::Commune: valid = is_commune_code(territory->code); break;
        case territory::TerritoryLevel::Epci: valid = is_epci_code(territory->code); break;
        case territory::TerritoryLevel::Departement: valid = is_departement_code(territory->code); break;
        case territory::TerritoryLevel::Region: valid = is_region_code(territory->code); break;
      }
    }
    if (!valid) {
      return invalid_parameter(
          "Le paramètre « territoire » attend commune:CODE, epci:SIREN, departement:CODE ou region:CODE, par "
          "exemple departement:69.");
    }
    catalog::add_to_filter(filter, *territory);
  }
  return std::nullopt;
}

std::variant<PlacesRequest, ApiError> parse_places_request(const Params& params, const PlacesQueryOptions& options) {
  if (auto error = check_known_parameters(params, places_parameter_names(options.paging))) return *error;
  PlacesRequest request;
  geo::Query& query = request.query;

  // Enumeration filters.
  for (const auto& filter : kFilters) {
    auto values = list_values(params, filter.name);
    if (values.size() > options.max_values) {
      return invalid_parameter("Trop de valeurs pour " + quoted(filter.name) + " (" +
                               std::to_string(options.max_values) + " au plus).");
    }
    for (const auto& value : values) {
      if (query.add_filter(filter.field, value)) continue;
      auto wanted = fold_for_search(value);
      bool added = false;
      for (auto label : filter.labels) {
        if (fold_for_search(label) == wanted) {
          added = query.add_filter(filter.field, label);
          break;
        }
      }
      if (added) continue;
      std::string known;
      for (auto label : filter.labels) known += (known.empty() ? "" : " | ") + std::string(label);
      std::string shown = value.size() > 80 ? value.substr(0, 80) + "…" : value;
      if (!is_valid_utf8(shown)) shown = "?";
      return unknown_value("Valeur inconnue " + quoted(shown) + " pour " + quoted(filter.name) +
                           ". Valeurs possibles : " + known + ".");
    }
  }

  // Territory.
  if (auto error = parse_territory_params(params, query.territory)) return *error;

  // Centre and radius.
  auto near = single(params, "near");
  if (auto* error = std::get_if<ApiError>(&near)) return *error;
  if (const std::string* text = std::get<const std::string*>(near)) {
    auto comma = text->find(',');
    double lat = 0, lon = 0;
    if (comma == std::string::npos || !parse_double(std::string_view(*text).substr(0, comma), lat) ||
        !parse_double(std::string_view(*text).substr(comma + 1), lon)) {
      return invalid_parameter("Le paramètre « near » attend LATITUDE,LONGITUDE en degrés décimaux, par exemple "
                               "45.76,4.83.");
    }
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      return invalid_parameter("Coordonnées hors limites : la latitude va de -90 à 90, la longitude de -180 à 180.");
    }
    query.near = Coordinates{lat, lon};
  }
  auto radius = single(params, "radius");
  if (auto* error = std::get_if<ApiError>(&radius)) return *error;
  if (const std::string* text = std::get<const std::string*>(radius)) {
    if (!query.near) return invalid_parameter("Le paramètre « radius » demande aussi « near » (le centre).");
    std::string_view s(*text);
    double factor = 1;
    if (s.ends_with("km")) {
      factor = 1000;
      s.remove_suffix(2);
    } else if (s.ends_with("m")) {
      s.remove_suffix(1);
    }
    double value = 0;
    if (!parse_double(s, value) || !(value > 0) || value * factor > options.max_radius_metres) {
      return invalid_parameter("Le paramètre « radius » attend une distance positive d'au plus " +
                               std::to_string(static_cast<long>(options.max_radius_metres / 1000)) +
                               " km : 5km, 800m ou un nombre de mètres.");
    }
    query.radius_metres = value * factor;
  }

  // Time filters.
  auto prise_rdv = parse_bool(params, "prise_rdv");
  if (auto* error = std::get_if<ApiError>(&prise_rdv)) return *error;
  query.online_booking = std::get<bool>(prise_rdv);
  auto open_now = parse_bool(params, "open_now");
  if (auto* error = std::get_if<ApiError>(&open_now)) return *error;
  auto weekend = parse_bool(params, "weekend");
  if (auto* error = std::get_if<ApiError>(&weekend)) return *error;
  auto open_at = single(params, "open_at");
  if (auto* error = std::get_if<ApiError>(&open_at)) return *error;
  std::chrono::sys_seconds reference = options.now;
  bool reference_is_now = true;
  if (const std::string* text = std::get<const std::string*>(open_at)) {
    if (std::get<bool>(open_now)) {
      return invalid_parameter("« open_now » et « open_at » ne peuvent pas être donnés ensemble.");
    }
    auto at = hours::parse_paris_local(*text);
    if (!at) {
      return invalid_parameter("Le paramètre « open_at » attend une date et une heure de Paris, "
                               "AAAA-MM-JJTHH:MM, par exemple 2026-11-24T10:00.");
    }
    query.open_at = *at;
    reference = *at;
    reference_is_now = false;
  } else if (std::get<bool>(open_now)) {
    query.open_at = options.now;
    request.uses_now = true;
  }
  if (std::get<bool>(weekend)) {
    query.open_weekend_after = reference;
    request.uses_now = request.uses_now || reference_is_now;
  }

  // Text.
  auto text = single(params, "text");
  if (auto* error = std::get_if<ApiError>(&text)) return *error;
  if (const std::string* value = std::get<const std::string*>(text)) {
    if (utf8_length(*value) > options.max_text_length) {
      return invalid_parameter("Le texte recherché est trop long (" + std::to_string(options.max_text_length) +
                               " caractères au plus).");
    }
    query.text = *value;
  }

  // Page and format.
  if (!options.paging) {
    query.offset = 0;
    query.limit = options.max_export;
    return request;
  }
  query.limit = options.default_limit;
  query.offset = 0;
  auto limit = single(params, "limit");
  if (auto* error = std::get_if<ApiError>(&limit)) return *error;
  if (const std::string* value = std::get<const std::string*>(limit)) {
    if (!parse_size(*value, query.limit) || query.limit < 1 || query.limit > options.max_limit) {
      return invalid_parameter("Le paramètre « limit » attend un entier de 1 à " + std::to_string(options.max_limit) +
                               ".");
    }
  }
  auto offset = single(params, "offset");
  if (auto* error = std::get_if<ApiError>(&offset)) return *error;
  if (const std::string* value = std::get<const std::string*>(offset)) {
    if (!parse_size(*value, query.offset) || query.offset + query.limit > options.max_window) {
      return invalid_parameter("Le paramètre « offset » attend un entier positif ; offset + limit vaut au plus " +
                               std::to_string(options.max_window) + " (utilisez l'export CSV au-delà).");
    }
  }
  auto format = single(params, "format");
  if (auto* error = std::get_if<ApiError>(&format)) return *error;
  if (const std::string* value = std::get<const std::string*>(format)) {
    if (*value == "json") {
      request.format = PlacesFormat::Json;
    } else if (*value == "geojson") {
      request.format = PlacesFormat::GeoJson;
    } else {
      return invalid_parameter("Le paramètre « format » vaut json ou geojson.");
    }
  }
  return request;
}

}  // namespace relais::api
