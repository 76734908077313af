#include "cli/clock.h"

#include <cstdlib>
#include <string>

#include "cli/exit_codes.h"
#include "hours/paris_time.h"

namespace relais::cli {

std::chrono::sys_seconds now() {
  if (const char* fixed = std::getenv("RELAIS_NOW"); fixed && *fixed) {
    auto parsed = hours::parse_paris_local(fixed);
    if (!parsed) throw CommandError(kUsage, std::string("RELAIS_NOW is not YYYY-MM-DDTHH:MM: ") + fixed);
    return *parsed;
  }
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::chrono::year_month_day today() {
  auto local = hours::paris_local_seconds(now());
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{local / 86400 - (local % 86400 < 0)}}};
}

}  // namespace relais::cli
