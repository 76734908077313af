#include "geo/weekend.h"

#include <gtest/gtest.h>

#include <date/date.h>

namespace relais::geo {
namespace {

using namespace std::chrono;

sys_seconds utc(date::year_month_day d, int h, int m = 0) {
  return date::sys_days{d} + hours{h} + minutes{m};
}

TEST(GeoWeekend, WeekdayGivesNextSaturdayToMondayParisTime) {
  // Wednesday 2026-06-10 (summer, UTC+2): Sat 13 00:00 Paris = Fri 12 22:00 UTC.
  const TimeWindow w = coming_weekend(utc(date::year{2026} / 6 / 10, 12));
  EXPECT_EQ(w.start, utc(date::year{2026} / 6 / 12, 22));
  EXPECT_EQ(w.end, utc(date::year{2026} / 6 / 14, 22));
}

TEST(GeoWeekend, SundayGivesTheCurrentWeekend) {
  // Sunday 2026-01-11 10:00 UTC (winter, UTC+1).
  const TimeWindow w = coming_weekend(utc(date::year{2026} / 1 / 11, 10));
  EXPECT_EQ(w.start, utc(date::year{2026} / 1 / 9, 23));
  EXPECT_EQ(w.end, utc(date::year{2026} / 1 / 11, 23));
}

TEST(GeoWeekend, LocalSaturdayThatIsStillFridayInUtc) {
  // Friday 2026-01-09 23:30 UTC is Saturday 00:30 in Paris: this weekend.
  const TimeWindow w = coming_weekend(utc(date::year{2026} / 1 / 9, 23, 30));
  EXPECT_EQ(w.start, utc(date::year{2026} / 1 / 9, 23));
}

TEST(GeoWeekend, DstWeekendLasts47Hours) {
  // Clocks go forward on Sunday 2026-03-29.
  const TimeWindow w = coming_weekend(utc(date::year{2026} / 3 / 25, 12));
  EXPECT_EQ(w.end - w.start, hours{47});
}

}  // namespace
}  // namespace relais::geo
