// Fuzzes store::place_from_json (stored place records, read back from a
// database file that could have been edited by hand).
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "store/place_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    relais::Place p = relais::store::place_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
    // Whatever was accepted must serialize and read back identically.
    if (relais::store::place_from_json(relais::store::place_to_json(p)) != p) __builtin_trap();
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
