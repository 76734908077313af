#include "store/change_listener.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Place place(std::string id) { return testing::sample_place(std::move(id)); }

class ChangeListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("relais_listener_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    url_ = testing::test_database_url((dir_ / "relais.db").string());
    open_store({url_});  // creates the schema
  }
  void TearDown() override { fs::remove_all(dir_); }
  bool on_postgresql() const { return is_postgresql_url(url_); }

  fs::path dir_;
  std::string url_;
};

TEST_F(ChangeListenerTest, AnotherConnectionsImportIsNotifiedWithItsCounter) {
  if (!on_postgresql()) GTEST_SKIP() << "SQLite has no notifications (the change counter is polled)";
  auto listener = open_change_listener(url_);
  EXPECT_TRUE(listener->notifies());
  auto writer = open_store({url_});
  std::vector<Place> places{place("1")};
  writer->import_places("hub", "a.json", "sha", places, "{}");
  // Bounded so that a lost notification fails the test instead of hanging it.
  auto counter = listener->wait(30s);
  ASSERT_TRUE(counter.has_value());
  EXPECT_EQ(*counter, writer->change_counter());
}

TEST_F(ChangeListenerTest, NotificationsQueueWhileNobodyWaitsAndTheHighestIsReported) {
  if (!on_postgresql()) GTEST_SKIP() << "SQLite has no notifications";
  auto listener = open_change_listener(url_);
  auto writer = open_store({url_});
  std::vector<Place> first{place("1")}, second{place("1"), place("2")};
  writer->import_places("hub", "a.json", "sha1", first, "{}");
  writer->import_places("hub", "a.json", "sha2", second, "{}");
  const auto expected = writer->change_counter();
  // The two NOTIFYs may arrive in one read or two: wait until the last one.
  std::optional<std::int64_t> counter;
  for (int i = 0; i < 2 && counter != expected; ++i) counter = listener->wait(30s);
  EXPECT_EQ(counter, expected);
  EXPECT_EQ(listener->wait(200ms), std::nullopt);  // nothing more
}

TEST_F(ChangeListenerTest, WritesThatLeaveThePlacesAloneDoNotNotify) {
  if (!on_postgresql()) GTEST_SKIP() << "SQLite has no notifications";
  auto listener = open_change_listener(url_);
  auto writer = open_store({url_});
  PlaceReport report;
  report.place_ref = "hub:1";
  report.categories = {"horaires"};
  report.message = "Fermé le lundi";
  writer->add_place_report(report);
  EXPECT_EQ(listener->wait(300ms), std::nullopt);
}

TEST_F(ChangeListenerTest, AnotherInstanceOnTheSameServerIsIgnored) {
  if (!on_postgresql()) GTEST_SKIP() << "SQLite has no notifications";
  auto listener = open_change_listener(url_);
  const std::string other = testing::test_database_url((dir_ / "other.db").string());
  auto writer = open_store({other});
  std::vector<Place> places{place("1")};
  writer->import_places("hub", "a.json", "sha", places, "{}");
  EXPECT_EQ(listener->wait(500ms), std::nullopt);
}

TEST_F(ChangeListenerTest, ALostConnectionIsMadeAgainAndSaysChangesMayHaveBeenMissed) {
  if (!on_postgresql()) GTEST_SKIP() << "PostgreSQL only";
  // Named, so that only this listener's session is ended (tests run in parallel).
  const std::string name = "relais_listener_test_" + std::to_string(::getpid());
  auto listener = open_change_listener(url_ + "&application_name=" + name);
  testing::raw_connection(url_)->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE application_name = '" + name + "'");
  // The waits that meet the closed connection return without a counter; within
  // a few seconds one reconnects and returns 0 ("check the counter").
  std::optional<std::int64_t> result;
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (result != 0 && std::chrono::steady_clock::now() < until) result = listener->wait(2s);
  ASSERT_EQ(result, 0);
  // And it listens again.
  auto writer = open_store({url_});
  std::vector<Place> places{place("1")};
  writer->import_places("hub", "a.json", "sha", places, "{}");
  EXPECT_EQ(listener->wait(30s), writer->change_counter());
}

TEST_F(ChangeListenerTest, InterruptEndsAWaitAtOnce) {
  auto listener = open_change_listener(url_);
  std::thread stopper([&] {
    std::this_thread::sleep_for(100ms);
    listener->interrupt();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(listener->wait(120s), std::nullopt);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 60s);  // not the whole wait
}

TEST_F(ChangeListenerTest, AnInterruptBeforeTheWaitIsNotLost) {
  auto listener = open_change_listener(url_);
  listener->interrupt();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(listener->wait(120s), std::nullopt);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 60s);
}

TEST_F(ChangeListenerTest, OnSqliteItOnlySleeps) {
  if (on_postgresql()) GTEST_SKIP() << "SQLite only";
  auto listener = open_change_listener(url_);
  EXPECT_FALSE(listener->notifies());
  auto writer = open_store({url_});
  std::vector<Place> places{place("1")};
  writer->import_places("hub", "a.json", "sha", places, "{}");
  EXPECT_EQ(listener->wait(50ms), std::nullopt);
}

TEST(ChangeListener, AnUnreachablePostgresqlIsAStoreError) {
  EXPECT_THROW(open_change_listener("postgresql://relais@127.0.0.1:1/relais?connect_timeout=2"), StoreError);
}

}  // namespace
}  // namespace relais::store
