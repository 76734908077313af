#include "mail/rate_limiter.h"

#include <gtest/gtest.h>

namespace relais::mail {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, SlidingWindowPerClient) {
  RateLimiter limiter(3, 60s);
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  EXPECT_TRUE(limiter.allow("10.0.0.1", t0));
  EXPECT_TRUE(limiter.allow("10.0.0.1", t0 + 10s));
  EXPECT_TRUE(limiter.allow("10.0.0.1", t0 + 20s));
  EXPECT_FALSE(limiter.allow("10.0.0.1", t0 + 30s));  // 4th in a minute
  EXPECT_TRUE(limiter.allow("10.0.0.2", t0 + 30s));   // another client is not affected
  EXPECT_FALSE(limiter.allow("10.0.0.1", t0 + 59s));
  EXPECT_TRUE(limiter.allow("10.0.0.1", t0 + 61s));   // the first event left the window
  EXPECT_FALSE(limiter.allow("10.0.0.1", t0 + 62s));
}

TEST(RateLimiter, ForgetsQuietClientsAndBoundsMemory) {
  RateLimiter limiter(1, 60s, 2);
  auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0));
  EXPECT_FALSE(limiter.allow("c", t0 + 1s));  // table full of active clients
  EXPECT_EQ(limiter.tracked(), 2u);
  EXPECT_TRUE(limiter.allow("c", t0 + 61s));  // a and b expired and were purged
  EXPECT_EQ(limiter.tracked(), 1u);
}

}  // namespace
}  // namespace relais::mail
