#pragma once
// Europe/Paris civil time helpers for the opening-hours evaluator.
//
// The UTC offset table is built once (thread-safe static init) from the system
// tzdata through Howard Hinnant's date-tz, then looked up by binary search, so
// converting an instant costs a few comparisons and never allocates.
// All functions are thread-safe.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::hours {

using std::chrono::sys_seconds;

// Offset of Europe/Paris civil time from UTC at instant `t`, in seconds
// (3600 in winter, 7200 in summer since 1976).
int paris_offset_seconds(sys_seconds t);

// Local (Paris) wall-clock seconds since 1970-01-01T00:00 local for instant `t`.
long long paris_local_seconds(sys_seconds t);

// UTC instants in [from, to) where the Paris offset changes (DST switches).
std::vector<sys_seconds> paris_offset_changes(sys_seconds from, sys_seconds to);

// Converts Paris wall-clock seconds to an instant.
// Overlap (autumn, the hour 02:00-03:00 happens twice): the earlier instant
// (still summer time) is returned. Gap (spring, 02:00-03:00 does not exist):
// the instant the gap ends (03:00 summer time) is returned, like date-tz's
// handling of non-existent local times.
sys_seconds paris_to_sys(long long local_seconds);

// Parses "YYYY-MM-DDTHH:MM" (also accepts a space instead of 'T', and ":SS")
// as Paris wall-clock time; nullopt when malformed or out of range.
std::optional<sys_seconds> parse_paris_local(std::string_view text);

// Formats `t` as Paris local ISO 8601 with offset: "2026-11-23T10:00+01:00".
std::string format_paris_local(sys_seconds t);

}  // namespace relais::hours
