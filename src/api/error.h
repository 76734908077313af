// Errors of the public API: an HTTP status, a stable machine-readable code and
// a message in French for people. Serialized as {"code": ..., "message": ...}.
//
// Codes (append-only, documented in the OpenAPI document and docs/server.md):
//   invalid_parameter  400  unknown parameter, malformed value, out of range
//   unknown_value      400  a filter value that is not a label of the standard
//   not_found          404  unknown route, place, commune or territory
//   method_not_allowed 405  anything but GET or HEAD
//   ambiguous_id       409  a plain place id shared by several sources
//   payload_too_large  413  request body above the limit
//   uri_too_long       414  URL above the limit
//   not_acceptable     406  Accept names no representation the route has
//   unavailable        503  the catalogue is not loaded yet
//   internal_error     500  a bug; the message never carries exception text
#pragma once

#include <string>
#include <string_view>

namespace relais::api {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
};

ApiError invalid_parameter(std::string message);
ApiError unknown_value(std::string message);
ApiError not_found(std::string message);

// {"code":"...","message":"..."} (invalid UTF-8 replaced, never throws).
std::string error_body(const ApiError& error);

}  // namespace relais::api
