#include "pages/scripts.h"

#include <cstdint>
#include <cstdio>

namespace relais::pages {

const std::string& carte_script_path() {
  static const std::string path = [] {
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a 64
    for (unsigned char c : carte_script()) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return "/static/relais/carte-" + std::string(hex) + ".js";
  }();
  return path;
}

}  // namespace relais::pages
