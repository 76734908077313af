// The staff space (issue 5), under /espace: sign-in (password or e-mailed
// link, then TOTP or a recovery code), TOTP enrolment by QR code, invitations
// and members, structures, sessions, the account's data, the journal (admin),
// and the places' records and reports (staff/places.h). A pure function from
// a request to a response, like site::handle; the server adds headers.
//
// Every route is declared once in routes() with the accounts::Action it needs;
// authentication, CSRF (token + Origin/Sec-Fetch-Site), re-authentication and
// authorisation are checked here before any route code runs, and refusals
// are journalled. Never throws except bad_alloc.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "api/dataset.h"
#include "api/handler.h"
#include "pages/render.h"
#include "security/keys.h"
#include "store/store.h"

namespace relais::staff {

struct Request {
  std::string_view method = "GET";
  std::string_view path;          // raw path, without '?'
  std::string_view query;         // raw query string
  std::string_view content_type;  // of the body
  std::string_view body;
  std::string_view cookie;          // the Cookie header ("" when absent)
  std::string_view origin;          // the Origin header ("" when absent)
  std::string_view sec_fetch_site;  // the Sec-Fetch-Site header ("" when absent)
  accounts::Client client;          // address and user agent
};

struct Context {
  store::Store& store;  // opened for this request's thread
  const security::KeyRing& keys;
  accounts::Settings settings;  // base_url is the public origin ("https://relais.example.fr")
  accounts::MailSender mail;    // empty: e-mail not configured (links shown to the operator only)
  journal::JournalSettings journal;
  const pages::Site& site;
  std::shared_ptr<const api::Dataset> dataset;  // the catalogue, to show places
  // Cookies get `Secure` unless the instance is served over plain http on
  // loopback (development and tests): then the __Host- prefix is dropped too.
  bool secure_cookies = true;
  std::function<std::chrono::sys_seconds()> clock;
};

// Largest body accepted on /espace (forms and uploads), bytes.
inline constexpr std::size_t kMaxStaffBodyBytes = 2 * 1024 * 1024;

// True for /espace and everything under it.
bool is_staff_path(std::string_view path);

api::Response handle(const Request& request, Context& context);

// One row of the route table: method, path pattern ("/espace/structures/{id}/membres"),
// the action checked (nothing: public, e.g. the sign-in page), whether the
// route changes state (POST: CSRF checked). The role × route matrix test is
// generated from this table.
struct Route {
  const char* method;
  const char* pattern;
  std::optional<accounts::Action> action;
  bool signed_in;  // needs a complete session (actions imply it)
};
const std::vector<Route>& routes();

}  // namespace relais::staff
