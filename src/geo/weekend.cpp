#include "geo/weekend.h"

#include <date/tz.h>

namespace relais::geo {

TimeWindow coming_weekend(std::chrono::sys_seconds t) {
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  const auto local = paris->to_local(t);
  const auto local_day = date::floor<date::days>(local);
  const date::weekday wd{local_day};
  // Days from today back (Sunday) or forward (Monday..Saturday) to Saturday.
  date::local_days saturday;
  if (wd == date::Sunday) {
    saturday = local_day - date::days{1};
  } else {
    saturday = local_day + (date::Saturday - wd);
  }
  const date::local_days monday = saturday + date::days{2};
  // Midnight always exists in Paris (switches happen at 02:00/03:00).
  return {date::floor<std::chrono::seconds>(paris->to_sys(saturday, date::choose::earliest)),
          date::floor<std::chrono::seconds>(paris->to_sys(monday, date::choose::earliest))};
}

}  // namespace relais::geo
