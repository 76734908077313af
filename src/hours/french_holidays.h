#pragma once
// French public holidays (metropolitan list, Alsace-Moselle extras excluded):
// Jan 1, Easter Monday, May 1, May 8, Ascension Thursday, Whit Monday, Jul 14,
// Aug 15, Nov 1, Nov 11, Dec 25. Pure computation, thread-safe.
#include <date/date.h>

namespace relais::hours {

// Easter Sunday (Gregorian computus) of `year`.
date::year_month_day easter_sunday(int year);

// True when `day` is one of the French public holidays listed above.
bool is_french_public_holiday(date::year_month_day day);

}  // namespace relais::hours
