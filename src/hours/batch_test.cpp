#include "hours/batch.h"

#include <gtest/gtest.h>

namespace relais::hours {
namespace {

TEST(BatchEvaluator, OpenClosedError) {
  BatchEvaluator batch;
  EXPECT_EQ(batch.evaluate_line("Mo-Fr 09:00-12:00\t2026-11-23T10:00"),
            "Mo-Fr 09:00-12:00\t2026-11-23T10:00\topen");
  EXPECT_EQ(batch.evaluate_line("Mo-Fr 09:00-12:00\t2026-11-23T13:00\r"),
            "Mo-Fr 09:00-12:00\t2026-11-23T13:00\tclosed");
  EXPECT_EQ(batch.evaluate_line("Sa 17:00\t2026-11-28T17:00"), "Sa 17:00\t2026-11-28T17:00\terror");
  EXPECT_EQ(batch.evaluate_line("Mo 10:00-12:00\tnot-a-time"), "Mo 10:00-12:00\tnot-a-time\terror");
  EXPECT_EQ(batch.evaluate_line("no tab here"), "no tab here\t\terror");
  // The cached expression must not leak into a different one.
  EXPECT_EQ(batch.evaluate_line("Sa 10:00-11:00\t2026-11-23T10:30"), "Sa 10:00-11:00\t2026-11-23T10:30\tclosed");
}

}  // namespace
}  // namespace relais::hours
