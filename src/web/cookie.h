// Cookies (RFC 6265): reading the request's Cookie header and writing the
// Set-Cookie value of the staff session.
//
// Hand-written because no Debian library parses a Cookie header on its own:
// RESTinio (the server) has no cookie parser, and the staff handler is a
// network-free pure function that only sees the header's text.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relais::web {

struct CookieLimits {
  std::size_t max_header_bytes = 8192;  // the whole Cookie header
  std::size_t max_cookies = 50;
};

// name=value pairs in header order (names may repeat: browsers send the most
// specific path first). Values keep their bytes; a DQUOTE-wrapped value loses
// its quotes (RFC 6265 §4.1.1 cookie-value). Pieces without '=' or with an
// empty name, or with characters outside cookie-octet/token, are skipped
// (a browser never sends them; skipping keeps the other cookies usable).
// nullopt when the header is above the limits.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_cookie_header(
    std::string_view header, const CookieLimits& limits = {});

// The first value of `name` in the header, or nullopt (also when the header
// is over the limits).
std::optional<std::string> find_cookie(std::string_view header, std::string_view name,
                                       const CookieLimits& limits = {});

struct SetCookie {
  std::string name;   // without the __Host- prefix: added when `secure`
  std::string value;  // cookie-octets only (base64url tokens are)
  bool secure = true;  // `Secure` and the `__Host-` prefix (ASVS 3.3.1)
  std::optional<std::chrono::seconds> max_age;  // nothing: a browser-session cookie
};

// The name the browser sends back: "__Host-<name>" when secure, else <name>.
std::string cookie_name(std::string_view name, bool secure);

// "__Host-relais_session=…; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax".
// Throws std::invalid_argument when the name is not a token or the value
// holds a character outside cookie-octet (a programming error).
std::string set_cookie_value(const SetCookie& cookie);

// A Set-Cookie value that deletes the cookie (empty value, Max-Age=0, same
// attributes so the browser matches it).
std::string delete_cookie_value(std::string_view name, bool secure);

}  // namespace relais::web
