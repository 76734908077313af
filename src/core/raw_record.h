// A record as read from a file, before validation: field name -> text.
//
// Readers (standard/) produce RawRecords; validation (validation/) turns them
// into Places. Keeping the raw text lets every problem quote the value as the
// producer wrote it, and lets the v0.1 mapping work on names and strings.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relais {

struct RawRecord {
  std::size_t line = 0;   // 1-based line where the record starts (CSV), 0 if unknown
  std::size_t index = 0;  // 0-based position of the record in its file
  // Fields in source order. A field that the source leaves out is absent; an
  // empty CSV cell is absent too (CSV cannot tell empty from missing).
  std::vector<std::pair<std::string, std::string>> fields;

  const std::string* find(std::string_view name) const {
    for (const auto& [k, v] : fields)
      if (k == name) return &v;
    return nullptr;
  }
  void set(std::string name, std::string value) {
    for (auto& [k, v] : fields)
      if (k == name) { v = std::move(value); return; }
    fields.emplace_back(std::move(name), std::move(value));
  }
  void erase(std::string_view name) {
    std::erase_if(fields, [&](const auto& kv) { return kv.first == name; });
  }
};

}  // namespace relais
