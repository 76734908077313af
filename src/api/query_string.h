// Parsing of URL query strings (application/x-www-form-urlencoded, as browsers
// and curl send them): "a=1&b=x%C3%A9&b=y+z". Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "api/error.h"

namespace relais::api {

// Decoded parameters in the order they came; names may repeat.
class Params {
 public:
  Params() = default;
  explicit Params(std::vector<std::pair<std::string, std::string>> items) : items_(std::move(items)) {}

  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  bool has(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string_view> all(std::string_view name) const;
  // The value of a parameter given at most once: nullptr when absent;
  // ApiError invalid_parameter when repeated.
  std::variant<const std::string*, ApiError> one(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct QueryStringLimits {
  std::size_t max_length = 4096;     // bytes of the raw query string
  std::size_t max_parameters = 100;  // name=value pairs
};

// Splits on '&' (empty pieces skipped), then on the first '='; '+' means a
// space; %XX escapes are decoded. Errors (invalid_parameter): a bad escape
// ("%G1", "%4"), a NUL byte, a name or value that is not valid UTF-8, an empty
// name, more than the limits allow.
std::variant<Params, ApiError> parse_query_string(std::string_view raw, const QueryStringLimits& limits = {});

// Percent-decoding of one URL path segment ('+' stays '+'). nullopt-like
// failure is reported as ApiError invalid_parameter.
std::variant<std::string, ApiError> decode_path_segment(std::string_view raw);

// Encodes a name or value for a query string (unreserved characters kept,
// everything else %XX, space as %20).
std::string encode_component(std::string_view text);

// "a=1&b=2" from parameters (each name and value encoded).
std::string to_query_string(const std::vector<std::pair<std::string, std::string>>& items);

}  // namespace relais::api
