// Opening hours as people read them: a weekly table ("Lundi 30 novembre :
// 9 h – 12 h, 14 h – 17 h") and the current state ("Ouvert maintenant · ferme
// à 17 h", "Fermé · ouvre mardi à 14 h"), from the OSM `horaires` string
// evaluated by the hours module in Europe/Paris time. Pure and thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hours/opening_hours.h"

namespace relais::pages {

// One row of the weekly table.
struct DayHours {
  std::string weekday;   // "Lundi"
  std::string date;      // "30 novembre"
  std::string hours;     // "9 h – 12 h, 14 h – 17 h", or "Fermé"
  bool open = false;     // open at some minute of the day
  bool today = false;
};

enum class OpenStatus {
  Unknown,  // no hours given, or hours that could not be read
  Open,
  Closed,
};

struct OpenState {
  OpenStatus status = OpenStatus::Unknown;
  // "Ouvert maintenant", "Fermé", "Horaires non renseignés"
  std::string headline;
  // "ferme à 17 h", "ouvre mardi à 14 h", "ouvre le lundi 5 janvier à 9 h";
  // empty when the state does not change within a year.
  std::string detail;
  // headline and detail joined by " · ".
  std::string text() const;
};

// Compiled hours of one place; empty when `horaires` is absent or unreadable.
std::optional<hours::OpeningHours> compile_hours(const std::optional<std::string>& horaires);

// The 7 Paris days starting with the day of `now`, in that order (today
// first), each with its date so that holidays are visible.
std::vector<DayHours> weekly_table(const hours::OpeningHours& hours, std::chrono::sys_seconds now);

// "9 h – 12 h, 14 h – 17 h" for one day schedule; "Fermé" when no minute is
// open; "Ouvert toute la journée" when every minute is.
std::string describe_day(const hours::DaySchedule& day);

OpenState open_state(const hours::OpeningHours* hours, std::chrono::sys_seconds now);

}  // namespace relais::pages
