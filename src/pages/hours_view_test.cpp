#include "pages/hours_view.h"

#include <gtest/gtest.h>

#include "hours/paris_time.h"

namespace relais::pages {
namespace {

std::chrono::sys_seconds at(const char* local) { return *hours::parse_paris_local(local); }

hours::OpeningHours compile(const char* text) {
  auto h = compile_hours(std::string(text));
  EXPECT_TRUE(h.has_value()) << text;
  return *h;
}

TEST(PagesHours, WeeklyTableOfTypicalHours) {
  auto h = compile("Mo-Fr 09:00-12:00,14:00-17:00; PH off");
  // Tuesday 24 November 2026: today first, the 7 days run to Monday 30 November.
  auto week = weekly_table(h, at("2026-11-24T10:00"));
  ASSERT_EQ(week.size(), 7u);
  EXPECT_EQ(week[0].weekday, "Mardi");
  EXPECT_EQ(week[0].date, "24 novembre");
  EXPECT_TRUE(week[0].today);
  EXPECT_EQ(week[4].weekday, "Samedi");
  EXPECT_EQ(week[4].hours, "Fermé");
  EXPECT_FALSE(week[4].open);
  EXPECT_EQ(week[5].weekday, "Dimanche");
  EXPECT_EQ(week[5].hours, "Fermé");
  EXPECT_EQ(week[6].weekday, "Lundi");
  EXPECT_EQ(week[6].date, "30 novembre");
  EXPECT_EQ(week[6].hours, "9 h – 12 h, 14 h – 17 h");
  EXPECT_FALSE(week[6].today);
}

TEST(PagesHours, PublicHolidayIsClosedInTheWeek) {
  auto h = compile("Mo-Fr 09:00-12:00,14:00-17:00; PH off");
  // From Monday 9 November 2026: Wednesday 11 November is a public holiday.
  auto week = weekly_table(h, at("2026-11-09T08:00"));
  EXPECT_EQ(week[2].weekday, "Mercredi");
  EXPECT_EQ(week[2].date, "11 novembre");
  EXPECT_EQ(week[2].hours, "Fermé");
  EXPECT_EQ(week[3].hours, "9 h – 12 h, 14 h – 17 h");
}

TEST(PagesHours, MinutesAndAllDay) {
  auto h = compile("Mo 08:30-12:15; Tu 00:00-24:00; We 18:00-24:00");
  auto week = weekly_table(h, at("2026-11-23T10:00"));
  EXPECT_EQ(week[0].hours, "8 h 30 – 12 h 15");
  EXPECT_EQ(week[1].hours, "Ouvert toute la journée");
  EXPECT_EQ(week[2].hours, "18 h – minuit");
}

TEST(PagesHours, OpenNowClosesAt) {
  auto h = compile("Mo-Fr 09:00-12:00,14:00-17:00; PH off");
  auto state = open_state(&h, at("2026-11-24T10:00"));
  EXPECT_EQ(state.status, OpenStatus::Open);
  EXPECT_EQ(state.text(), "Ouvert maintenant · ferme à 12 h");
}

TEST(PagesHours, ClosedOpensTodayTomorrowOrWeekday) {
  auto h = compile("Mo-Fr 09:00-12:00,14:00-17:00; PH off");
  EXPECT_EQ(open_state(&h, at("2026-11-24T12:30")).text(), "Fermé · ouvre à 14 h");
  EXPECT_EQ(open_state(&h, at("2026-11-24T18:00")).text(), "Fermé · ouvre demain à 9 h");
  // Friday evening: opens Monday.
  EXPECT_EQ(open_state(&h, at("2026-11-27T18:00")).text(), "Fermé · ouvre lundi à 9 h");
  auto tuesday = compile("Tu 14:00-17:00");
  EXPECT_EQ(open_state(&tuesday, at("2026-11-25T10:00")).text(), "Fermé · ouvre mardi à 14 h");
}

TEST(PagesHours, FarAwayOpeningNamesTheDate) {
  auto h = compile("Jan 05 09:00-12:00");
  EXPECT_EQ(open_state(&h, at("2026-11-24T10:00")).text(), "Fermé · ouvre le mardi 5 janvier à 9 h");
}

TEST(PagesHours, AlwaysOpenNeverOpenAndUnknown) {
  auto always = compile("24/7");
  EXPECT_EQ(open_state(&always, at("2026-11-24T10:00")).text(), "Ouvert 24 h sur 24");
  auto never = compile("off");
  EXPECT_EQ(open_state(&never, at("2026-11-24T10:00")).text(), "Fermé");
  EXPECT_EQ(open_state(nullptr, at("2026-11-24T10:00")).text(), "Horaires non renseignés");
  EXPECT_FALSE(compile_hours(std::string("n'importe quoi")).has_value());
  EXPECT_FALSE(compile_hours(std::nullopt).has_value());
}

}  // namespace
}  // namespace relais::pages
