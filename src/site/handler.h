// The public HTML site as a pure function from a request to a response, like
// api::handle for the JSON API: routing, parameters, search and rendering with
// the pages module, without network code (the server adds HTTP headers,
// ETag, gzip and serves /static/).
//
// Routes:
//   GET  /                       home: "De quoi avez-vous besoin ?" + "Où ?"
//   GET  /recherche?ou=…&…       results; filters are the API's parameters
//                                (api/places_query.h) plus `ou` and `page`
//   GET  /lieux/{ref}            one place
//   GET  /lieux/{ref}/signaler   "signaler une erreur" form
//   POST /lieux/{ref}/signaler   the form (application/x-www-form-urlencoded);
//                                stored through the ReportSink
//   /orientation…                the orientation path for social workers
//                                (site/orientation.h); e-mails through the MailSink
// Anything else under these prefixes is a French 404 page; bad parameters
// give a French 400 page naming the problem. Never throws except bad_alloc.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>

#include "api/dataset.h"
#include "api/handler.h"
#include "pages/render.h"
#include "site/orientation.h"
#include "store/store.h"

namespace relais::site {

struct Request {
  std::string_view method = "GET";
  std::string_view path;          // raw (percent-encoded) path, without '?'
  std::string_view query;         // raw query string, without '?'
  std::string_view content_type;  // of the body
  std::string_view body;          // POST body
  std::chrono::sys_seconds now{};
};

using Response = api::Response;

// Stores a report; throws (any std::exception) when it cannot, and the person
// then sees a 500 page asking to try again.
using ReportSink = std::function<void(const store::PlaceReport&)>;

// Number of results per page.
inline constexpr std::size_t kPageSize = 20;
// Largest body accepted for the report form (bytes).
inline constexpr std::size_t kMaxFormBytes = 16 * 1024;

// True for the paths the site answers ("/", "/recherche", "/lieux/…", "/orientation…").
bool is_site_path(std::string_view path);

// `mail` empty: SMTP not configured (the orientation sheet cannot be e-mailed).
Response handle(const Request& request, const std::shared_ptr<const api::Dataset>& dataset,
                const ReportSink& reports, const pages::Site& site = {}, const MailSink& mail = {});

}  // namespace relais::site
