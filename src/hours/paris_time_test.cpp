#include "hours/paris_time.h"

#include <gtest/gtest.h>

namespace relais::hours {
namespace {

sys_seconds utc(long long s) { return sys_seconds{std::chrono::seconds{s}}; }

TEST(ParisTime, OffsetsAroundSwitches2026) {
  // 2026-03-29T01:00Z and 2026-10-25T01:00Z.
  EXPECT_EQ(paris_offset_seconds(utc(1774746000 - 1)), 3600);
  EXPECT_EQ(paris_offset_seconds(utc(1774746000)), 7200);
  EXPECT_EQ(paris_offset_seconds(utc(1792890000 - 1)), 7200);
  EXPECT_EQ(paris_offset_seconds(utc(1792890000)), 3600);
  const auto changes = paris_offset_changes(utc(1767225600), utc(1798761600));  // 2026
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], utc(1774746000));
  EXPECT_EQ(changes[1], utc(1792890000));
}

TEST(ParisTime, ParseLocal) {
  EXPECT_EQ(parse_paris_local("2026-11-23T10:00"), utc(1795424400));  // 09:00Z
  EXPECT_EQ(parse_paris_local("2026-07-01 10:00:30"), utc(1782892830));
  // Gap: 02:30 does not exist → end of the gap (01:00Z).
  EXPECT_EQ(parse_paris_local("2026-03-29T02:30"), utc(1774746000));
  // Overlap: 02:30 happens twice → the first (00:30Z).
  EXPECT_EQ(parse_paris_local("2026-10-25T02:30"), utc(1792890000 - 1800));
  EXPECT_FALSE(parse_paris_local("2026-02-30T10:00"));
  EXPECT_FALSE(parse_paris_local("2026-11-23T24:00"));
  EXPECT_FALSE(parse_paris_local("2026-11-23"));
  EXPECT_FALSE(parse_paris_local("2026-11-23Tab:00"));
}

TEST(ParisTime, FormatLocal) {
  EXPECT_EQ(format_paris_local(utc(1795424400)), "2026-11-23T10:00+01:00");
  EXPECT_EQ(format_paris_local(utc(1782892800)), "2026-07-01T10:00+02:00");
}

}  // namespace
}  // namespace relais::hours
