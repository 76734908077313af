// What the geosearch index needs to know about a place's opening hours.
//
// The index does not parse `horaires` itself: the caller compiles them (with
// the hours module, see geo/hours_schedule.h) and hands one OpenSchedule per
// place. A place without a schedule (absent or unparsable hours) is never
// open, like on the national map.
#pragma once

#include <chrono>

namespace relais::geo {

using std::chrono::sys_seconds;

class OpenSchedule {
 public:
  virtual ~OpenSchedule() = default;
  // True when open at instant `t`. Must be thread-safe (called concurrently).
  virtual bool is_open(sys_seconds t) const = 0;
  // True when open at some instant of [from, to). Must be thread-safe.
  virtual bool is_open_during(sys_seconds from, sys_seconds to) const = 0;
};

}  // namespace relais::geo
