// Adapter from the hours module (OSM opening_hours, Europe/Paris, French
// public holidays) to the index's OpenSchedule interface.
#pragma once

#include <memory>
#include <string_view>

#include "geo/schedule.h"

namespace relais::hours {
class OpeningHours;
}

namespace relais::geo {

// Compiles a `horaires` string with hours::parse. Returns null when it does
// not parse: such a place counts as never open (as on the national map).
// Thread-safe; the returned schedule is immutable.
std::shared_ptr<const OpenSchedule> compile_schedule(std::string_view horaires);

// The hours a schedule of compile_schedule was compiled from (the pages show
// them without parsing `horaires` again); null for null or another kind.
const hours::OpeningHours* opening_hours_of(const OpenSchedule* schedule);

}  // namespace relais::geo
