// libFuzzer target: the CSV reader on arbitrary bytes. Besides not crashing,
// it checks the reader's contract: a fatal result has no records, and every
// kept record has only non-empty, valid UTF-8 values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "standard/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto result = relais::standard::read_buffer(bytes, "fuzz.csv", relais::standard::Format::Csv);
  if (result.fatal && !result.records.empty()) std::abort();
  for (const auto& record : result.records)
    for (const auto& [name, value] : record.fields)
      if (value.empty() || !relais::is_valid_utf8(value)) std::abort();
  return 0;
}
