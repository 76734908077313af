// libFuzzer target: the JSON reader on arbitrary bytes. Besides not crashing,
// it checks the reader's contract: a fatal result has no records and carries
// a problem, and kept values are never empty.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "standard/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = relais::standard::read_buffer(bytes, "fuzz.json", relais::standard::Format::Json);
  if (result.fatal && (!result.records.empty() || result.problems.empty())) std::abort();
  for (const auto& record : result.records)
    for (const auto& [name, value] : record.fields)
      if (value.empty()) std::abort();
  return 0;
}
