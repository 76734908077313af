#include "editing/weekly_hours.h"

#include <cctype>
#include <cstdio>

#include <date/date.h>

#include "hours/opening_hours.h"

namespace relais::editing {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The part of `text` around byte `position`, to quote in a message.
std::string excerpt(std::string_view text, std::size_t position) {
  if (position >= text.size()) return "à la fin";
  std::size_t end = std::min(text.size(), position + 12);
  return "à partir de « " + std::string(text.substr(position, end - position)) + " »";
}

std::string parse_error_message(std::string_view text, const hours::ParseError& e) {
  return "Ces horaires ne sont pas lisibles " + excerpt(text, e.position) +
         " (caractère " + std::to_string(e.position + 1) +
         "). Écrivez par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off ».";
}

struct Range {
  int start = 0, end = 0;  // minutes, end exclusive
};

std::string day_text(const std::vector<Range>& ranges) {
  std::string out;
  for (const Range& r : ranges) {
    if (!out.empty()) out += ',';
    out += format_time(r.start) + "-" + format_time(r.end);
  }
  return out;
}

// Joins the open days' texts, merging consecutive identical days ("Mo-Fr").
std::string weekly_text(const std::array<std::string, 7>& texts) {
  std::string out;
  int d = 0;
  while (d < 7) {
    if (texts[d].empty()) {
      ++d;
      continue;
    }
    int last = d;
    while (last + 1 < 7 && texts[last + 1] == texts[d]) ++last;
    if (!out.empty()) out += "; ";
    out += kOsmDays[d];
    if (last > d) out += std::string("-") + std::string(kOsmDays[last]);
    out += ' ';
    out += texts[d];
    d = last + 1;
  }
  return out;
}

// The words and numbers the weekly form can express; anything else (month
// names, "week", years, comments, "unknown", fallbacks) depends on the date or
// on information the form has no place for.
bool only_weekly_vocabulary(std::string_view text) {
  if (text.find('"') != std::string_view::npos || text.find("||") != std::string_view::npos) return false;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c)) {
      std::size_t j = i;
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
      const std::string word = lower(text.substr(i, j - i));
      static constexpr std::array<std::string_view, 11> kAllowed{"mo", "tu", "we", "th", "fr", "sa",
                                                                  "su", "ph", "off", "closed", "open"};
      if (std::find(kAllowed.begin(), kAllowed.end(), word) == kAllowed.end()) return false;
      i = j;
    } else if (std::isdigit(c)) {
      std::size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      if (j - i > 2) return false;  // a year
      i = j;
    } else {
      ++i;
    }
  }
  return true;
}

// Open runs of one day's schedule.
std::vector<Range> runs(const hours::DaySchedule& day) {
  std::vector<Range> out;
  int m = 0;
  while (m < 1440) {
    if (!day.test(static_cast<std::size_t>(m))) {
      ++m;
      continue;
    }
    int end = m;
    while (end < 1440 && day.test(static_cast<std::size_t>(end))) ++end;
    out.push_back({m, end});
    m = end;
  }
  return out;
}

// A Monday with no public holiday in its week (weekly rules do not depend on
// the date; the week only has to avoid PH).
constexpr date::sys_days kReferenceMonday = date::sys_days{date::year{2026} / date::June / 8};

WeeklyHours advanced(std::string text, std::string reason) {
  WeeklyHours form;
  form.advanced = true;
  form.advanced_text = std::move(text);
  form.advanced_reason = std::move(reason);
  return form;
}

}  // namespace

std::string range_field(int day, int range, bool start) {
  return "horaires_" + std::string(kDayNames[static_cast<std::size_t>(day)]) + "_" + std::to_string(range + 1) +
         (start ? "_debut" : "_fin");
}

std::string closed_field(int day) { return "horaires_" + std::string(kDayNames[static_cast<std::size_t>(day)]) + "_ferme"; }

std::optional<int> parse_time(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  auto digits = [&](std::size_t max) {
    std::size_t start = i;
    while (i < text.size() && i - start < max && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return text.substr(start, i - start);
  };
  const std::string_view h = digits(2);
  if (h.empty()) return std::nullopt;
  int hour = std::stoi(std::string(h));
  int minute = 0;
  if (i < text.size()) {
    const char sep = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    if (sep != ':' && sep != 'h') return std::nullopt;
    ++i;
    const std::string_view m = digits(2);
    if (m.empty()) {
      if (sep == ':') return std::nullopt;  // "9:" is unfinished; "9h" is a whole hour
    } else {
      if (m.size() != 2) return std::nullopt;
      minute = std::stoi(std::string(m));
    }
    if (i != text.size()) return std::nullopt;
  }
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return std::nullopt;
  return hour * 60 + minute;
}

std::string format_time(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

HoursResult to_opening_hours(const WeeklyHours& form) {
  HoursResult result;
  if (form.advanced) {
    const std::string_view text = trim(form.advanced_text);
    if (text.empty()) return result;
    auto parsed = hours::parse(text);
    if (auto* e = std::get_if<hours::ParseError>(&parsed)) {
      result.problems.push_back({std::string(kAdvancedField), parse_error_message(text, *e)});
      return result;
    }
    result.opening_hours = std::string(text);
    return result;
  }

  std::array<std::string, 7> texts;
  int explicitly_closed = 0;
  for (int d = 0; d < 7; ++d) {
    const DayInput& day = form.days[static_cast<std::size_t>(d)];
    const std::string name(kDayNames[static_cast<std::size_t>(d)]);
    if (day.closed) {
      ++explicitly_closed;
      continue;
    }
    std::vector<Range> ranges;
    for (int r = 0; r < 2; ++r) {
      const TimeRangeInput& in = day.ranges[static_cast<std::size_t>(r)];
      const std::string_view start_text = trim(in.start), end_text = trim(in.end);
      if (start_text.empty() && end_text.empty()) continue;
      const std::string part = r == 0 ? "du matin" : "de l’après-midi";
      if (start_text.empty() || end_text.empty()) {
        result.problems.push_back({range_field(d, r, start_text.empty()),
                                   "Le " + name + ", indiquez l’heure de début et l’heure de fin de la plage " + part +
                                       ", ou laissez les deux vides."});
        continue;
      }
      const auto start = parse_time(start_text);
      const auto end = parse_time(end_text);
      bool ok = true;
      if (!start || *start >= 1440) {
        result.problems.push_back({range_field(d, r, true), "Le " + name + ", « " + std::string(start_text) +
                                                                " » n’est pas une heure de début : écrivez-la comme "
                                                                "09:00 ou 9h30 (de 00:00 à 23:59)."});
        ok = false;
      }
      if (!end || *end == 0) {
        result.problems.push_back({range_field(d, r, false), "Le " + name + ", « " + std::string(end_text) +
                                                                 " » n’est pas une heure de fin : écrivez-la comme "
                                                                 "12:00 ou 17h30 (de 00:01 à 24:00)."});
        ok = false;
      }
      if (!ok) continue;
      if (*end <= *start) {
        result.problems.push_back({range_field(d, r, false), "Le " + name + ", la plage " + part +
                                                                 " doit finir après son début (" + format_time(*start) +
                                                                 ")."});
        continue;
      }
      if (!ranges.empty() && *start < ranges.back().end) {
        result.problems.push_back({range_field(d, r, true), "Le " + name +
                                                                ", la plage de l’après-midi doit commencer après la fin "
                                                                "de celle du matin (" +
                                                                format_time(ranges.back().end) + ")."});
        continue;
      }
      ranges.push_back({*start, *end});
    }
    texts[static_cast<std::size_t>(d)] = day_text(ranges);
  }
  if (!result.problems.empty()) return result;

  std::string text = weekly_text(texts);
  std::string_view exceptions = trim(form.exceptions);
  while (!exceptions.empty() && exceptions.front() == ';') exceptions = trim(exceptions.substr(1));
  if (text.empty() && explicitly_closed == 7 && exceptions.empty()) text = "off";  // closed every day, on purpose
  if (text.empty() && exceptions.empty()) return result;  // no hours given
  const std::size_t exceptions_at = text.empty() ? 0 : text.size() + 2;
  if (!exceptions.empty()) text += (text.empty() ? "" : "; ") + std::string(exceptions);

  auto parsed = hours::parse(text);
  if (auto* e = std::get_if<hours::ParseError>(&parsed)) {
    // Only the exceptions are typed free; the weekly part is always valid.
    const std::size_t at = e->position >= exceptions_at ? e->position - exceptions_at : 0;
    result.problems.push_back({std::string(kExceptionsField),
                               "Les exceptions ne sont pas lisibles " + excerpt(exceptions, at) +
                                   ". Écrivez par exemple « PH off » (fermé les jours fériés)."});
    return result;
  }
  result.opening_hours = std::move(text);
  return result;
}

WeeklyHours from_opening_hours(const std::optional<std::string>& opening_hours) {
  if (!opening_hours || trim(*opening_hours).empty()) return {};
  const std::string text(trim(*opening_hours));
  auto parsed = hours::parse(text);
  if (auto* e = std::get_if<hours::ParseError>(&parsed)) {
    return advanced(text, parse_error_message(text, *e) + " Corrigez-les ici, ou videz ce champ et remplissez la "
                                                         "semaine.");
  }
  const std::string kNotWeekly =
      "Ces horaires changent selon la date (mois, semaines, années) ou portent un commentaire : le formulaire de la "
      "semaine ne peut pas les montrer sans rien perdre. Ils restent ici tels qu’ils sont écrits.";
  if (!only_weekly_vocabulary(text)) return advanced(text, kNotWeekly);

  // Weekly rules and exception rules (those starting with PH).
  std::string weekly, exceptions;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t semi = text.find(';', from);
    if (semi == std::string::npos) semi = text.size();
    const std::string_view rule = trim(std::string_view(text).substr(from, semi - from));
    if (!rule.empty()) {
      std::string& into = lower(rule.substr(0, 2)) == "ph" ? exceptions : weekly;
      into += (into.empty() ? "" : "; ") + std::string(rule);
    }
    from = semi + 1;
  }

  WeeklyHours form;
  form.exceptions = exceptions;
  if (!weekly.empty()) {
    auto weekly_parsed = hours::parse(weekly);
    if (std::holds_alternative<hours::ParseError>(weekly_parsed)) return advanced(text, kNotWeekly);
    const auto& week = std::get<hours::OpeningHours>(weekly_parsed);
    for (int d = 0; d < 7; ++d) {
      const auto ranges = runs(week.day_schedule(kReferenceMonday + date::days{d}));
      if (ranges.size() > 2) {
        return advanced(text, "Le " + std::string(kDayNames[static_cast<std::size_t>(d)]) +
                                  " a plus de deux plages horaires : le formulaire de la semaine n’en montre que "
                                  "deux. Les horaires restent ici tels qu’ils sont écrits.");
      }
      auto& day = form.days[static_cast<std::size_t>(d)];
      if (ranges.empty()) day.closed = true;
      for (std::size_t r = 0; r < ranges.size(); ++r) {
        day.ranges[r] = {format_time(ranges[r].start), format_time(ranges[r].end)};
      }
    }
  } else {
    for (auto& day : form.days) day.closed = true;
  }

  // The form must say exactly what the string says, every day of three whole
  // years (public holidays included).
  const HoursResult again = to_opening_hours(form);
  if (!again.problems.empty() || !again.opening_hours) return advanced(text, kNotWeekly);
  auto regenerated = hours::parse(*again.opening_hours);
  if (std::holds_alternative<hours::ParseError>(regenerated)) return advanced(text, kNotWeekly);
  const auto& original = std::get<hours::OpeningHours>(parsed);
  const auto& rewritten = std::get<hours::OpeningHours>(regenerated);
  const date::sys_days first{date::year{2025} / date::January / 1};
  const date::sys_days last{date::year{2027} / date::December / 31};
  for (date::sys_days day = first; day <= last; day += date::days{1}) {
    if (original.day_schedule(day) != rewritten.day_schedule(day)) {
      return advanced(text,
                      "Ces horaires prévoient des cas que le formulaire de la semaine ne sait pas dire (par exemple "
                      "des jours fériés ouverts à d’autres heures) : ils restent ici tels qu’ils sont écrits.");
    }
  }
  return form;
}

}  // namespace relais::editing
