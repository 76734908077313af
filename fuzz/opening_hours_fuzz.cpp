// libFuzzer target: parse arbitrary bytes as opening_hours, then evaluate the
// result a few ways. Must never crash, hang or trip a sanitizer.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hours/opening_hours.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relais::hours;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result result = parse(text);
  if (const auto* error = std::get_if<ParseError>(&result)) {
    if (error->position > size) __builtin_trap();
    return 0;
  }
  const auto& hours = std::get<OpeningHours>(result);
  for (const auto& w : hours.warnings())
    if (w.position > size) __builtin_trap();
  const sys_seconds base{std::chrono::seconds{1774700000}};  // around the March 2026 switch
  for (int i = 0; i < 4; ++i) {
    const sys_seconds t = base + std::chrono::hours{i * 1000};
    const bool open = hours.is_open(t);
    if (auto change = hours.next_change(t)) {
      if (*change <= t || hours.is_open(*change) == open) __builtin_trap();
    }
    if (auto since = hours.previous_change(t)) {
      if (*since > t || hours.is_open(*since - std::chrono::seconds{1}) == open) __builtin_trap();
    }
  }
  const auto intervals = hours.open_intervals(base, base + std::chrono::days{8});
  for (const auto& i : intervals)
    if (!(i.start < i.end) || !hours.is_open(i.start)) __builtin_trap();
  return 0;
}
