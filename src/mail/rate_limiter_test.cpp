#include "mail/rate_limiter.h"

#include <gtest/gtest.h>

#include "store/store.h"
#include "store/test_database.h"

namespace relais::mail {
namespace {

using namespace std::chrono_literals;

const auto t0 = std::chrono::system_clock::time_point{} + 1'800'000'000s;

TEST(RateLimiter, SlidingMinutePerClient) {
  auto store = store::open_store({store::testing::test_database_url(":memory:")});
  RateLimiter limiter(3, 100, "secret");
  auto& a = store->accounts();
  EXPECT_TRUE(limiter.allow(a, "10.0.0.1", t0));
  EXPECT_TRUE(limiter.allow(a, "10.0.0.1", t0 + 10s));
  EXPECT_TRUE(limiter.allow(a, "10.0.0.1", t0 + 20s));
  EXPECT_FALSE(limiter.allow(a, "10.0.0.1", t0 + 30s));  // 4th in a minute
  EXPECT_TRUE(limiter.allow(a, "10.0.0.2", t0 + 30s));   // another client is not affected
  EXPECT_FALSE(limiter.allow(a, "10.0.0.1", t0 + 59s));
  EXPECT_TRUE(limiter.allow(a, "10.0.0.1", t0 + 61s));  // the first one left the window
  EXPECT_FALSE(limiter.allow(a, "10.0.0.1", t0 + 62s));
}

TEST(RateLimiter, CapsTheInstanceAgainstAFloodOfAddresses) {
  auto store = store::open_store({store::testing::test_database_url(":memory:")});
  RateLimiter limiter(5, 2, "secret");
  auto& a = store->accounts();
  EXPECT_TRUE(limiter.allow(a, "2001:db8::1", t0));
  EXPECT_TRUE(limiter.allow(a, "2001:db8::2", t0));
  EXPECT_FALSE(limiter.allow(a, "2001:db8::3", t0 + 1s));
  EXPECT_TRUE(limiter.allow(a, "2001:db8::3", t0 + 61s));
}

// Two servers (two stores on one database, as two processes would open it)
// share the count: what one allowed counts against the other.
TEST(RateLimiter, IsSharedByServersOnTheSameDatabase) {
  const store::testing::SharedTestDatabase database("mail_limit");
  auto one = store::open_store({database.url()});
  auto two = store::open_store({database.url()});
  RateLimiter server_one(2, 100, "shared secret");
  RateLimiter server_two(2, 100, "shared secret");
  EXPECT_TRUE(server_one.allow(one->accounts(), "192.0.2.7", t0));
  EXPECT_TRUE(server_two.allow(two->accounts(), "192.0.2.7", t0 + 1s));
  EXPECT_FALSE(server_one.allow(one->accounts(), "192.0.2.7", t0 + 2s));
  EXPECT_FALSE(server_two.allow(two->accounts(), "192.0.2.7", t0 + 3s));
}

TEST(RateLimiter, StoresAKeyedHashNotTheAddress) {
  const store::testing::SharedTestDatabase database("mail_key");
  auto store = store::open_store({database.url()});
  RateLimiter limiter(2, 100, "secret");
  ASSERT_TRUE(limiter.allow(store->accounts(), "192.0.2.7", t0));
  auto db = store::testing::raw_connection(database.url());
  store::sql::Statement q(*db, "SELECT key FROM rate_events");
  ASSERT_TRUE(q.step());
  const std::string key = q.text(0);
  EXPECT_EQ(key, limiter.key_of("192.0.2.7"));
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find("192.0.2.7"), std::string::npos);
  EXPECT_NE(key, RateLimiter(2, 100, "another secret").key_of("192.0.2.7"));
}

}  // namespace
}  // namespace relais::mail
