#include "hours/french_holidays.h"

namespace relais::hours {

date::year_month_day easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return date::year{year} / month / day;
}

bool is_french_public_holiday(date::year_month_day day) {
  const unsigned m = static_cast<unsigned>(day.month()), d = static_cast<unsigned>(day.day());
  if ((m == 1 && d == 1) || (m == 5 && (d == 1 || d == 8)) || (m == 7 && d == 14) ||
      (m == 8 && d == 15) || (m == 11 && (d == 1 || d == 11)) || (m == 12 && d == 25))
    return true;
  if (m < 3 || m > 6) return false;
  const auto easter = date::sys_days{easter_sunday(static_cast<int>(day.year()))};
  const auto offset = (date::sys_days{day} - easter).count();
  return offset == 1 || offset == 39 || offset == 50;  // Easter Mon, Ascension, Whit Mon
}

}  // namespace relais::hours
