// How many half-days a week a place is open: the measure of "open enough"
// used by the territorial diagnosis (issue 4, "open at least N half-days a
// week"). Morning = local minutes [0, 12:00), afternoon = [12:00, 24:00), as
// in the orientation path's half-days (pages/orientation.h).
#pragma once

#include <date/date.h>

#include "hours/opening_hours.h"

namespace relais::diagnosis {

// Half-days (0..14) with at least one open minute during the 7 Paris days
// starting at `first_day`. Public holidays of that week count as the hours
// say (choose a week without them for a typical week).
int open_half_days(const hours::OpeningHours& hours, date::sys_days first_day);

}  // namespace relais::diagnosis
