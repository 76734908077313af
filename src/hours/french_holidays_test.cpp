#include "hours/french_holidays.h"

#include <gtest/gtest.h>

namespace relais::hours {
namespace {

using namespace date::literals;

TEST(FrenchHolidays, EasterDates) {
  EXPECT_EQ(easter_sunday(2026), 2026_y / 4 / 5);
  EXPECT_EQ(easter_sunday(2024), 2024_y / 3 / 31);
  EXPECT_EQ(easter_sunday(2027), 2027_y / 3 / 28);
  EXPECT_EQ(easter_sunday(2038), 2038_y / 4 / 25);
}

TEST(FrenchHolidays, List2026) {
  const date::year_month_day expected[] = {
      2026_y / 1 / 1,  2026_y / 4 / 6,   2026_y / 5 / 1,   2026_y / 5 / 8,
      2026_y / 5 / 14, 2026_y / 5 / 25,  2026_y / 7 / 14,  2026_y / 8 / 15,
      2026_y / 11 / 1, 2026_y / 11 / 11, 2026_y / 12 / 25};
  int count = 0;
  for (date::sys_days d = date::sys_days{2026_y / 1 / 1}; d < date::sys_days{2027_y / 1 / 1};
       d += date::days{1}) {
    const date::year_month_day ymd{d};
    if (is_french_public_holiday(ymd)) {
      ASSERT_LT(count, 11);
      EXPECT_EQ(ymd, expected[count]);
      ++count;
    }
  }
  EXPECT_EQ(count, 11);
  EXPECT_FALSE(is_french_public_holiday(2026_y / 4 / 5));   // Easter Sunday itself
  EXPECT_FALSE(is_french_public_holiday(2026_y / 12 / 26)); // Alsace-Moselle only
}

}  // namespace
}  // namespace relais::hours
