#include "diagnosis/half_days.h"

namespace relais::diagnosis {

int open_half_days(const hours::OpeningHours& hours, date::sys_days first_day) {
  static const hours::DaySchedule kMorning = [] {
    hours::DaySchedule m;
    for (std::size_t minute = 0; minute < 720; ++minute) m.set(minute);
    return m;
  }();
  static const hours::DaySchedule kAfternoon = ~kMorning;
  int count = 0;
  for (int d = 0; d < 7; ++d) {
    const auto day = hours.day_schedule(first_day + date::days{d});
    count += (day & kMorning).any();
    count += (day & kAfternoon).any();
  }
  return count;
}

}  // namespace relais::diagnosis
