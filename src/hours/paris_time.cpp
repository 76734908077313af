#include "hours/paris_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace relais::hours {
namespace {

struct OffsetTable {
  std::vector<sys_seconds> starts;  // instant each offset starts
  std::vector<int> offsets;         // seconds east of UTC
};

// Built once from tzdata; covers 1900-2200, beyond which the last rule's
// offset is reused (good enough for opening hours).
const OffsetTable& offset_table() {
  static const OffsetTable table = [] {
    OffsetTable out;
    const date::time_zone* zone = date::locate_zone("Europe/Paris");
    auto t = date::sys_seconds{date::sys_days{date::year{1900} / 1 / 1}};
    const auto end = date::sys_seconds{date::sys_days{date::year{2200} / 1 / 1}};
    while (t < end) {
      const date::sys_info info = zone->get_info(t);
      out.starts.push_back(sys_seconds{std::chrono::seconds{
          std::max(info.begin, t).time_since_epoch().count()}});
      out.offsets.push_back(static_cast<int>(info.offset.count()));
      if (info.end <= t) break;
      t = info.end;
    }
    return out;
  }();
  return table;
}

}  // namespace

int paris_offset_seconds(sys_seconds t) {
  const OffsetTable& table = offset_table();
  auto it = std::upper_bound(table.starts.begin(), table.starts.end(), t);
  if (it == table.starts.begin()) return table.offsets.front();
  return table.offsets[static_cast<std::size_t>(it - table.starts.begin()) - 1];
}

long long paris_local_seconds(sys_seconds t) {
  return t.time_since_epoch().count() + paris_offset_seconds(t);
}

std::vector<sys_seconds> paris_offset_changes(sys_seconds from, sys_seconds to) {
  const OffsetTable& table = offset_table();
  std::vector<sys_seconds> out;
  auto it = std::lower_bound(table.starts.begin(), table.starts.end(), from);
  for (; it != table.starts.end() && *it < to; ++it) out.push_back(*it);
  return out;
}

sys_seconds paris_to_sys(long long local_seconds) {
  // Paris offsets are whole hours between 0 and +2 h; try the larger first so
  // that in an overlap the earlier instant wins.
  for (int offset : {7200, 3600, 0}) {
    sys_seconds candidate{std::chrono::seconds{local_seconds - offset}};
    if (paris_local_seconds(candidate) == local_seconds) return candidate;
  }
  // Gap: the wall-clock time does not exist; return the end of the gap.
  sys_seconds before{std::chrono::seconds{local_seconds - 7200}};
  auto changes = paris_offset_changes(before, sys_seconds{std::chrono::seconds{local_seconds}});
  return changes.empty() ? before : changes.front();
}

std::optional<sys_seconds> parse_paris_local(std::string_view text) {
  // Fixed-width format; a hand-written check is simpler than a regex here.
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int value = 0;
    const char* first = text.data() + pos;
    for (std::size_t i = 0; i < len; ++i)
      if (first[i] < '0' || first[i] > '9') return std::nullopt;
    std::from_chars(first, first + len, value);
    return value;
  };
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':')
    return std::nullopt;
  if (text.size() == 19 && text[16] != ':') return std::nullopt;
  auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2);
  std::optional<int> s = text.size() == 19 ? number(17, 2) : std::optional<int>{0};
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*mo)},
                           date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  long long days = date::sys_days{ymd}.time_since_epoch().count();
  return paris_to_sys(days * 86400 + *h * 3600 + *mi * 60 + *s);
}

std::string format_paris_local(sys_seconds t) {
  const int offset = paris_offset_seconds(t);
  const long long local = t.time_since_epoch().count() + offset;
  long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  long long secs = local - days * 86400;
  date::year_month_day ymd{date::sys_days{date::days{days}}};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), secs / 3600, secs / 60 % 60,
                offset < 0 ? '-' : '+', std::abs(offset) / 3600, std::abs(offset) / 60 % 60);
  return buffer;
}

}  // namespace relais::hours
