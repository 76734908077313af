// libFuzzer target for the import pipeline (reader -> v0.1 mapping ->
// validation) on arbitrary bytes: the first byte picks CSV or JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "validation/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  relais::validation::ImportOptions options;
  options.format = (data[0] & 1) ? relais::standard::Format::Json : relais::standard::Format::Csv;
  options.policy = (data[0] & 2) ? relais::validation::Policy::Strict : relais::validation::Policy::DropInvalid;
  auto result = relais::validation::import_buffer(bytes, "fuzz", options);
  (void)relais::validation::report_json(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
