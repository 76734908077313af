// What only the PostgreSQL backend has: schema checks on a shared database,
// reconnection after the server dropped the connection. Runs on the
// PostgreSQL pass of the suite (RELAIS_TEST_DATABASE_URL, scripts/test.sh);
// skipped on the SQLite pass, whose equivalents are in sqlite_schema_test.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

class PostgresqlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::postgresql_base_url().empty()) GTEST_SKIP() << "SQLite pass: RELAIS_TEST_DATABASE_URL is not set";
    url_ = testing::test_database_url(":memory:");  // a new schema of its own
  }
  std::string url_;
};

TEST_F(PostgresqlStoreTest, ANewSchemaIsCreatedAtTheLatestVersion) {
  auto s = open_store({url_});
  EXPECT_EQ(s->schema_version(), sql::kLatestSchemaVersion);
  EXPECT_EQ(open_store({url_, SchemaPolicy::require_current})->schema_version(), sql::kLatestSchemaVersion);
}

TEST_F(PostgresqlStoreTest, AnEmptyDatabaseIsRefusedWhenMigrationIsNotAllowed) {
  try {
    open_store({url_, SchemaPolicy::require_current});
    FAIL() << "unmigrated database accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("relais migrate"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(testing::raw_connection(url_)->table_exists("places"));  // untouched
}

TEST_F(PostgresqlStoreTest, ANewerVersionIsRefused) {
  open_store({url_}).reset();
  testing::raw_connection(url_)->exec(
      "INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')");
  for (auto policy : {SchemaPolicy::migrate, SchemaPolicy::require_current}) {
    try {
      open_store({url_, policy});
      FAIL() << "newer schema accepted";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
  }
}

TEST_F(PostgresqlStoreTest, AConnectionDroppedByTheServerIsMadeAgainOnTheNextCall) {
  // Named, so that only this store's session is ended (tests run in parallel).
  const std::string name = "relais_drop_test_" + std::to_string(::getpid());
  auto s = open_store({url_ + "&application_name=" + name});
  EXPECT_EQ(s->count_places(), 0u);
  // As a server restart would.
  testing::raw_connection(url_)->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE application_name = '" + name + "'");
  // The call that meets the closed connection fails with a clear error…
  try {
    s->count_places();
  } catch (const StoreUnavailable& e) {  // a 503 for a server, not a 500
    EXPECT_FALSE(std::string(e.what()).empty());
  }
  // …and the next ones work, on a new connection, without anyone's help.
  EXPECT_EQ(s->count_places(), 0u);
  EXPECT_EQ(s->change_counter(), 0);
}

// A transaction that met the lost connection must not be committed on the
// next connection (where COMMIT would "succeed" with nothing to commit).
TEST_F(PostgresqlStoreTest, ATransactionWhoseConnectionWasLostNeverReportsSuccess) {
  const std::string name = "relais_commit_test_" + std::to_string(::getpid());
  auto db = sql::open_connection(url_ + "&application_name=" + name);
  db->exec("CREATE TABLE written (x BIGINT)");
  db->begin_write();
  db->exec("INSERT INTO written VALUES (1)");
  testing::raw_connection(url_)->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE application_name = '" + name + "'");
  EXPECT_THROW(db->exec("INSERT INTO written VALUES (2)"), StoreUnavailable);
  EXPECT_THROW(db->commit(), StoreUnavailable);
  db->rollback();
  sql::Statement count(*db, "SELECT count(*) FROM written");  // connects again
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 0);
}

TEST_F(PostgresqlStoreTest, AnUnreachableServerIsUnavailableNotABug) {
  EXPECT_THROW(open_store({"postgresql://relais@127.0.0.1:1/relais?connect_timeout=2"}), StoreUnavailable);
}

TEST_F(PostgresqlStoreTest, AppendOnlyTablesRefuseTruncate) {
  auto s = open_store({url_});
  auto raw = testing::raw_connection(url_);
  EXPECT_THROW(raw->exec("TRUNCATE journal_entries CASCADE"), StoreError);
  EXPECT_THROW(raw->exec("TRUNCATE journal_checkpoints"), StoreError);
}

}  // namespace
}  // namespace relais::store
