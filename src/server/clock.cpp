#include "server/clock.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "hours/paris_time.h"

namespace relais::server {

std::function<std::chrono::sys_seconds()> make_clock() {
  if (const char* fixed = std::getenv("RELAIS_NOW"); fixed && *fixed) {
    auto parsed = hours::parse_paris_local(fixed);
    if (!parsed) throw std::invalid_argument(std::string("RELAIS_NOW is not YYYY-MM-DDTHH:MM: ") + fixed);
    auto instant = *parsed;
    return [instant] { return instant; };
  }
  return [] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); };
}

}  // namespace relais::server
