#include "server/catalog_holder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "store/store.h"
#include "store/test_database.h"

namespace relais::server {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

Place place(std::string id) {
  Place p = store::testing::sample_place(std::move(id));
  p.code_insee = "69381";
  return p;
}

void import(const std::string& url, std::vector<Place> places, const std::string& sha) {
  store::open_store({url})->import_places("hub", "a.json", sha, places, "{}");
}

class CatalogHolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("relais_holder_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    url_ = store::testing::test_database_url((dir_ / "relais.db").string());
    store::open_store({url_});  // creates the schema
  }
  void TearDown() override { fs::remove_all(dir_); }
  bool on_postgresql() const { return store::is_postgresql_url(url_); }

  std::unique_ptr<CatalogHolder> holder(const std::string& read_url, const std::string& primary_url) {
    return std::make_unique<CatalogHolder>(
        read_url, primary_url, api::TerritoryNames{},
        [] { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); },
        [](const std::string&) {});
  }

  // Waits (bounded) until the holder serves `count` places.
  static bool serves(const CatalogHolder& h, std::size_t count, std::chrono::seconds within) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
      if (h.current()->catalog().places().size() == count) return true;
      std::this_thread::sleep_for(20ms);
    }
    return h.current()->catalog().places().size() == count;
  }

  fs::path dir_;
  std::string url_;
};

TEST_F(CatalogHolderTest, AnotherProcessesImportIsServedAfterTheNextCheck) {
  auto h = holder(url_, url_);
  EXPECT_EQ(h->current()->catalog().places().size(), 0u);
  h->start(1s);
  import(url_, {place("1"), place("2")}, "sha1");
  EXPECT_TRUE(serves(*h, 2, 60s));
  EXPECT_EQ(h->current()->version(), std::to_string(store::open_store({url_})->change_counter()));
}

TEST_F(CatalogHolderTest, OnPostgresqlANotifiedChangeIsServedWithoutWaitingForTheCheck) {
  if (!on_postgresql()) GTEST_SKIP() << "SQLite has no notifications: the check interval is the delay";
  auto h = holder(url_, url_);
  h->start(3600s);  // no check during the test: only the notification can bring the change
  import(url_, {place("1")}, "sha1");
  EXPECT_TRUE(serves(*h, 1, 60s));
  // The reload is counted once the diagnosis data that follows the catalogue
  // is loaded too, a moment after the new catalogue is served.
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (h->reload_count() == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(h->reload_count(), 1u);
}

TEST_F(CatalogHolderTest, OnPostgresqlAReplicaBehindTheNotificationIsReadAgainUntilItCatchesUp) {
  if (!on_postgresql()) GTEST_SKIP() << "PostgreSQL only";
  // The "replica" is a second instance the test writes to itself, later than
  // the "primary" notifies: the holder must keep looking at it, not wait for
  // the hour-long check.
  const std::string replica = store::testing::test_database_url((dir_ / "replica.db").string());
  store::open_store({replica});
  auto h = holder(replica, url_);
  h->start(3600s);
  import(url_, {place("1")}, "sha1");  // notified: counter 1; the replica is still at 0
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(h->current()->catalog().places().size(), 0u);
  import(replica, {place("1")}, "sha1");  // "replayed"
  EXPECT_TRUE(serves(*h, 1, 60s));
}

TEST_F(CatalogHolderTest, StopDoesNotWaitForTheNextCheck) {
  auto h = holder(url_, url_);
  h->start(3600s);
  std::this_thread::sleep_for(50ms);
  const auto started = std::chrono::steady_clock::now();
  h->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 60s);
}

}  // namespace
}  // namespace relais::server
