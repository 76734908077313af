#include "diagnosis/half_days.h"

#include <gtest/gtest.h>

#include <variant>

namespace relais::diagnosis {
namespace {

int count(const char* horaires) {
  auto parsed = hours::parse(horaires);
  const auto& oh = std::get<hours::OpeningHours>(parsed);
  return open_half_days(oh, date::sys_days{date::year{2026} / 11 / 30});  // Monday, no public holiday that week
}

TEST(DiagnosisHalfDays, CountsMorningsAndAfternoons) {
  EXPECT_EQ(count("Mo-Fr 09:00-12:00,14:00-17:00"), 10);
  EXPECT_EQ(count("Tu 14:00-16:00"), 1);
  EXPECT_EQ(count("Mo 11:00-13:00"), 2);  // across noon: both halves
  EXPECT_EQ(count("24/7"), 14);
  EXPECT_EQ(count("Sa 22:00-02:00"), 2);  // Saturday afternoon, then Sunday morning after midnight
  EXPECT_EQ(count("off"), 0);
}

TEST(DiagnosisHalfDays, APublicHolidayOfThatWeekCounts) {
  auto parsed = hours::parse("Mo-Fr 09:00-12:00; PH off");
  const auto& oh = std::get<hours::OpeningHours>(parsed);
  EXPECT_EQ(open_half_days(oh, date::sys_days{date::year{2026} / 12 / 21}), 4);  // Christmas on Friday
}

}  // namespace
}  // namespace relais::diagnosis
