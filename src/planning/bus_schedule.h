// The weekly schedule of a mobile bus (issue 4, "Planning": "stops of a
// mobile bus with a weekly schedule"). The sites chosen by the covering
// become the stops of one bus that works `half_days` half-days a week: each
// stop is visited one half-day a week, at most two stops a day (one in the
// morning, one in the afternoon). The bus is garaged at one of the stops,
// the most central (the smallest sum of distances to the others), leaves it
// each morning and comes back each evening, so a day's driving is
// depot → morning stop → afternoon stop → depot (great circle).
//
// Which stops share a day is chosen exactly: the pairing of smallest total
// weekly driving, by dynamic programming over the subsets of stops (a week
// has at most 14 half-days, so 2^14 subsets). Pairing two stops never drives
// more than visiting them on two days (triangle inequality), so the optimum
// pairs every stop but one at most. The days then follow one another around
// the depot (by the bearing of their stops), Monday first; with an odd number
// of half-days the last day has a morning only and takes the lone stop.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/place.h"

namespace relais::planning {

struct BusDay {
  int weekday = 0;                        // 0 = Monday … 6 = Sunday
  std::optional<std::size_t> morning;     // index into the stops
  std::optional<std::size_t> afternoon;   // idem; empty on a day with one stop
  double km = 0;                          // depot → morning → afternoon → depot
};

struct BusSchedule {
  std::size_t depot = 0;       // index of the stop where the bus is garaged
  std::vector<BusDay> days;    // working days with a stop, in weekday order
  double total_km = 0;         // per week
};

// Throws std::invalid_argument when half_days is not in 1..14 or there are
// more stops than half-days. No stop: an empty schedule.
BusSchedule plan_bus_week(const std::vector<Coordinates>& stops, int half_days);

}  // namespace relais::planning
