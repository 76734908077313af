// Fuzzes the API's query-string parsing (api/query_string.h) and its
// translation into a geo::Query (api/places_query.h) with arbitrary bytes, as
// they arrive after '?' in a URL. Checks the invariants the server relies on:
// no crash, and an accepted query is bounded (page size, window, radius,
// coordinates, text length) whatever the input.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "api/places_query.h"
#include "api/query_string.h"
#include "core/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto parsed = relais::api::parse_query_string(raw);
  if (auto* error = std::get_if<relais::api::ApiError>(&parsed)) {
    if (error->status != 400 || error->code.empty() || !relais::is_valid_utf8(error->message)) __builtin_trap();
    return 0;
  }
  const auto& params = std::get<relais::api::Params>(parsed);
  for (const auto& [name, value] : params.items()) {
    if (name.empty() || !relais::is_valid_utf8(name) || !relais::is_valid_utf8(value)) __builtin_trap();
  }
  for (bool paging : {true, false}) {
    relais::api::PlacesQueryOptions options;
    options.paging = paging;
    auto request = relais::api::parse_places_request(params, options);
    if (auto* error = std::get_if<relais::api::ApiError>(&request)) {
      if (error->status != 400 || !relais::is_valid_utf8(error->message)) __builtin_trap();
      continue;
    }
    const auto& query = std::get<relais::api::PlacesRequest>(request).query;
    if (paging && (query.limit < 1 || query.limit > options.max_limit || query.offset + query.limit > options.max_window)) {
      __builtin_trap();
    }
    if (query.near && (!(std::abs(query.near->latitude) <= 90) || !(std::abs(query.near->longitude) <= 180))) {
      __builtin_trap();
    }
    if (query.radius_metres && !(*query.radius_metres > 0 && *query.radius_metres <= options.max_radius_metres)) {
      __builtin_trap();
    }
    if (relais::utf8_length(query.text) > options.max_text_length) __builtin_trap();
  }
  return 0;
}
