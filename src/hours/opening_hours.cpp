#include "hours/opening_hours.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "hours/french_holidays.h"
#include "hours/paris_time.h"

namespace relais::hours {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays{"mo", "tu", "we", "th", "fr", "sa", "su"};
constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};

long long floor_div(long long a, long long b) { return a >= 0 ? a / b : (a - b + 1) / b; }

// ISO 8601 week number of a day.
int iso_week(date::sys_days day) {
  const unsigned iso_wd = date::weekday{day}.iso_encoding();  // 1 = Monday
  const date::sys_days thursday = day - date::days{iso_wd - 1} + date::days{3};
  const date::year y = date::year_month_day{thursday}.year();
  return static_cast<int>((thursday - date::sys_days{y / 1 / 1}).count() / 7 + 1);
}

bool in_ranges(const std::vector<detail::Range>& ranges, int value) {
  for (const auto& r : ranges) {
    if (r.from <= r.to) {
      if (value >= r.from && value <= r.to && (value - r.from) % r.step == 0) return true;
    } else if (value >= r.from || value <= r.to) {  // wraps over the year end
      return true;
    }
  }
  return false;
}

}  // namespace

// Hand-written recursive-descent parser: no maintained C/C++ library parses
// the OSM opening_hours grammar, and we need byte positions for errors.
struct Parser {
  std::string_view s;
  std::size_t pos = 0;
  OpeningHours out;
  std::optional<ParseError> error;

  void fail(std::size_t at, std::string message) {
    if (!error) error = ParseError{at, std::move(message)};
  }
  void warn(std::size_t at, std::string message) {
    out.warnings_.push_back(Diagnostic{at, std::move(message)});
  }
  void skip_spaces() {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  }
  bool at_end() { skip_spaces(); return pos >= s.size(); }
  char peek() { skip_spaces(); return pos < s.size() ? s[pos] : '\0'; }
  bool is_digit_at(std::size_t p) const {
    return p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]));
  }
  bool is_alpha_at(std::size_t p) const {
    return p < s.size() && std::isalpha(static_cast<unsigned char>(s[p]));
  }
  // Case-insensitive keyword at pos, not followed by a letter.
  bool keyword_at(std::size_t p, std::string_view word) const {
    if (p + word.size() > s.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[p + i])) != word[i]) return false;
    return !is_alpha_at(p + word.size());
  }
  bool accept_keyword(std::string_view word) {
    skip_spaces();
    if (!keyword_at(pos, word)) return false;
    pos += word.size();
    return true;
  }
  template <std::size_t N>
  int index_of(const std::array<std::string_view, N>& names, std::size_t p) const {
    for (std::size_t i = 0; i < N; ++i)
      if (keyword_at(p, names[i])) return static_cast<int>(i);
    return -1;
  }
  std::size_t digits_at(std::size_t p) const {
    std::size_t n = 0;
    while (is_digit_at(p + n)) ++n;
    return n;
  }
  int read_number(std::size_t len) {
    int v = 0;
    for (std::size_t i = 0; i < len; ++i) v = v * 10 + (s[pos + i] - '0');
    pos += len;
    return v;
  }

  void parse_all() {
    detail::Separator next = detail::Separator::Normal;
    while (!error) {
      const std::size_t rule_start = (skip_spaces(), pos);
      detail::Rule rule;
      rule.separator = next;
      parse_rule(rule);
      if (error) return;
      if (pos == rule_start) {
        if (at_end() && !out.rules_.empty()) {
          warn(rule_start, "empty rule after the last separator");
          return;
        }
        if (at_end()) { fail(pos, "empty opening_hours value"); return; }
        fail(pos, "unexpected character '" + std::string(1, s[pos]) + "'");
        return;
      }
      out.rules_.push_back(std::move(rule));
      if (at_end()) return;
      if (s[pos] == ';') { ++pos; next = detail::Separator::Normal; }
      else if (s[pos] == ',') { ++pos; next = detail::Separator::Additional; }
      else if (s.substr(pos, 2) == "||") { pos += 2; next = detail::Separator::Fallback; }
      else {
        fail(pos, "unexpected '" + std::string(1, s[pos]) + "' after a complete rule");
        return;
      }
      if (at_end() && next == detail::Separator::Normal) {
        warn(pos, "empty rule after the last separator");
        return;
      }
    }
  }

  void parse_rule(detail::Rule& rule) {
    skip_spaces();
    if (s.substr(pos, 4) == "24/7") {
      pos += 4;
      rule.times.push_back({0, 1440});
    } else {
      parse_years(rule);
      if (error) return;
      parse_monthdays(rule);
      if (error) return;
      parse_weeks(rule);
      if (error) return;
      if (peek() == ':' && !is_digit_at(pos + 1)) ++pos;  // optional wide-range colon
      parse_weekdays(rule);
      if (error) return;
      parse_times(rule);
      if (error) return;
    }
    parse_modifier(rule);
  }

  void parse_years(detail::Rule& rule) {
    while (true) {
      skip_spaces();
      if (digits_at(pos) != 4 || s.substr(pos + 4, 1) == ":") return;
      detail::Range r;
      r.from = r.to = read_number(4);
      if (s.substr(pos, 1) == "-" && digits_at(pos + 1) == 4) { ++pos; r.to = read_number(4); }
      if (r.to < r.from) { fail(pos, "year range ends before it starts"); return; }
      rule.years.push_back(r);
      if (s.substr(pos, 1) == "," && digits_at(pos + 1) == 4) { ++pos; continue; }
      return;
    }
  }

  // Day number after a month name: digits not followed by ':' (that is a time).
  std::optional<int> month_day_after(std::size_t p) {
    while (p < s.size() && s[p] == ' ') ++p;
    const std::size_t n = digits_at(p);
    if (n == 0 || n > 2 || s.substr(p + n, 1) == ":") return std::nullopt;
    pos = p;
    return read_number(n);
  }

  void parse_monthdays(detail::Rule& rule) {
    while (true) {
      skip_spaces();
      const std::size_t start = pos;
      int m1 = index_of(kMonths, pos);
      if (m1 < 0) return;
      pos += 3;
      detail::Range r;
      std::optional<int> d1 = month_day_after(pos);
      if (d1 && (*d1 < 1 || *d1 > 31)) { fail(start, "day of month out of range"); return; }
      int m2 = m1, d2 = d1 ? *d1 : 31;
      if (s.substr(pos, 1) == "-") {
        const std::size_t after = pos + 1;
        int m = index_of(kMonths, after);
        if (m >= 0) {
          pos = after + 3;
          m2 = m;
          std::optional<int> d = month_day_after(pos);
          if (d1.has_value() != d.has_value()) { fail(pos, "month-day range needs a day on both ends"); return; }
          d2 = d ? *d : 31;
        } else if (d1 && digits_at(after) > 0 && digits_at(after) <= 2 &&
                   s.substr(after + digits_at(after), 1) != ":") {
          pos = after;
          d2 = read_number(digits_at(after));
        } else {
          fail(pos, "expected a month or a day after '-'");
          return;
        }
        if (d2 < 1 || d2 > 31) { fail(pos, "day of month out of range"); return; }
      }
      // Reject impossible dates (npm rejects `Feb 30`); Feb 29 is allowed.
      static constexpr int kDaysInMonth[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      if ((d1 && *d1 > kDaysInMonth[m1]) || (d1 && d2 > kDaysInMonth[m2])) {
        fail(start, "no such day in that month");
        return;
      }
      r.from = (m1 + 1) * 32 + (d1 ? *d1 : 1);
      r.to = (m2 + 1) * 32 + d2;
      rule.monthdays.push_back(r);
      if (s.substr(pos, 1) == "," && index_of(kMonths, pos + 1) >= 0) { ++pos; continue; }
      return;
    }
  }

  void parse_weeks(detail::Rule& rule) {
    if (!accept_keyword("week")) return;
    while (true) {
      skip_spaces();
      const std::size_t start = pos;
      std::size_t n = digits_at(pos);
      if (n == 0 || n > 2) { fail(pos, "expected a week number"); return; }
      detail::Range r;
      r.from = r.to = read_number(n);
      if (s.substr(pos, 1) == "-") {
        ++pos;
        n = digits_at(pos);
        if (n == 0 || n > 2) { fail(pos, "expected a week number after '-'"); return; }
        r.to = read_number(n);
        if (s.substr(pos, 1) == "/") {
          ++pos;
          n = digits_at(pos);
          if (n == 0) { fail(pos, "expected a step after '/'"); return; }
          r.step = read_number(n);
          if (r.step == 0) { fail(pos - n, "week step must be positive"); return; }
        }
      }
      if (r.from < 1 || r.to > 53 || r.from > r.to) { fail(start, "week numbers must be 1-53, ascending"); return; }
      rule.weeks.push_back(r);
      if (s.substr(pos, 1) == "," && is_digit_at(pos + 1)) { ++pos; continue; }
      return;
    }
  }

  void parse_weekdays(detail::Rule& rule) {
    while (true) {
      skip_spaces();
      const std::size_t start = pos;
      if (keyword_at(pos, "ph")) {
        pos += 2;
        rule.holidays = rule.has_day_selector = true;
      } else if (keyword_at(pos, "sh")) {
        fail(start, "unsupported: school holidays (SH), no school-holiday calendar available");
        return;
      } else {
        int d1 = index_of(kWeekdays, pos);
        if (d1 < 0) {
          if (rule.has_day_selector) fail(start, "expected a weekday after ','");
          return;
        }
        pos += 2;
        int d2 = d1;
        if (s.substr(pos, 1) == "-") {
          d2 = index_of(kWeekdays, pos + 1);
          if (d2 < 0) { fail(pos + 1, "expected a weekday after '-'"); return; }
          pos += 3;
        }
        for (int d = d1;; d = (d + 1) % 7) {
          rule.weekdays |= static_cast<std::uint8_t>(1u << d);
          if (d == d2) break;
        }
        rule.has_day_selector = true;
      }
      if (s.substr(pos, 1) == "[") { fail(pos, "unsupported: nth weekday of the month ([n])"); return; }
      if (s.substr(pos, 1) == ",") {
        if (index_of(kWeekdays, pos + 1) >= 0 || keyword_at(pos + 1, "ph") || keyword_at(pos + 1, "sh")) {
          ++pos;
          continue;
        }
        // npm rejects `Mo,Tu, 09:00-12:00`: a comma right after weekdays must list another one.
        fail(pos + 1, "expected a weekday after ','");
        return;
      }
      skip_spaces();
      if (s.substr(pos, 1) == "+" || (s.substr(pos, 1) == "-" && rule.holidays && is_digit_at(pos + 1))) {
        fail(pos, "unsupported: holiday offsets");
      }
      return;
    }
  }

  // Reads H, HH, H:MM or HH:MM; returns minutes. `hour_only` set when no minutes.
  std::optional<int> read_time(int max_hour, bool& hour_only) {
    const std::size_t start = pos;
    const std::size_t n = digits_at(pos);
    if (n == 0 || n > 2) { fail(pos, "expected a time (HH:MM)"); return std::nullopt; }
    const int h = read_number(n);
    int m = 0;
    hour_only = true;
    if (s.substr(pos, 1) == ":") {
      ++pos;
      if (digits_at(pos) != 2) { fail(pos, "expected two-digit minutes"); return std::nullopt; }
      m = read_number(2);
      hour_only = false;
      if (m > 59) { fail(pos - 2, "minutes out of range"); return std::nullopt; }
    }
    if (h > max_hour || h * 60 + m > max_hour * 60) { fail(start, "hour out of range"); return std::nullopt; }
    return h * 60 + m;
  }

  void parse_times(detail::Rule& rule) {
    skip_spaces();
    if (!is_digit_at(pos)) {
      static constexpr std::array<std::string_view, 4> kVariable{"sunrise", "sunset", "dawn", "dusk"};
      for (auto v : kVariable)
        if (keyword_at(pos, v) || s.substr(pos, 1) == "(") { fail(pos, "unsupported: variable times"); return; }
      return;
    }
    while (true) {
      skip_spaces();
      const std::size_t start = pos;
      bool hour_only_start = false, hour_only_end = false;
      auto from = read_time(24, hour_only_start);
      if (!from) return;
      if (*from >= 1440) { fail(start, "a time range must start before 24:00"); return; }
      skip_spaces();
      if (s.substr(pos, 1) == "+") { fail(pos, "unsupported: open end (+)"); return; }
      if (s.substr(pos, 1) != "-") { fail(pos, "expected '-' in time range (points in time are not opening hours)"); return; }
      ++pos;
      skip_spaces();
      const std::size_t end_start = pos;
      auto to = read_time(48, hour_only_end);
      if (!to) return;
      if (hour_only_start != hour_only_end) {
        // The npm library rejects `9-12:00` and `09:00-12`; so do we.
        fail(end_start + digits_at(end_start), "both ends of a time range need the same form (HH or HH:MM)");
        return;
      }
      if (hour_only_start || hour_only_end)
        warn(start, "time range without minutes, read as HH:00");
      int end = *to;
      if (end <= *from) end += 1440;  // past midnight (also HH:MM-HH:MM = 24 h)
      detail::Range r{*from, end, 1};
      for (const auto& other : rule.times) {
        if (other.from == r.from && other.to == r.to) warn(start, "repeated time range");
        else if (other.from < r.to && r.from < other.to) warn(start, "overlapping time ranges, read as their union");
      }
      rule.times.push_back(r);
      skip_spaces();
      if (s.substr(pos, 1) == "-") { fail(pos, "unexpected '-' after a complete time range"); return; }
      if (s.substr(pos, 1) == ":" ) { fail(pos, "unexpected ':' after a complete time range"); return; }
      if (s.substr(pos, 1) == "," && (skip_after_comma_is_digit())) { ++pos; continue; }
      return;
    }
  }
  // Precomputes per-rule minute masks and, when no rule depends on the
  // calendar date, the seven weekday schedules.
  void finish() {
    OpeningHours& oh = out;
    for (auto& rule : oh.rules_) {
      if (rule.times.empty()) rule.own.set();
      for (const auto& t : rule.times) {
        for (int m = t.from; m < std::min(t.to, 1440); ++m) rule.own.set(static_cast<std::size_t>(m));
        for (int m = 1440; m < t.to; ++m) rule.spill.set(static_cast<std::size_t>(m - 1440));
      }
      if (!rule.years.empty() || !rule.monthdays.empty() || !rule.weeks.empty() || rule.holidays)
        oh.weekly_ = false;
      oh.uses_holidays_ |= rule.holidays;
      oh.uses_weeks_ |= !rule.weeks.empty();
    }
    if (oh.weekly_) {
      // 1970-01-05 was a Monday: day numbers 4..10 cover one week.
      for (long long day = 4; day < 11; ++day) oh.by_weekday_.push_back(oh.compute_day(day));
    }
  }
  bool skip_after_comma_is_digit() const {
    std::size_t p = pos + 1;
    while (p < s.size() && s[p] == ' ') ++p;
    return is_digit_at(p);
  }

  void parse_modifier(detail::Rule& rule) {
    skip_spaces();
    bool explicit_state = true;
    if (accept_keyword("off") || accept_keyword("closed")) rule.closed = true;
    else if (accept_keyword("open")) rule.closed = false;
    else if (accept_keyword("unknown")) rule.unknown = true;
    else explicit_state = false;
    skip_spaces();
    if (s.substr(pos, 1) == "\"") {
      const std::size_t close = s.find('"', pos + 1);
      if (close == std::string_view::npos) { fail(pos, "unterminated comment"); return; }
      pos = close + 1;
      if (!explicit_state) rule.unknown = true;  // npm: a bare comment means unknown
    }
  }
};

Result parse(std::string_view text) {
  Parser parser{text, 0, {}, {}};
  parser.parse_all();
  if (parser.error) return *parser.error;
  parser.finish();
  return std::move(parser.out);
}

namespace {

struct DayInfo {
  int year, ordinal, week, weekday;
  bool holiday;
};

// Calendar facts of a day; the ISO week and holiday flag only when some rule needs them.
DayInfo day_info(long long d, bool need_week, bool need_holiday) {
  const date::sys_days sd{date::days{d}};
  const date::year_month_day ymd{sd};
  return DayInfo{static_cast<int>(ymd.year()),
                 static_cast<int>(static_cast<unsigned>(ymd.month())) * 32 +
                     static_cast<int>(static_cast<unsigned>(ymd.day())),
                 need_week ? iso_week(sd) : 0,
                 static_cast<int>(date::weekday{sd}.iso_encoding()) - 1,
                 need_holiday && is_french_public_holiday(ymd)};
}

bool rule_matches(const detail::Rule& r, const DayInfo& d) {
  if (!r.years.empty() && !in_ranges(r.years, d.year)) return false;
  if (!r.monthdays.empty() && !in_ranges(r.monthdays, d.ordinal)) return false;
  if (!r.weeks.empty() && !in_ranges(r.weeks, d.week)) return false;
  if (r.has_day_selector && !((r.weekdays >> d.weekday) & 1u) && !(r.holidays && d.holiday)) return false;
  return true;
}

}  // namespace

// Same rules as compute_day() below, for one minute only: avoids building
// 1440-bit schedules on the hot path of date-dependent strings.
bool OpeningHours::open_at_minute(long long day, int minute) const {
  const DayInfo today = day_info(day, uses_weeks_, uses_holidays_);
  std::optional<DayInfo> yesterday;
  const auto m = static_cast<std::size_t>(minute);
  bool total = false, state = false;
  for (const auto& r : rules_) {
    if (r.separator == detail::Separator::Fallback) { total |= state; state = false; }
    const bool today_match = rule_matches(r, today);
    bool spill = false;
    if (r.spill.test(m)) {
      if (!yesterday) yesterday = day_info(day - 1, uses_weeks_, uses_holidays_);
      spill = rule_matches(r, *yesterday);
    }
    const bool here = (today_match && r.own.test(m)) || spill;
    if (r.unknown) {
      if (here || (today_match && r.separator != detail::Separator::Additional)) state = false;
    } else if (r.closed) {
      if (here) state = false;
    } else if (today_match && r.separator != detail::Separator::Additional) {
      state = here;
    } else {
      state |= here;
    }
  }
  return total || state;
}

DaySchedule OpeningHours::compute_day(long long day) const {
  auto info = [this](long long d) { return day_info(d, uses_weeks_, uses_holidays_); };
  auto matches = rule_matches;
  const DayInfo today = info(day), yesterday = info(day - 1);

  auto evaluate = [&](std::size_t first, std::size_t last) {
    DaySchedule result;
    for (std::size_t i = first; i < last; ++i) {
      const detail::Rule& r = rules_[i];
      const bool today_match = matches(r, today);
      const bool spill_match = r.spill.any() && matches(r, yesterday);
      DaySchedule own = today_match ? r.own : DaySchedule{};
      DaySchedule spill = spill_match ? r.spill : DaySchedule{};
      if (r.unknown) {
        // Unknown replaces the day like a normal rule but opens nothing.
        if (today_match && r.separator != detail::Separator::Additional) result.reset();
        result &= ~(own | spill);
      } else if (r.closed) {
        result &= ~(own | spill);
      } else {
        // A normal rule replaces what earlier rules said about its days; its
        // spill-over past midnight only adds (as the npm library does).
        if (today_match && r.separator != detail::Separator::Additional) result.reset();
        result |= own | spill;
      }
    }
    return result;
  };
  // `||` fallback groups: read as a union with the preceding groups (matches
  // the npm library on the cases we checked; see docs).
  DaySchedule total;
  std::size_t group_start = 0;
  for (std::size_t i = 0; i <= rules_.size(); ++i) {
    if (i == rules_.size() || (i > group_start && rules_[i].separator == detail::Separator::Fallback)) {
      total |= evaluate(group_start, i);
      group_start = i;
    }
  }
  return total;
}

const DaySchedule& OpeningHours::schedule_for(long long day, DaySchedule& scratch) const {
  if (weekly_) return by_weekday_[static_cast<std::size_t>(((day - 4) % 7 + 7) % 7)];
  scratch = compute_day(day);
  return scratch;
}

DaySchedule OpeningHours::day_schedule(date::sys_days day) const {
  DaySchedule scratch;
  return schedule_for(day.time_since_epoch().count(), scratch);
}

bool OpeningHours::is_open(sys_seconds t) const {
  const long long local = paris_local_seconds(t);
  const long long day = floor_div(local, 86400);
  const int minute = static_cast<int>((local - day * 86400) / 60);
  if (weekly_) return by_weekday_[static_cast<std::size_t>(((day - 4) % 7 + 7) % 7)].test(static_cast<std::size_t>(minute));
  return open_at_minute(day, minute);
}

// State changes only where a day's bitmap flips (local minute boundaries,
// mapped to UTC with either Paris offset) or at a DST switch. Returns those
// candidate instants (UTC seconds) for one local day, sorted.
std::vector<long long> OpeningHours::change_candidates(long long day) const {
  DaySchedule scratch;
  const DaySchedule& today = schedule_for(day, scratch);
  std::vector<long long> candidates;
  // Minutes whose state differs from the minute before, found a machine word
  // at a time (libstdc++'s _Find_next) rather than bit by bit: the results
  // page asks this of every place it lists.
  DaySchedule changes = today ^ (today << 1);
  changes.set(0);  // always consider local midnight
  for (std::size_t m = changes._Find_first(); m < changes.size(); m = changes._Find_next(m)) {
    const long long local = day * 86400 + static_cast<long long>(m) * 60;
    candidates.push_back(local - 3600);
    candidates.push_back(local - 7200);
  }
  const sys_seconds day_start{std::chrono::seconds{day * 86400 - 7200}};
  for (auto change : paris_offset_changes(day_start, day_start + std::chrono::hours{26}))
    candidates.push_back(change.time_since_epoch().count());
  std::sort(candidates.begin(), candidates.end());
  return candidates;
}

std::optional<sys_seconds> OpeningHours::next_change_before(sys_seconds t, sys_seconds limit) const {
  const bool state = is_open(t);
  for (long long day = floor_div(paris_local_seconds(t), 86400);; ++day) {
    if (sys_seconds{std::chrono::seconds{(day - 1) * 86400 - 7200}} > limit) return std::nullopt;
    for (long long c : change_candidates(day)) {
      const sys_seconds at{std::chrono::seconds{c}};
      if (at <= t) continue;
      if (at > limit) return std::nullopt;
      if (is_open(at) != state) return at;
    }
  }
}

std::optional<sys_seconds> OpeningHours::previous_change(sys_seconds t) const {
  const bool state = is_open(t);
  const sys_seconds limit = t - std::chrono::days{366};
  for (long long day = floor_div(paris_local_seconds(t), 86400);; --day) {
    if (sys_seconds{std::chrono::seconds{(day + 1) * 86400}} < limit) return std::nullopt;
    const auto candidates = change_candidates(day);
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
      const sys_seconds at{std::chrono::seconds{*it}};
      if (at > t) continue;
      if (at < limit) return std::nullopt;
      if (is_open(at - std::chrono::seconds{1}) != state) return at;
    }
  }
}

std::optional<sys_seconds> OpeningHours::next_change(sys_seconds t) const {
  return next_change_before(t, t + std::chrono::days{366});
}

std::vector<Interval> OpeningHours::open_intervals(sys_seconds from, sys_seconds to) const {
  std::vector<Interval> out;
  sys_seconds cursor = from;
  bool open = is_open(cursor);
  while (cursor < to) {
    const auto change = next_change_before(cursor, to);
    const sys_seconds end = change ? std::min(*change, to) : to;
    if (open) out.push_back({cursor, end});
    cursor = end;
    open = !open;
  }
  return out;
}

}  // namespace relais::hours
