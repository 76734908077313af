// is_open() takes a per-minute fast path for date-dependent strings while
// day_schedule()/next_change() build whole days; they must agree.
#include <gtest/gtest.h>

#include <algorithm>

#include "hours/opening_hours.h"
#include "hours/paris_time.h"

namespace relais::hours {
namespace {

TEST(OpeningHoursConsistency, FastPathMatchesDaySchedule) {
  const char* cases[] = {
      "Mo-Fr 09:00-12:00,14:00-18:30; PH off",
      "week 1-53/2 Tu 09:00-12:30,13:30-15:30; PH off",
      "Mo 22:00-02:00; Dec 25 off; PH 10:00-11:00, Tu 23:00-01:00",
      "Jul 14-Aug 15 Mo-Fr 18:00-26:00; Aug 01 off || Sa 10:00-12:00",
      "2026 Jan-Jun Mo-Sa 08:00-12:00; We 09:00-10:00 off; PH,Su 10:00-11:00",
  };
  using namespace std::chrono;
  for (const char* text : cases) {
    const auto oh = std::get<OpeningHours>(parse(text));
    for (sys_days day = sys_days{2026y / 1 / 1}; day < sys_days{2027y / 1 / 1}; day += days{1}) {
      const auto schedule = oh.day_schedule(date::sys_days{date::days{day.time_since_epoch().count()}});
      for (int minute = 0; minute < 1440; minute += 13) {
        const long long local = static_cast<long long>(day.time_since_epoch().count()) * 86400 + minute * 60;
        const sys_seconds t = paris_to_sys(local);
        if (paris_local_seconds(t) != local) continue;  // inside the spring gap
        ASSERT_EQ(oh.is_open(t), schedule.test(static_cast<std::size_t>(minute)))
            << text << " at " << format_paris_local(t);
      }
    }
  }
}

// next_change/previous_change/open_intervals against a brute-force scan, minute
// by minute in UTC, over four days around each 2026 DST switch.
TEST(OpeningHoursConsistency, ChangesMatchBruteForceAroundDst) {
  const char* cases[] = {
      "Mo-Su 02:00-03:00",          "Su 01:00-02:30",   "Sa 22:00-02:00; Su 02:15-02:45 off",
      "Mo-Fr 09:00-12:00; PH off",  "Sa,Su 00:00-24:00", "Su 01:59-03:01",
  };
  using namespace std::chrono;
  for (sys_seconds switch_at : {sys_seconds{seconds{1774746000}}, sys_seconds{seconds{1792890000}}}) {
    const sys_seconds from = switch_at - std::chrono::hours{48}, to = switch_at + std::chrono::hours{48};
    for (const char* text : cases) {
      const auto oh = std::get<OpeningHours>(parse(text));
      std::vector<sys_seconds> changes;
      for (sys_seconds t = from + minutes{1}; t < to; t += minutes{1})
        if (oh.is_open(t) != oh.is_open(t - minutes{1})) changes.push_back(t);
      for (sys_seconds t = from + std::chrono::hours{1}; t < to - std::chrono::hours{30}; t += minutes{17}) {
        auto next = std::upper_bound(changes.begin(), changes.end(), t);
        if (next != changes.end()) {  // else the change lies beyond the scanned window
          EXPECT_EQ(oh.next_change(t), *next) << text << " after " << format_paris_local(t);
        }
        auto prev = std::upper_bound(changes.begin(), changes.end(), t);
        if (prev != changes.begin() && *(prev - 1) > from + minutes{1}) {
          EXPECT_EQ(oh.previous_change(t), *(prev - 1)) << text << " before " << format_paris_local(t);
        }
      }
      // open_intervals covers exactly the open minutes.
      const auto intervals = oh.open_intervals(from, to);
      long long open_minutes = 0, interval_minutes = 0;
      for (sys_seconds t = from; t < to; t += minutes{1}) open_minutes += oh.is_open(t);
      for (const auto& i : intervals) interval_minutes += duration_cast<minutes>(i.end - i.start).count();
      EXPECT_EQ(open_minutes, interval_minutes) << text;
    }
  }
}

}  // namespace
}  // namespace relais::hours
