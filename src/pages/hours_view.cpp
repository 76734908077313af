#include "pages/hours_view.h"

#include <cctype>

#include "pages/wording.h"

namespace relais::pages {

std::string OpenState::text() const {
  return detail.empty() ? headline : headline + " · " + detail;
}

std::optional<hours::OpeningHours> compile_hours(const std::optional<std::string>& horaires) {
  if (!horaires) return std::nullopt;
  auto parsed = hours::parse(*horaires);
  if (auto* ok = std::get_if<hours::OpeningHours>(&parsed)) return std::move(*ok);
  return std::nullopt;
}

std::string describe_day(const hours::DaySchedule& day) {
  if (day.none()) return "Fermé";
  if (day.all()) return "Ouvert toute la journée";
  std::string out;
  int minute = 0;
  while (minute < 1440) {
    if (!day.test(static_cast<std::size_t>(minute))) {
      ++minute;
      continue;
    }
    int start = minute;
    while (minute < 1440 && day.test(static_cast<std::size_t>(minute))) ++minute;
    if (!out.empty()) out += ", ";
    out += clock_time(start);
    out += " – ";
    out += clock_time(minute);
  }
  return out;
}

std::vector<DayHours> weekly_table(const hours::OpeningHours& hours, std::chrono::sys_seconds now) {
  auto today = std::chrono::sys_days{paris_local(now).day};
  std::vector<DayHours> rows(7);
  for (int offset = 0; offset < 7; ++offset) {
    auto day = today + std::chrono::days{offset};
    std::chrono::weekday weekday{day};
    // Today first: a Monday-first table of the coming 7 days mixes two weeks
    // ("Lundi 30" above "Mardi 24"), which reads wrongly.
    std::size_t row = static_cast<std::size_t>(offset);
    auto schedule = hours.day_schedule(date::sys_days{date::days{day.time_since_epoch().count()}});
    std::string name(weekday_name(weekday));
    // Upper-case the first letter (weekday names are ASCII).
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    std::chrono::year_month_day ymd{day};
    std::string date = std::to_string(static_cast<unsigned>(ymd.day()));
    if (static_cast<unsigned>(ymd.day()) == 1) date = "1er";
    date += ' ';
    date += month_name(ymd.month());
    rows[row] = DayHours{std::move(name), std::move(date), describe_day(schedule), schedule.any(), offset == 0};
  }
  return rows;
}

namespace {

// "à 17 h", "demain à 9 h", "mardi à 14 h", "le lundi 5 janvier à 9 h".
std::string when(std::chrono::sys_seconds change, std::chrono::sys_seconds now) {
  auto at = paris_local(change);
  auto today = paris_local(now).day;
  auto days = (std::chrono::sys_days{at.day} - std::chrono::sys_days{today}).count();
  std::string time = "à " + clock_time(at.minute);
  if (days == 0) return time;
  if (days == 1) return "demain " + time;
  if (days < 7) return std::string(weekday_name(std::chrono::weekday{std::chrono::sys_days{at.day}})) + " " + time;
  return "le " + day_and_month(at.day) + " " + time;
}

}  // namespace

OpenState open_state(const hours::OpeningHours* hours, std::chrono::sys_seconds now) {
  if (hours == nullptr) return {OpenStatus::Unknown, "Horaires non renseignés", ""};
  bool open = hours->is_open(now);
  OpenState state{open ? OpenStatus::Open : OpenStatus::Closed, open ? "Ouvert maintenant" : "Fermé", ""};
  if (auto change = hours->next_change(now)) {
    state.detail = (open ? "ferme " : "ouvre ") + when(*change, now);
  } else if (open) {
    state.headline = "Ouvert 24 h sur 24";
  }
  return state;
}

}  // namespace relais::pages
