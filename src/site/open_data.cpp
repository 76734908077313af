#include "site/open_data.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "api/representation.h"
#include "standard/writer.h"

namespace relais::site {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kSchemaUrl =
    "https://raw.githubusercontent.com/LaMednum/standard-mediation-num/main/schema.json";

// The day of the latest update of any place (its date_maj): the data's date.
std::optional<std::chrono::year_month_day> latest_update(const api::Dataset& dataset) {
  std::optional<std::chrono::year_month_day> latest;
  for (const Place& place : dataset.catalog().places()) {
    if (place.date_maj.ok() && (!latest || place.date_maj > *latest)) latest = place.date_maj;
  }
  return latest;
}

// "Tue, 24 Nov 2026 00:00:00 GMT" (RFC 9110 IMF-fixdate) of a day at midnight UTC.
std::string http_date(std::chrono::year_month_day day) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::weekday wd{std::chrono::sys_days{day}};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d 00:00:00 GMT", kDays[wd.c_encoding()],
                static_cast<unsigned>(day.day()), kMonths[static_cast<unsigned>(day.month()) - 1],
                static_cast<int>(day.year()));
  return buf;
}

bool etag_matches(std::string_view header, std::string_view etag) {
  if (header == "*") return true;
  std::size_t from = 0;
  while (from < header.size()) {
    std::size_t comma = header.find(',', from);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(from, comma - from);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == etag) return true;  // strong comparison: W/ tags never match
    from = comma + 1;
  }
  return false;
}

api::Response error_json(int status, std::string code, std::string message) {
  api::Response r;
  r.status = status;
  r.body = api::dump({{"code", std::move(code)}, {"message", std::move(message)}});
  return r;
}

}  // namespace

bool is_open_data_path(std::string_view path) {
  return path == "/donnees"sv || path.starts_with("/donnees/"sv);
}

api::Response handle_open_data(const OpenDataRequest& request, const std::shared_ptr<const api::Dataset>& dataset) {
  const std::string_view path = request.path;
  enum class File { Index, Csv, Json } file;
  if (path == "/donnees"sv || path == "/donnees/"sv) file = File::Index;
  else if (path == "/donnees/lieux.csv"sv) file = File::Csv;
  else if (path == "/donnees/lieux.json"sv) file = File::Json;
  else return error_json(404, "not_found", "Ce fichier n’existe pas. La liste des fichiers est sur /donnees.");
  if (request.method != "GET"sv && request.method != "HEAD"sv) {
    api::Response r = error_json(405, "method_not_allowed", "Ces données se lisent avec GET.");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (!dataset) return error_json(503, "unavailable", "Les données sont en cours de chargement ; réessayez dans un instant.");

  // The catalogue version names the content; the file names the representation.
  const char* name = file == File::Index ? "index" : file == File::Csv ? "csv" : "json";
  const std::string etag = "\"donnees-" + dataset->version() + "-" + name + "\"";
  const auto updated = latest_update(*dataset);
  api::Response response;
  response.headers.emplace_back("ETag", etag);
  if (updated) response.headers.emplace_back("Last-Modified", http_date(*updated));
  // Harvesters elsewhere read these files: allow any origin (public data, no credentials).
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  if (!request.if_none_match.empty() && etag_matches(request.if_none_match, etag)) {
    response.status = 304;
    return response;
  }

  const auto places = dataset->catalog().places();
  switch (file) {
    case File::Index: {
      nlohmann::json files = nlohmann::json::array();
      files.push_back({{"format", "csv"}, {"url", "/donnees/lieux.csv"}, {"type_mime", "text/csv"}});
      files.push_back({{"format", "json"}, {"url", "/donnees/lieux.json"}, {"type_mime", "application/json"}});
      response.body = api::dump({
          {"titre", "Lieux de médiation numérique du territoire"},
          {"description",
           "Les lieux publiés par Relais, tels que le public les voit (fiches mises à jour par leurs équipes "
           "comprises), au standard national des lieux de médiation numérique."},
          {"schema", {{"nom", "Standard des lieux de médiation numérique"}, {"version", kSchemaVersion},
                      {"url", kSchemaUrl}}},
          {"date_mise_a_jour", updated ? nlohmann::json(standard::format_date(*updated)) : nlohmann::json()},
          {"nombre_lieux", places.size()},
          {"fichiers", std::move(files)},
      });
      return response;
    }
    case File::Csv: {
      response.content_type = "text/csv; charset=utf-8";
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"lieux.csv\"");
      if (request.method == "HEAD"sv) return response;
      // Streamed in pieces like /api/v1/export/lieux.csv (same rows).
      auto next = std::make_shared<std::size_t>(0);
      auto header_sent = std::make_shared<bool>(false);
      response.stream = [dataset, next, header_sent](std::string& out) {
        constexpr std::size_t kRowsPerPiece = 500;
        if (!*header_sent) {
          out += api::csv_header();
          *header_sent = true;
        }
        const auto all = dataset->catalog().places();
        const std::size_t end = std::min(all.size(), *next + kRowsPerPiece);
        for (; *next < end; ++*next) api::append_csv_row(out, all[*next]);
        return *next < all.size();
      };
      return response;
    }
    case File::Json: {
      response.content_type = "application/json";
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"lieux.json\"");
      if (request.method == "HEAD"sv) return response;
      std::ostringstream out;
      standard::write_json(out, places);
      response.body = std::move(out).str();
      return response;
    }
  }
  return error_json(404, "not_found", "Ce fichier n’existe pas.");
}

}  // namespace relais::site
