#include "accounts/time_text.h"

#include <cstdio>
#include <stdexcept>

namespace relais::accounts {

using namespace std::chrono;

std::string time_text(sys_seconds at) {
  const auto day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss hms{at - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

sys_seconds parse_time_text(std::string_view text) {
  // Hand-written: std::chrono::parse is missing from GCC 12's library.
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  const std::string copy(text);
  if (text.size() != 20 ||
      std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z') {
    throw std::invalid_argument("not a UTC instant: " + copy);
  }
  const year_month_day ymd{year{y}, month{mo}, day{d}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) throw std::invalid_argument("not a UTC instant: " + copy);
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace relais::accounts
