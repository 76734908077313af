// Plain-French wording of the public pages ("Facile à lire et à comprendre"
// spirit): what each value of the standard means for the person looking for
// help, and French dates, times and distances.
//
// The standard's labels stay the values of the URL and of the data; these
// functions only choose what a person reads. All functions are pure and
// thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/enums.h"

namespace relais::pages {

// A service in plain words: a short title ("Faire une démarche
// administrative") and one sentence of examples ("Demander une aide à la CAF,
// déclarer ses impôts…").
struct ServiceWording {
  std::string_view title;
  std::string_view examples;
};
ServiceWording service_wording(Service service);

// Plain labels of the other enumerations (the standard's label when it is
// already plain, e.g. "Gratuit", or a proper name such as "France Services").
std::string_view plain_label(Public value);
std::string_view plain_label(PriseEnCharge value);
std::string_view plain_label(Frais value);
std::string_view plain_label(ModaliteAcces value);
std::string_view plain_label(ModaliteAccompagnement value);
std::string_view plain_label(Dispositif value);
std::string_view plain_label(FormationLabel value);
std::string_view plain_label(Itinerance value);

// "lundi" ... "dimanche" (lower case, as inside a sentence).
std::string_view weekday_name(std::chrono::weekday day);
// "janvier" ... "décembre".
std::string_view month_name(std::chrono::month month);
// "mardi 24 novembre" (the year is left out).
std::string day_and_month(std::chrono::year_month_day day);
// "12 mars 2024"; "1er mars 2024" for the first of the month.
std::string full_date(std::chrono::year_month_day day);
// Minutes since midnight -> "9 h", "9 h 30", "0 h"; 1440 -> "minuit".
std::string clock_time(int minutes);
// Metres -> "350 m" (to 10 m), "1,2 km" (below 10 km), "12 km".
std::string distance(double metres);
// Integer with French grouping: 12345 -> "12 345" (narrow no-break space).
std::string count(std::size_t value);
// Decimal with a French comma and grouping, rounded to `digits` decimals:
// (1234.56, 1) -> "1 234,6"; (6, 0) -> "6"; negative values keep their sign.
std::string decimal(double value, int digits);

// A French telephone number as people read and dial it: "+33953226107" and
// "09 53 22 61 07" both give "09 53 22 61 07" (no-break spaces), as do the
// overseas departments' +262/+590/+594/+596 numbers ("02 62 12 34 56"). Any
// other number is returned as written.
std::string phone_for_reading(std::string_view phone);

// Paris civil day and minute of instant `t`.
struct LocalTime {
  std::chrono::year_month_day day;
  int minute = 0;  // 0..1439
};
LocalTime paris_local(std::chrono::sys_seconds t);

}  // namespace relais::pages
