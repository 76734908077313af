#include "web/cookie.h"

#include <stdexcept>

namespace relais::web {
namespace {

// RFC 6265 §4.1.1: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
bool is_cookie_octet(unsigned char c) {
  return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
         (c >= 0x5D && c <= 0x7E);
}

// RFC 7230 token characters (cookie-name = token).
bool is_token_char(unsigned char c) {
  if (c <= 0x20 || c >= 0x7F) return false;
  static constexpr std::string_view kSeparators = "()<>@,;:\\\"/[]?={} \t";
  return kSeparators.find(static_cast<char>(c)) == std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::string> cookie_value(std::string_view raw) {
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') raw = raw.substr(1, raw.size() - 2);
  for (unsigned char c : raw) {
    if (!is_cookie_octet(c)) return std::nullopt;
  }
  return std::string(raw);
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> parse_cookie_header(std::string_view header,
                                                                                    const CookieLimits& limits) {
  if (header.size() > limits.max_header_bytes) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> cookies;
  while (!header.empty()) {
    auto semicolon = header.find(';');
    auto piece = trim_ows(header.substr(0, semicolon));
    header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    if (piece.empty()) continue;
    auto eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    auto name = trim_ows(piece.substr(0, eq));
    if (!is_token(name)) continue;
    auto value = cookie_value(trim_ows(piece.substr(eq + 1)));
    if (!value) continue;
    if (cookies.size() == limits.max_cookies) return std::nullopt;
    cookies.emplace_back(std::string(name), std::move(*value));
  }
  return cookies;
}

std::optional<std::string> find_cookie(std::string_view header, std::string_view name, const CookieLimits& limits) {
  auto cookies = parse_cookie_header(header, limits);
  if (!cookies) return std::nullopt;
  for (auto& [key, value] : *cookies) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

std::string cookie_name(std::string_view name, bool secure) {
  return secure ? "__Host-" + std::string(name) : std::string(name);
}

std::string set_cookie_value(const SetCookie& cookie) {
  if (!is_token(cookie.name)) throw std::invalid_argument("set_cookie_value: bad cookie name");
  for (unsigned char c : cookie.value) {
    if (!is_cookie_octet(c)) throw std::invalid_argument("set_cookie_value: bad cookie value");
  }
  // __Host- requires Secure, Path=/ and no Domain (RFC 6265bis §4.1.3.2).
  std::string out = cookie_name(cookie.name, cookie.secure) + "=" + cookie.value + "; Path=/";
  if (cookie.max_age) out += "; Max-Age=" + std::to_string(cookie.max_age->count());
  out += "; HttpOnly";
  if (cookie.secure) out += "; Secure";
  out += "; SameSite=Lax";
  return out;
}

std::string delete_cookie_value(std::string_view name, bool secure) {
  return set_cookie_value({.name = std::string(name), .value = "", .secure = secure, .max_age = std::chrono::seconds{0}});
}

}  // namespace relais::web
