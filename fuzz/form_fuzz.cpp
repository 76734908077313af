// Fuzzes the urlencoded form body parser (web/form.h): the first byte picks
// a Content-Type among those browsers and attackers send, the rest is the
// body. Invariants: no crash; errors are 400, 413 or 415 with a French
// message in UTF-8; an accepted form has non-empty UTF-8 names and values
// within the limits.
#include <array>
#include <cstdint>
#include <string_view>

#include "core/text.h"
#include "web/form.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<std::string_view, 5> kTypes{
      "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
      "application/x-www-form-urlencoded; charset=latin1", "multipart/form-data; boundary=x", ""};
  if (size == 0) return 0;
  auto type = kTypes[data[0] % kTypes.size()];
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  relais::web::FormLimits limits{.max_bytes = 4096, .max_fields = 64};
  auto form = relais::web::parse_form(type, body, limits);
  if (auto* error = std::get_if<relais::web::FormError>(&form)) {
    if ((error->status != 400 && error->status != 413 && error->status != 415) || error->message.empty() ||
        !relais::is_valid_utf8(error->message)) {
      __builtin_trap();
    }
    return 0;
  }
  const auto& params = std::get<relais::api::Params>(form);
  if (params.items().size() > limits.max_fields || body.size() > limits.max_bytes) __builtin_trap();
  for (const auto& [name, value] : params.items()) {
    if (name.empty() || !relais::is_valid_utf8(name) || !relais::is_valid_utf8(value)) __builtin_trap();
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) __builtin_trap();
  }
  return 0;
}
