// The territory's places as open data, at stable URLs, in the national
// standard (schema v1.0.2), so that the national map can harvest them
// (issue 5, item 5):
//   GET /donnees             JSON index: files, schema and version, date of update, count
//   GET /donnees/lieux.csv   the whole catalogue as the public sees it (team edits included)
//   GET /donnees/lieux.json  the same, as the standard's JSON
// Files reuse the API's export code (api/representation.h's CSV rows, the
// standard's JSON writer). Every answer carries a strong ETag (the catalogue
// version and the file) and Last-Modified (the latest date_maj of the
// places); a matching If-None-Match gives 304. Pure functions over the
// dataset, thread-safe.
#pragma once

#include <memory>
#include <string_view>

#include "api/dataset.h"
#include "api/handler.h"

namespace relais::site {

inline constexpr std::string_view kSchemaVersion = "1.0.2";

// True for /donnees, /donnees/ and the files under it.
bool is_open_data_path(std::string_view path);

struct OpenDataRequest {
  std::string_view method = "GET";  // GET or HEAD (405 otherwise)
  std::string_view path;
  std::string_view if_none_match;   // the header, "" when absent
};

// Never throws except bad_alloc; 404 for an unknown file under /donnees,
// 503 without a catalogue.
api::Response handle_open_data(const OpenDataRequest& request, const std::shared_ptr<const api::Dataset>& dataset);

}  // namespace relais::site
