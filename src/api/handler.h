// The public JSON API v1, as a pure function from a request to a response:
// routing, parameter parsing, search and serialization, without any network
// code (the server module adds HTTP: ETag, gzip, headers, streaming). Tested
// in handler_test.cpp on a real catalogue, and through the real server
// against the OpenAPI document in server/openapi_conformance_test.cpp.
//
// Routes (GET and HEAD; every path below is under /api/v1):
//   /openapi.json               the OpenAPI 3 document
//   /lieux                      search/list places (filters: api/places_query.h)
//   /lieux/{ref}                one place, by ref ("source:id") or plain id
//   /export/lieux.csv           CSV of the national standard, every match, streamed
//   /communes?q=  /communes/{code}
//   /epci?q=      /epci/{siren}
//   /departements[?q=]  /departements/{code}
//   /statistiques               counts for a territory (or all of France)
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/dataset.h"
#include "api/error.h"

namespace relais::api {

inline constexpr std::string_view kApiPrefix = "/api/v1";

struct Request {
  std::string_view method = "GET";
  std::string_view path;    // raw (still percent-encoded) path, without '?'
  std::string_view query;   // raw query string, without '?'
  std::string_view accept;  // Accept header ("" when absent)
  std::chrono::sys_seconds now{};
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Streamed body (CSV export) instead of `body`: each call appends the next
  // piece to `out` and returns false once the body is complete. Holds what it
  // needs (a shared_ptr to the dataset), so it may outlive the request.
  std::function<bool(std::string& out)> stream;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// True when `path` is under /api/v1/ (or is /api/v1 itself).
bool is_api_path(std::string_view path);

// True when answers of `path` may depend on the current time ("ouvert",
// open_now, weekend, open counts): places, exports, statistics. Known before
// handling, so a cache validator can include the minute without doing the work.
bool depends_on_now(std::string_view path);

// Answers one API request. Never throws except std::bad_alloc; errors are
// JSON {code, message} with their status.
Response handle(const Request& request, const std::shared_ptr<const Dataset>& dataset);

// The error as a response.
Response error_response(const ApiError& error);

}  // namespace relais::api
