#include "editing/weekly_hours.h"

#include <gtest/gtest.h>

#include "hours/opening_hours.h"

namespace relais::editing {
namespace {

WeeklyHours office_week() {
  WeeklyHours form;
  for (int d = 0; d < 5; ++d) form.days[static_cast<std::size_t>(d)].ranges = {{{"09:00", "12:00"}, {"14:00", "17:00"}}};
  form.days[5].ranges[0] = {"9h", "12h"};
  form.days[6].closed = true;
  form.exceptions = "PH off";
  return form;
}

TEST(WeeklyHours, WritesMergedDaysAndExceptions) {
  HoursResult r = to_opening_hours(office_week());
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.opening_hours, "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off");
  EXPECT_TRUE(std::holds_alternative<hours::OpeningHours>(hours::parse(*r.opening_hours)));
}

TEST(WeeklyHours, NonConsecutiveIdenticalDaysStaySeparate) {
  WeeklyHours form;
  form.days[0].ranges[0] = {"10:00", "12:00"};
  form.days[2].ranges[0] = {"10:00", "12:00"};
  form.days[3].ranges[1] = {"14:00", "24:00"};
  form.days[4].ranges[1] = {"14:00", "24:00"};
  EXPECT_EQ(to_opening_hours(form).opening_hours, "Mo 10:00-12:00; We 10:00-12:00; Th-Fr 14:00-24:00");
}

TEST(WeeklyHours, EmptyWeekIsNoHoursAndAllClosedIsOff) {
  EXPECT_EQ(to_opening_hours(WeeklyHours{}).opening_hours, std::nullopt);
  EXPECT_TRUE(to_opening_hours(WeeklyHours{}).problems.empty());
  WeeklyHours closed;
  for (auto& d : closed.days) d.closed = true;
  EXPECT_EQ(to_opening_hours(closed).opening_hours, "off");
  // "fermé" wins over ranges left in the day.
  WeeklyHours ticked = office_week();
  ticked.days[0].closed = true;
  EXPECT_EQ(to_opening_hours(ticked).opening_hours,
            "Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off");
}

TEST(WeeklyHours, RoundTripsThroughTheString) {
  for (std::string text : {"Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off", "Mo 10:00-12:00; We 10:00-12:00",
                           "Mo-Fr 09:00-12:00; PH 10:00-11:00",
                           "Tu-Sa 13:30-18:30", "off", "Mo-Su 00:00-24:00", "PH off"}) {
    WeeklyHours form = from_opening_hours(text);
    EXPECT_FALSE(form.advanced) << text << ": " << form.advanced_reason;
    EXPECT_EQ(to_opening_hours(form).opening_hours, text) << text;
  }
  // The whole form comes back too.
  WeeklyHours form = office_week();
  form.days[5].ranges[0] = {"09:00", "12:00"};
  EXPECT_EQ(from_opening_hours(to_opening_hours(form).opening_hours), form);
}

TEST(WeeklyHours, EquivalentStringsAreReadAndNormalised) {
  // Same week written otherwise: hours without minutes, per-day rules, 24/7.
  WeeklyHours a = from_opening_hours("Mo 9-12; Tu 09:00-12:00; We-Fr 09:00-12:00");
  ASSERT_FALSE(a.advanced) << a.advanced_reason;
  EXPECT_EQ(to_opening_hours(a).opening_hours, "Mo-Fr 09:00-12:00");
  WeeklyHours b = from_opening_hours("24/7");
  ASSERT_FALSE(b.advanced);
  EXPECT_EQ(to_opening_hours(b).opening_hours, "Mo-Su 00:00-24:00");
  // A range past midnight becomes two ranges of two days, saying the same.
  WeeklyHours c = from_opening_hours("Fr 22:00-02:00");
  ASSERT_FALSE(c.advanced) << c.advanced_reason;
  EXPECT_EQ(to_opening_hours(c).opening_hours, "Fr 22:00-24:00; Sa 00:00-02:00");
}

TEST(WeeklyHours, WhatTheWeekCannotSayStaysAdvanced) {
  for (std::string text : {"Mo-Fr 09:00-10:00,11:00-12:00,14:00-15:00",    // three ranges
                           "Jan-Jun Mo-Fr 09:00-12:00",                      // months
                           "week 01-53/2 Mo 09:00-12:00",                     // weeks
                           "2026 Mo-Fr 09:00-12:00",                          // a year
                           "Mo-Fr 09:00-12:00 \"sur rendez-vous\"",           // a comment
                           "PH off; Mo-Fr 09:00-12:00",                       // holidays overridden
                           "Mo-Fr 09:00-12:00; Sa,PH 10:00-12:00",           // holidays inside the week's rules
                           "Mo-Fr 09:00-12:00 || Sa 10:00-11:00",             // fallback
                           "Mo 13:30-19:00,10:00-12:00-14:00"}) {             // refused by the parser
    WeeklyHours form = from_opening_hours(text);
    EXPECT_TRUE(form.advanced) << text;
    EXPECT_EQ(form.advanced_text, text);
    EXPECT_FALSE(form.advanced_reason.empty()) << text;
    // Saved as is when valid, refused with a located message otherwise.
    HoursResult r = to_opening_hours(form);
    if (std::holds_alternative<hours::OpeningHours>(hours::parse(text))) {
      EXPECT_EQ(r.opening_hours, text);
    } else {
      ASSERT_EQ(r.problems.size(), 1u);
      EXPECT_EQ(r.problems[0].field, kAdvancedField);
      EXPECT_NE(r.problems[0].message.find("caractère 27"), std::string::npos) << r.problems[0].message;
    }
  }
}

TEST(WeeklyHours, InvalidTimesAreRefusedInFrench) {
  WeeklyHours form;
  form.days[0].ranges[0] = {"25:00", "12:00"};
  form.days[1].ranges[0] = {"09:00", ""};
  form.days[2].ranges[0] = {"14:00", "12:00"};
  form.days[3].ranges = {{{"09:00", "13:00"}, {"12:00", "17:00"}}};
  form.days[4].ranges[0] = {"9h75", "12:00"};
  HoursResult r = to_opening_hours(form);
  EXPECT_FALSE(r.opening_hours);
  ASSERT_EQ(r.problems.size(), 5u);
  EXPECT_EQ(r.problems[0].field, "horaires_lundi_1_debut");
  EXPECT_NE(r.problems[0].message.find("« 25:00 » n’est pas une heure"), std::string::npos);
  EXPECT_EQ(r.problems[1].field, "horaires_mardi_1_fin");
  EXPECT_NE(r.problems[1].message.find("heure de fin"), std::string::npos);
  EXPECT_EQ(r.problems[2].field, "horaires_mercredi_1_fin");
  EXPECT_NE(r.problems[2].message.find("doit finir après son début"), std::string::npos);
  EXPECT_EQ(r.problems[3].field, "horaires_jeudi_2_debut");
  EXPECT_NE(r.problems[3].message.find("après la fin"), std::string::npos);
  EXPECT_EQ(r.problems[4].field, "horaires_vendredi_1_debut");

  WeeklyHours bad_exception = office_week();
  bad_exception.exceptions = "PH fermé";
  r = to_opening_hours(bad_exception);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].field, kExceptionsField);
  EXPECT_NE(r.problems[0].message.find("PH off"), std::string::npos);
}

TEST(WeeklyHours, ParsesTimesAsPeopleTypeThem) {
  EXPECT_EQ(parse_time("09:00"), 540);
  EXPECT_EQ(parse_time(" 9:30 "), 570);
  EXPECT_EQ(parse_time("9h"), 540);
  EXPECT_EQ(parse_time("17H45"), 17 * 60 + 45);
  EXPECT_EQ(parse_time("24:00"), 1440);
  for (std::string_view bad : {"", "24:30", "9:", "9:5", "12:60", "midi", "9h30x", "123"}) {
    EXPECT_FALSE(parse_time(bad)) << bad;
  }
  EXPECT_EQ(format_time(540), "09:00");
  EXPECT_EQ(format_time(1440), "24:00");
}

}  // namespace
}  // namespace relais::editing
