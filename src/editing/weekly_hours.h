// The weekly form of a place's opening hours: for each day Monday..Sunday up
// to two time ranges (morning, afternoon) or "fermé", plus an optional line of
// exceptions in the OSM syntax ("PH off": closed on public holidays). It
// writes a valid OSM `opening_hours` string ("Mo-Fr 09:00-12:00,14:00-17:00;
// Sa 09:00-12:00; PH off", identical consecutive days merged into ranges),
// and reads an existing string back into the form when the form can say
// exactly the same thing; otherwise the string stays in an "advanced" text
// field, with a plain explanation.
//
// Every string written or read is checked by the hours module's parser
// (hours/opening_hours.h): reading back compares, day by day over whole
// years, what the original and the regenerated string open, so the form
// never silently changes a place's hours. Pure functions, thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::editing {

// One time range as typed ("09:00", "9h30"...); both empty = no range.
struct TimeRangeInput {
  std::string start, end;
  friend bool operator==(const TimeRangeInput&, const TimeRangeInput&) = default;
};

struct DayInput {
  bool closed = false;  // "fermé" ticked (ranges then ignored)
  std::array<TimeRangeInput, 2> ranges;  // morning, afternoon
  friend bool operator==(const DayInput&, const DayInput&) = default;
};

struct WeeklyHours {
  std::array<DayInput, 7> days;  // Monday first
  std::string exceptions;        // extra OSM rules appended after "; " ("PH off"), may be empty
  // The string is kept as typed in the advanced field when `advanced` is set
  // (the weekly fields are then ignored).
  bool advanced = false;
  std::string advanced_text;
  std::string advanced_reason;   // French: why the weekly form cannot show these hours ("" when not advanced)
  friend bool operator==(const WeeklyHours&, const WeeklyHours&) = default;
};

// A problem found in the form, located by the HTML field name of the input at
// fault ("horaires_lundi_1_debut", "horaires_exceptions", "horaires_avance").
struct HoursProblem {
  std::string field;
  std::string message;  // plain French
  friend bool operator==(const HoursProblem&, const HoursProblem&) = default;
};

struct HoursResult {
  std::optional<std::string> opening_hours;  // nullopt: no hours given (field left empty)
  std::vector<HoursProblem> problems;        // empty when opening_hours is usable
};

// French names and OSM abbreviations of the days, Monday first.
inline constexpr std::array<std::string_view, 7> kDayNames{"lundi", "mardi", "mercredi", "jeudi",
                                                           "vendredi", "samedi", "dimanche"};
inline constexpr std::array<std::string_view, 7> kOsmDays{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};

// HTML field names of the weekly form (used by the templates and the reader
// of the submitted form): "horaires_<day>_<1|2>_debut" / "_fin",
// "horaires_<day>_ferme", "horaires_exceptions", "horaires_avance",
// "horaires_mode" ("semaine" or "avance").
std::string range_field(int day, int range, bool start);
std::string closed_field(int day);
inline constexpr std::string_view kExceptionsField = "horaires_exceptions";
inline constexpr std::string_view kAdvancedField = "horaires_avance";
inline constexpr std::string_view kModeField = "horaires_mode";

// A time as people type it: "09:00", "9:00", "9h", "9h30", "09h00", "24:00"
// (end of day only). Minutes since midnight, or nullopt.
std::optional<int> parse_time(std::string_view text);
// 540 -> "09:00", 1440 -> "24:00".
std::string format_time(int minutes);

// The OSM string the form says, checked with the hours parser. Refuses with
// French messages: an unreadable time, a range with one end only, an end not
// after its start, the afternoon not after the morning, exceptions the parser
// refuses. In advanced mode, the advanced text is checked instead.
HoursResult to_opening_hours(const WeeklyHours& form);

// The form showing `opening_hours` (nullopt or "": every day empty). When the
// weekly form cannot say exactly the same thing (three ranges in a day, month
// or week rules, comments, a syntax the parser refuses...), the result is in
// advanced mode with the string as given and the reason in plain French.
WeeklyHours from_opening_hours(const std::optional<std::string>& opening_hours);

}  // namespace relais::editing
