// The current instant and day, as the commands see them. RELAIS_NOW
// ("YYYY-MM-DDTHH:MM", Paris time) fixes them, so that examples and tests of
// "open now" give the same answer on any day.
#pragma once

#include <chrono>

namespace relais::cli {

std::chrono::sys_seconds now();
std::chrono::year_month_day today();

}  // namespace relais::cli
