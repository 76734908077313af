#include "geo/hours_schedule.h"

#include <gtest/gtest.h>

#include <date/date.h>

#include "geo/index.h"
#include "hours/opening_hours.h"

namespace relais::geo {
namespace {

using namespace std::chrono;

sys_seconds utc(date::year_month_day d, int h, int m = 0) { return date::sys_days{d} + std::chrono::hours{h} + minutes{m}; }

TEST(GeoHoursSchedule, UnparsableHoursGiveNoSchedule) {
  EXPECT_EQ(compile_schedule("n'importe quoi"), nullptr);
  EXPECT_NE(compile_schedule("Mo-Fr 09:00-12:00"), nullptr);
}

TEST(GeoHoursSchedule, GivesBackTheHoursItWasCompiledFrom) {
  const auto s = compile_schedule("Sa 10:00-12:00");
  ASSERT_NE(s, nullptr);
  const auto* hours = opening_hours_of(s.get());
  ASSERT_NE(hours, nullptr);
  EXPECT_TRUE(hours->is_open(utc(date::year{2026} / 6 / 13, 9)));    // 11:00 Paris
  EXPECT_FALSE(hours->is_open(utc(date::year{2026} / 6 / 13, 11)));  // 13:00 Paris
  EXPECT_EQ(opening_hours_of(nullptr), nullptr);
}

TEST(GeoHoursSchedule, OpenDuringFindsAnOpeningInsideTheWindow) {
  const auto s = compile_schedule("Sa 10:00-12:00");
  ASSERT_NE(s, nullptr);
  // Saturday 2026-06-13 10:00-12:00 Paris = 08:00-10:00 UTC.
  EXPECT_TRUE(s->is_open_during(utc(date::year{2026} / 6 / 13, 0), utc(date::year{2026} / 6 / 13, 9)));
  EXPECT_FALSE(s->is_open_during(utc(date::year{2026} / 6 / 13, 10), utc(date::year{2026} / 6 / 14, 22)));
  EXPECT_TRUE(s->is_open_during(utc(date::year{2026} / 6 / 13, 9), utc(date::year{2026} / 6 / 13, 9, 1)));
}

std::vector<Place> places_with_hours() {
  std::vector<Place> places(3);
  places[0].id = "semaine"; places[0].horaires = "Mo-Fr 09:00-12:00";
  places[1].id = "samedi"; places[1].horaires = "Sa 10:00-12:00";
  places[2].id = "illisible"; places[2].horaires = "lundi matin";
  for (auto& p : places) p.coordinates = Coordinates{45.76, 4.83};
  return places;
}

Index build(const std::vector<Place>& places) {
  return Index::build(places, [](std::size_t, const Place& p) {
    PlaceExtras e = extras_from_place(p);
    if (p.horaires) e.schedule = compile_schedule(*p.horaires);
    return e;
  });
}

std::vector<std::uint32_t> ids(const Results& r) {
  std::vector<std::uint32_t> out;
  for (const Hit& h : r.hits) out.push_back(h.place);
  return out;
}

TEST(GeoHoursSchedule, OpenNowFollowsParisDaylightSavingTime) {
  const auto places = places_with_hours();
  const Index index = build(places);
  Query q;
  q.near = Coordinates{45.75, 4.85};
  // Friday 2026-03-27, winter (UTC+1): 07:30 UTC = 08:30 Paris, closed; 08:30 UTC = 09:30, open.
  q.open_at = utc(date::year{2026} / 3 / 27, 7, 30);
  EXPECT_TRUE(index.search(q).hits.empty());
  q.open_at = utc(date::year{2026} / 3 / 27, 8, 30);
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  // Monday 2026-03-30, summer (UTC+2): 07:30 UTC = 09:30 Paris, open; 10:30 UTC = 12:30, closed.
  q.open_at = utc(date::year{2026} / 3 / 30, 7, 30);
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  q.open_at = utc(date::year{2026} / 3 / 30, 10, 30);
  EXPECT_TRUE(index.search(q).hits.empty());
}

TEST(GeoHoursSchedule, OpenAtTheWeekend) {
  const auto places = places_with_hours();
  const Index index = build(places);
  Query q;
  q.open_weekend_after = utc(date::year{2026} / 3 / 25, 12);  // a Wednesday
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{1});
}

}  // namespace
}  // namespace relais::geo
