// Fuzzes the multipart/form-data parser (web/multipart.h): the input is
// "<content-type>\n<body>" so both the boundary parameter and the body are
// explored. Invariants: no crash; errors are 400, 413 or 415 with a French
// message; accepted parts are within the limits, have a name, and their
// bodies lie inside the request body.
#include <cstdint>
#include <string_view>

#include "core/text.h"
#include "web/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  auto type = input.substr(0, newline);
  auto body = input.substr(newline + 1);
  relais::web::MultipartLimits limits{.max_body_bytes = 64 * 1024, .max_part_bytes = 16 * 1024, .max_parts = 8,
                                      .max_text_field_bytes = 1024};
  auto parsed = relais::web::parse_multipart(type, body, limits);
  if (auto* error = std::get_if<relais::web::MultipartError>(&parsed)) {
    if ((error->status != 400 && error->status != 413 && error->status != 415) || error->message.empty() ||
        !relais::is_valid_utf8(error->message)) {
      __builtin_trap();
    }
    return 0;
  }
  const auto& parts = std::get<std::vector<relais::web::MultipartPart>>(parsed);
  if (parts.empty() || parts.size() > limits.max_parts) __builtin_trap();
  for (const auto& part : parts) {
    if (part.name.empty() || part.body.size() > limits.max_part_bytes) __builtin_trap();
    if (!part.filename && part.body.size() > limits.max_text_field_bytes) __builtin_trap();
    if (part.body.data() < body.data() || part.body.data() + part.body.size() > body.data() + body.size()) {
      __builtin_trap();
    }
  }
  return 0;
}
