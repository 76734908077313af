// Query string of the places routes -> geo::Query. Pure (no server, no
// catalogue), thread-safe; the fuzz target fuzz/api_query_fuzz.cpp feeds it
// arbitrary bytes.
//
// Parameters (see the OpenAPI document for the full contract):
//   near=LAT,LON  radius=METRES|5km|800m  limit  offset
//   services publics prise_en_charge frais modalites_acces
//   modalites_accompagnement dispositifs labels itinerance   (standard labels)
//   prise_rdv=true  open_now=true  open_at=YYYY-MM-DDTHH:MM  weekend=true
//   commune epci departement region territoire=departement:69  text  format
// A filter's values are separated by '|' or given by repeating the parameter
// (both may mix); values of one filter are OR-ed, filters are AND-ed. A value
// matches a label exactly or once case and accents are folded. Empty values
// are ignored (HTML forms send empty fields). Unknown parameters are errors,
// so a typo never silently widens a search.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string_view>
#include <variant>

#include "api/error.h"
#include "api/query_string.h"
#include "geo/query.h"

namespace relais::api {

enum class PlacesFormat { Json, GeoJson };

struct PlacesRequest {
  geo::Query query;
  // Set when the request named `format`; else the route decides (Accept).
  std::optional<PlacesFormat> format;
  // The answer depends on the current time (open_now, weekend without open_at).
  bool uses_now = false;
};

struct PlacesQueryOptions {
  std::chrono::sys_seconds now{};
  // false for exports: limit/offset/format are not accepted and the query
  // asks for every match (limit = max_export).
  bool paging = true;
  std::size_t default_limit = 20;
  std::size_t max_limit = 500;          // one page
  std::size_t max_window = 10000;       // offset + limit
  std::size_t max_export = 1'000'000;   // limit of an export
  double max_radius_metres = 1'000'000; // 1000 km
  std::size_t max_text_length = 200;    // code points
  std::size_t max_values = 50;          // values of one filter
};

// One enumeration filter of the API and the standard field it fills.
struct FilterParameter {
  std::string_view name;   // API parameter, "prise_en_charge"
  std::string_view field;  // standard field, "prise_en_charge_specifique"
  std::span<const std::string_view> labels;
};
std::span<const FilterParameter> filter_parameters();

// Every parameter name parse_places_request accepts (with paging or not).
std::span<const std::string_view> places_parameter_names(bool paging);

std::variant<PlacesRequest, ApiError> parse_places_request(const Params& params, const PlacesQueryOptions& options);

// The territory parameters alone (commune, epci, departement, region,
// territoire); used by the statistics route. Returns an error or nothing.
std::optional<ApiError> parse_territory_params(const Params& params, geo::TerritoryFilter& filter);

// Errors for parameters not in `allowed`.
std::optional<ApiError> check_known_parameters(const Params& params, std::span<const std::string_view> allowed);

// Shape checks of territory codes: "69123"/"2A004", 9-digit SIREN, "69"/"2A"/"971", "84".
bool is_commune_code(std::string_view code);
bool is_epci_code(std::string_view code);
bool is_departement_code(std::string_view code);
bool is_region_code(std::string_view code);

}  // namespace relais::api
