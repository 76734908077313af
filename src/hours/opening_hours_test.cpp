#include "hours/opening_hours.h"

#include <gtest/gtest.h>

#include "hours/paris_time.h"

namespace relais::hours {
namespace {

OpeningHours must_parse(std::string_view text) {
  Result r = parse(text);
  if (auto* e = std::get_if<ParseError>(&r)) {
    ADD_FAILURE() << "parse failed for '" << text << "' at " << e->position << ": " << e->message;
    return std::get<OpeningHours>(parse("off"));
  }
  return std::get<OpeningHours>(std::move(r));
}

ParseError must_fail(std::string_view text) {
  Result r = parse(text);
  if (!std::holds_alternative<ParseError>(r)) {
    ADD_FAILURE() << "expected a parse error for '" << text << "'";
    return {};
  }
  return std::get<ParseError>(r);
}

sys_seconds at(std::string_view local) {
  auto t = parse_paris_local(local);
  EXPECT_TRUE(t.has_value()) << local;
  return t.value_or(sys_seconds{});
}

bool open_at(std::string_view expr, std::string_view local) { return must_parse(expr).is_open(at(local)); }

// 2026-11-23 is a Monday.
TEST(OpeningHoursParse, WeekdayRangesListsAndTimes) {
  const auto oh = must_parse("Mo-We,Fr 09:00-12:00,14:00-18:30");
  EXPECT_TRUE(oh.is_open(at("2026-11-23T09:00")));
  EXPECT_FALSE(oh.is_open(at("2026-11-23T12:00")));
  EXPECT_TRUE(oh.is_open(at("2026-11-25T18:29")));
  EXPECT_FALSE(oh.is_open(at("2026-11-26T10:00")));  // Thursday
  EXPECT_TRUE(oh.is_open(at("2026-11-27T14:00")));
  EXPECT_TRUE(oh.warnings().empty());
}

TEST(OpeningHoursParse, WeekdayListAndWrappingRange) {
  EXPECT_TRUE(open_at("Tu,Th 10:00-11:00", "2026-11-26T10:30"));
  EXPECT_FALSE(open_at("Tu,Th 10:00-11:00", "2026-11-25T10:30"));
  EXPECT_TRUE(open_at("Sa-Mo 10:00-11:00", "2026-11-22T10:30"));  // Sunday
  EXPECT_FALSE(open_at("Sa-Mo 10:00-11:00", "2026-11-24T10:30"));
}

TEST(OpeningHoursParse, OffAndOverrides) {
  EXPECT_FALSE(open_at("Mo-Fr 09:00-18:00; We off", "2026-11-25T10:00"));
  EXPECT_FALSE(open_at("Mo-Fr 09:00-12:00; We 14:00-16:00", "2026-11-25T10:00"));
  EXPECT_TRUE(open_at("Mo-Fr 09:00-12:00; We 14:00-16:00", "2026-11-25T15:00"));
  EXPECT_TRUE(open_at("Mo-Fr 09:00-12:00, We 14:00-16:00", "2026-11-25T10:00"));
  // `off` with times only closes those times.
  EXPECT_TRUE(open_at("Mo-Fr 08:00-18:00; We 12:00-14:00 off", "2026-11-25T10:00"));
  EXPECT_FALSE(open_at("Mo-Fr 08:00-18:00; We 12:00-14:00 closed", "2026-11-25T13:00"));
  EXPECT_FALSE(open_at("off", "2026-11-25T13:00"));
}

TEST(OpeningHoursParse, CommentsAndUnknown) {
  // A comment without open/closed makes the rule `unknown`: never reported open.
  EXPECT_FALSE(open_at("Mo-Fr 09:00-12:00 \"sur rendez-vous\"", "2026-11-23T10:00"));
  EXPECT_TRUE(open_at("Mo-Fr 09:00-12:00 open \"sur rendez-vous\"", "2026-11-23T10:00"));
  EXPECT_FALSE(open_at("Mo-Fr 08:00-18:00; We 12:00-14:00 unknown", "2026-11-25T10:00"));
  EXPECT_TRUE(open_at("Mo-Fr 08:00-18:00, We 12:00-14:00 unknown", "2026-11-25T10:00"));
  EXPECT_FALSE(open_at("Mo-Fr 08:00-18:00, We 12:00-14:00 unknown", "2026-11-25T13:00"));
}

TEST(OpeningHoursParse, TwentyFourSeven) {
  const auto oh = must_parse("24/7");
  EXPECT_TRUE(oh.is_open(at("2026-03-29T02:30")));
  EXPECT_FALSE(oh.next_change(at("2026-01-01T00:00")).has_value());
}

TEST(OpeningHoursParse, PastMidnight) {
  EXPECT_TRUE(open_at("Mo 22:00-02:00", "2026-11-24T01:00"));
  EXPECT_FALSE(open_at("Mo 22:00-02:00", "2026-11-24T02:00"));
  EXPECT_TRUE(open_at("Mo 18:00-26:00", "2026-11-24T01:59"));
  EXPECT_TRUE(open_at("Mo 12:00-10:00", "2026-11-24T09:00"));
  EXPECT_TRUE(open_at("Mo 10:00-10:00", "2026-11-23T23:00"));
  // A later rule for Tuesday replaces Monday's spill-over; a later Monday rule's
  // spill-over adds to Tuesday.
  EXPECT_FALSE(open_at("Mo 22:00-02:00; Tu 10:00-12:00", "2026-11-24T01:00"));
  EXPECT_TRUE(open_at("Tu 10:00-12:00; Mo 22:00-02:00", "2026-11-24T01:00"));
  EXPECT_TRUE(open_at("Tu 10:00-12:00; Mo 22:00-02:00", "2026-11-24T11:00"));
}

TEST(OpeningHoursParse, MonthsAndDates) {
  EXPECT_TRUE(open_at("Jan-Jun Mo 10:00-12:00", "2026-06-29T11:00"));
  EXPECT_FALSE(open_at("Jan-Jun Mo 10:00-12:00", "2026-07-06T11:00"));
  EXPECT_FALSE(open_at("Mo-Su 10:00-12:00; Dec 25 off", "2026-12-25T11:00"));
  EXPECT_TRUE(open_at("Mo-Su 10:00-12:00; Dec 25 off", "2026-12-24T11:00"));
  EXPECT_TRUE(open_at("Jul 14-Aug 15 10:00-12:00", "2026-08-15T11:00"));
  EXPECT_FALSE(open_at("Jul 14-Aug 15 10:00-12:00", "2026-08-16T11:00"));
  EXPECT_TRUE(open_at("Dec 24-26 10:00-12:00", "2026-12-26T11:00"));
  EXPECT_TRUE(open_at("Nov-Feb 10:00-12:00", "2027-01-10T11:00"));  // wraps the year end
  EXPECT_FALSE(open_at("Nov-Feb 10:00-12:00", "2026-03-10T11:00"));
  EXPECT_TRUE(open_at("2026 Mo 10:00-12:00", "2026-11-23T11:00"));
  EXPECT_FALSE(open_at("2027 Mo 10:00-12:00", "2026-11-23T11:00"));
}

TEST(OpeningHoursParse, WeekNumbers) {
  // ISO week 1 of 2026 starts Monday 2025-12-29; 2026-01-05 is week 2.
  EXPECT_TRUE(open_at("week 01-53/2 Mo 10:00-12:00", "2025-12-29T11:00"));
  EXPECT_FALSE(open_at("week 01-53/2 Mo 10:00-12:00", "2026-01-05T11:00"));
  EXPECT_TRUE(open_at("week 2-52/2 Mo 10:00-12:00", "2026-01-05T11:00"));
  EXPECT_TRUE(open_at("week 48 Mo 10:00-12:00", "2026-11-23T11:00"));
}

TEST(OpeningHoursParse, PublicHolidays) {
  const auto oh = must_parse("Mo-Fr 09:00-12:00; PH off");
  EXPECT_FALSE(oh.is_open(at("2026-04-06T10:00")));  // Easter Monday
  EXPECT_FALSE(oh.is_open(at("2026-05-14T10:00")));  // Ascension
  EXPECT_FALSE(oh.is_open(at("2026-05-25T10:00")));  // Whit Monday
  EXPECT_TRUE(oh.is_open(at("2026-04-07T10:00")));
  EXPECT_TRUE(open_at("PH 10:00-12:00", "2026-07-14T11:00"));
  EXPECT_FALSE(open_at("PH 10:00-12:00", "2026-07-15T11:00"));
  EXPECT_TRUE(open_at("Sa,PH 10:00-12:00", "2026-11-11T11:00"));
}

TEST(OpeningHoursParse, TolerancesGiveWarnings) {
  auto oh = must_parse("Fr 08:30-17:00,08:30-17:00");
  ASSERT_EQ(oh.warnings().size(), 1u);
  EXPECT_EQ(oh.warnings()[0].position, 15u);
  oh = must_parse("Tu-Fr 10:00-20:00,09:00-19:00");
  ASSERT_EQ(oh.warnings().size(), 1u);
  EXPECT_TRUE(oh.is_open(at("2026-11-24T09:30")));
  EXPECT_TRUE(oh.is_open(at("2026-11-24T19:30")));
  oh = must_parse("9-12,14-17");
  EXPECT_EQ(oh.warnings().size(), 2u);
  EXPECT_TRUE(oh.is_open(at("2026-11-24T16:59")));
  oh = must_parse("Mo-Fr 09:00-12:00;");
  EXPECT_EQ(oh.warnings().size(), 1u);
  EXPECT_TRUE(must_parse("mo-fr 9:00-12:00").is_open(at("2026-11-24T11:59")));
  EXPECT_TRUE(must_parse("Mo-Fr 09:00 - 12:00 ; Sa 10:00-11:00").is_open(at("2026-11-28T10:30")));
}

TEST(OpeningHoursParse, ErrorsCarryPositions) {
  EXPECT_EQ(must_fail("Mo 13:30-19:00,10:00-12:00-14:00").position, 26u);
  EXPECT_EQ(must_fail("Tu,We 10:00-12:00,17:30:10:00-12:00").position, 23u);
  EXPECT_EQ(must_fail("Sa 17:00").position, 8u);
  EXPECT_EQ(must_fail("Mo-Fr 09h00-12h00").position, 8u);
  EXPECT_EQ(must_fail("Mo 25:00-26:00").position, 3u);
  EXPECT_EQ(must_fail("Mo 10:60-11:00").position, 6u);
  EXPECT_EQ(must_fail("").position, 0u);
  EXPECT_EQ(must_fail("SH off").position, 0u);
  EXPECT_EQ(must_fail("Mo[1] 10:00-12:00").position, 2u);
  EXPECT_EQ(must_fail("Mo 10:00+").position, 8u);
  EXPECT_EQ(must_fail("Mo 10:00-12:00 \"rdv").position, 15u);
  EXPECT_EQ(must_fail("Mo-Fr 10:00-12:00 sunday").position, 18u);
  EXPECT_EQ(must_fail("Mo- 10:00-12:00").position, 3u);
  EXPECT_EQ(must_fail("week 0-10 Mo 10:00-11:00").position, 5u);
  EXPECT_EQ(must_fail("Mo 9-12:00").position, 7u);
  EXPECT_EQ(must_fail("Mo,Tu, 09:00-12:00").position, 6u);
  EXPECT_EQ(must_fail("Mo 24:00-26:00").position, 3u);
  EXPECT_EQ(must_fail("Feb 30 off").position, 0u);
  EXPECT_EQ(must_fail("Mo 09:00-12").position, 11u);
  EXPECT_EQ(must_fail("Tu-Fr 09:00-12:00,13:00-18:00; Mo 9-12;9-12,13-18:00").position, 49u);
}

TEST(OpeningHoursEval, DstSpringForward) {
  // 2026-03-29: 02:00-03:00 local does not exist.
  const auto oh = must_parse("Mo-Su 02:00-03:00");
  const sys_seconds switch_instant = sys_seconds{std::chrono::seconds{1774746000}};  // 01:00Z
  EXPECT_FALSE(oh.is_open(switch_instant - std::chrono::seconds{1}));  // 01:59:59 CET
  EXPECT_FALSE(oh.is_open(switch_instant));                            // 03:00 CEST
  EXPECT_TRUE(oh.is_open(at("2026-03-28T02:30")));
  EXPECT_TRUE(oh.is_open(at("2026-03-30T02:30")));
  // Opening hours straddling the gap close at the switch.
  const auto straddle = must_parse("Su 01:00-02:30");
  EXPECT_EQ(straddle.next_change(at("2026-03-29T01:30")), switch_instant);
  EXPECT_EQ(straddle.previous_change(at("2026-03-29T04:00")), switch_instant);
}

TEST(OpeningHoursEval, DstFallBack) {
  // 2026-10-25: 02:00-03:00 local happens twice (CEST then CET): open 2 hours.
  const auto oh = must_parse("Mo-Su 02:00-03:00");
  const auto intervals = oh.open_intervals(at("2026-10-25T00:00"), at("2026-10-25T12:00"));
  ASSERT_EQ(intervals.size(), 1u);
  EXPECT_EQ(intervals[0].end - intervals[0].start, std::chrono::hours{2});
  EXPECT_EQ(format_paris_local(intervals[0].start), "2026-10-25T02:00+02:00");
  EXPECT_EQ(format_paris_local(intervals[0].end), "2026-10-25T03:00+01:00");
}

TEST(OpeningHoursEval, NextChangeAndIntervals) {
  const auto oh = must_parse("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
  EXPECT_EQ(oh.next_change(at("2026-11-23T10:00")), at("2026-11-23T12:00"));
  EXPECT_EQ(oh.next_change(at("2026-11-23T12:00")), at("2026-11-23T14:00"));
  EXPECT_EQ(oh.next_change(at("2026-11-28T13:00")), at("2026-11-30T09:00"));
  const auto week = oh.open_intervals(at("2026-11-23T00:00"), at("2026-11-30T00:00"));
  ASSERT_EQ(week.size(), 11u);
  EXPECT_EQ(week.front(), (Interval{at("2026-11-23T09:00"), at("2026-11-23T12:00")}));
  EXPECT_EQ(week.back(), (Interval{at("2026-11-28T08:30"), at("2026-11-28T12:00")}));
  // Clipped to the window.
  const auto clipped = oh.open_intervals(at("2026-11-23T10:00"), at("2026-11-23T11:00"));
  ASSERT_EQ(clipped.size(), 1u);
  EXPECT_EQ(clipped[0], (Interval{at("2026-11-23T10:00"), at("2026-11-23T11:00")}));
  EXPECT_FALSE(must_parse("off").next_change(at("2026-11-23T10:00")).has_value());
  EXPECT_EQ(oh.previous_change(at("2026-11-23T10:00")), at("2026-11-23T09:00"));
  EXPECT_EQ(oh.previous_change(at("2026-11-23T09:00")), at("2026-11-23T09:00"));
  EXPECT_EQ(oh.previous_change(at("2026-11-30T08:00")), at("2026-11-28T12:00"));
  EXPECT_FALSE(must_parse("24/7").previous_change(at("2026-11-23T10:00")).has_value());
}

TEST(OpeningHoursEval, FallbackIsUnionWithEarlierRules) {
  const auto oh = must_parse("Mo-Fr 10:00-12:00 || Sa 10:00-11:00");
  EXPECT_TRUE(oh.is_open(at("2026-11-24T11:00")));
  EXPECT_TRUE(oh.is_open(at("2026-11-28T10:30")));
  EXPECT_FALSE(oh.is_open(at("2026-11-29T10:30")));
}

}  // namespace
}  // namespace relais::hours
