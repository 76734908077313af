#pragma once
// OSM `opening_hours` parser and evaluator (subset used by digital-mediation
// data), evaluated in Europe/Paris civil time with French public holidays.
// Semantics follow the npm `opening_hours` 3.15 library (the reference used by
// the national map); every tolerance and difference is listed in
// docs/opening-hours.md.
//
// Supported: `24/7`; years and year ranges; month / month-day ranges and lists
// (`Jan-Jun`, `Dec 25`, `Jul 14-Aug 15`, `Dec 24-26`); `week 01-53/2`;
// weekday ranges and lists (`Mo-We,Fr`); `PH`; time ranges (`09:00-12:00`,
// past midnight `22:00-02:00`, `18:00-26:00`, hours without minutes `9-12`
// with a warning); modifiers `open`, `closed`, `off`, `unknown`; comments
// `"..."` (a rule with a comment and no open/closed modifier is `unknown`, as
// in the npm library); rule separators `;`, `,` (additional rule) and `||`
// (fallback). `unknown` times are reported closed by is_open(), like the npm
// library's getState().
// Rejected as unsupported: `SH` (no school-holiday data), `Mo[1]`-style nth
// weekdays, holiday offsets, variable times (sunrise...), open ends (`10:00+`),
// points in time (`Sa 17:00`).
//
// Thread-safety: an OpeningHours is immutable after parse; all const methods
// may be called concurrently.
#include <bitset>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <date/date.h>

namespace relais::hours {

using std::chrono::sys_seconds;

struct ParseError {
  std::size_t position = 0;  // 0-based byte offset of the fault in the input
  std::string message;
};

// A tolerated oddity (the string is accepted).
struct Diagnostic {
  std::size_t position = 0;
  std::string message;
};

// Half-open interval [start, end) of an open period.
struct Interval {
  sys_seconds start;
  sys_seconds end;
  friend bool operator==(const Interval&, const Interval&) = default;
};

// Minutes of one local day that are open (bit m = minute m after 00:00).
using DaySchedule = std::bitset<1440>;

namespace detail {
struct Range {
  int from = 0, to = 0, step = 1;
};
enum class Separator { Normal, Additional, Fallback };
struct Rule {
  Separator separator = Separator::Normal;
  std::vector<Range> years;
  std::vector<Range> monthdays;  // ordinal month*32+day, may wrap (from > to)
  std::vector<Range> weeks;
  std::uint8_t weekdays = 0;     // bit 0 = Monday ... bit 6 = Sunday
  bool holidays = false;         // PH
  bool has_day_selector = false; // weekdays or PH given
  std::vector<Range> times;      // minutes since local midnight; to may exceed 1440
  bool closed = false;
  bool unknown = false;  // `unknown`, or a comment without open/closed: never open
  DaySchedule own;    // minutes of a matching day (all when no time given)
  DaySchedule spill;  // minutes after midnight of the day after a matching day
};
}  // namespace detail

class OpeningHours {
 public:
  // True when the place is open at instant `t`.
  bool is_open(sys_seconds t) const;

  // First instant after `t` at which the state differs from is_open(t);
  // nullopt when the state does not change within 366 days after `t`
  // (e.g. `24/7`, `off`, or only closed days in that horizon).
  std::optional<sys_seconds> next_change(sys_seconds t) const;

  // Instant at which the current state (is_open(t)) began: the latest
  // instant <= t whose previous second had the other state; nullopt when the
  // state did not change within 366 days before `t`.
  std::optional<sys_seconds> previous_change(sys_seconds t) const;

  // Open periods intersected with [from, to), sorted, merged when adjacent.
  std::vector<Interval> open_intervals(sys_seconds from, sys_seconds to) const;

  // Open minutes of a local (Paris) calendar day.
  DaySchedule day_schedule(date::sys_days day) const;

  // Warnings collected while parsing.
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

 private:
  friend struct Parser;
  DaySchedule compute_day(long long day) const;
  const DaySchedule& schedule_for(long long day, DaySchedule& scratch) const;
  bool open_at_minute(long long day, int minute) const;
  std::optional<sys_seconds> next_change_before(sys_seconds t, sys_seconds limit) const;
  std::vector<long long> change_candidates(long long day) const;

  std::vector<detail::Rule> rules_;
  std::vector<Diagnostic> warnings_;
  bool weekly_ = true;                 // schedule depends only on the weekday
  bool uses_holidays_ = false;
  bool uses_weeks_ = false;
  std::vector<DaySchedule> by_weekday_;  // 7 entries (Monday first) when weekly_
};

using Result = std::variant<OpeningHours, ParseError>;

// Parses an opening_hours string. Never throws on bad input; returns
// ParseError with the byte offset of the first fault.
Result parse(std::string_view text);

}  // namespace relais::hours
