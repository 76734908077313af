// Fuzzes indicators::read_indicators (open-data indicator files) and
// parse_mapping. The first byte picks the mapping: a formula over columns
// with a header on line 2 and ';' (the ARCEP shape), or plain columns with
// ','; the rest is the file. A mapping parsed from the input is tried too.
#include <cstdint>
#include <sstream>
#include <string>

#include "indicators/mapping.h"
#include "indicators/reader.h"

namespace {
const relais::indicators::Mapping& mapping(bool arcep) {
  static const auto formula = relais::indicators::parse_mapping(
      R"({"source": "f", "date": "d", "header_line": 2, "separator": ";", "code": "code_insee",
          "indicators": {"t": {"sum": ["a", "b"], "divide_by": "n", "scale": 100, "complement": 100}}})");
  static const auto plain = relais::indicators::parse_mapping(
      R"({"source": "f", "date": "d", "level": "epci", "code": "code",
          "indicators": {"x": {"column": "x"}, "y": {"column": "y"}}})");
  return arcep ? formula : plain;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::istringstream in(text);
  auto file = relais::indicators::read_indicators(in, mapping(data[0] & 1), "fuzz.csv");
  for (const auto& row : file.rows) {
    if (row.code.empty()) __builtin_trap();  // rows always carry a validated code
  }
  try {
    (void)relais::indicators::parse_mapping(text);
  } catch (const relais::indicators::MappingError&) {
  }
  return 0;
}
