// The "open at the weekend" window, in Europe/Paris civil time.
#pragma once

#include <chrono>

namespace relais::geo {

struct TimeWindow {
  std::chrono::sys_seconds start;  // inclusive
  std::chrono::sys_seconds end;    // exclusive
};

// Saturday 00:00 to Monday 00:00, Paris time, of the weekend that contains `t`
// when `t` falls on a Saturday or Sunday in Paris, else of the next weekend.
// DST is handled (a weekend may last 47 or 49 hours). Uses the system tzdata
// through date-tz; throws std::runtime_error when Europe/Paris is unknown.
// Thread-safe.
TimeWindow coming_weekend(std::chrono::sys_seconds t);

}  // namespace relais::geo
