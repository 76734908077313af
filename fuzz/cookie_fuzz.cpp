// Fuzzes the Cookie header parser (web/cookie.h) with arbitrary bytes as they
// arrive in the header. Invariants the staff handler relies on: no crash;
// within the limits every kept name is a non-empty token and every value
// only cookie-octets, so a value read back can be written again unchanged.
#include <cstdint>
#include <string_view>

#include "web/cookie.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view header(reinterpret_cast<const char*>(data), size);
  relais::web::CookieLimits limits;
  auto cookies = relais::web::parse_cookie_header(header, limits);
  if (!cookies) {
    if (header.size() <= limits.max_header_bytes && header.size() < 2 * limits.max_cookies) __builtin_trap();
    return 0;
  }
  if (header.size() > limits.max_header_bytes || cookies->size() > limits.max_cookies) __builtin_trap();
  for (const auto& [name, value] : *cookies) {
    if (name.empty() || name.size() > header.size() || value.size() > header.size()) __builtin_trap();
    for (char c : name) {
      if (c == '=' || c == ';' || c == ' ') __builtin_trap();
    }
    // Round trip: a parsed value is always writable and reads back the same.
    auto written = relais::web::set_cookie_value({.name = name, .value = value, .secure = false, .max_age = {}});
    auto again = relais::web::find_cookie(written.substr(0, written.find(';')), name);
    if (!again || *again != value) __builtin_trap();
  }
  if (!cookies->empty() && relais::web::find_cookie(header, cookies->front().first) != cookies->front().second) {
    __builtin_trap();
  }
  return 0;
}
