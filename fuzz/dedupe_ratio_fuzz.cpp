// libFuzzer target for the fuzzball-compatible ratio (untrusted names and
// addresses): splits the input in two at the first NUL byte and checks the
// invariants ratio in 0..100, symmetry, and 100 for a non-empty string with
// itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dedupe/fuzz_ratio.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto cut = input.find('\0');
  std::string_view a = input.substr(0, cut);
  std::string_view b = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + 1);
  int r = relais::dedupe::ratio(a, b);
  if (r < 0 || r > 100 || r != relais::dedupe::ratio(b, a)) std::abort();
  if (!relais::dedupe::fuzzball_process(a).empty() && relais::dedupe::ratio(a, a) != 100) std::abort();
  int f = relais::dedupe::folded_ratio(a, b);
  if (f < 0 || f > 100) std::abort();
  return 0;
}
