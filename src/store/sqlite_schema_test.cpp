#include "store/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "store/store.h"

namespace relais::store {
namespace {

namespace fs = std::filesystem;

fs::path temp_db(const char* name) {
  fs::path p = fs::temp_directory_path() / (std::string("relais_schema_") + name + "_" +
                                            std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

TEST(SqliteSchema, NewDatabaseIsAtLatestVersion) {
  auto p = temp_db("new");
  auto s = open_store({p.string()});
  EXPECT_EQ(s->schema_version(), sql::kLatestSchemaVersion);
  s.reset();
  // Reopening applies nothing twice.
  EXPECT_EQ(open_store({p.string()})->schema_version(), sql::kLatestSchemaVersion);
  SQLite::Database raw(p.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, "SELECT COUNT(*) FROM schema_version");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), sql::kLatestSchemaVersion);
  fs::remove(p);
}

TEST(SqliteSchema, OldVersionIsMigratedKeepingData) {
  auto p = temp_db("old");
  {
    // A database as version 1 left it, with one import of one place.
    auto raw = sql::open_sqlite(p.string());
    sql::migrate(*raw, 1);
    EXPECT_EQ(sql::current_schema_version(*raw), 1);
    EXPECT_FALSE(raw->table_exists("communes"));
    raw->exec("INSERT INTO imports (id, imported_at, source, file_name, sha256, report_json) "
             "VALUES (1, '2025-01-01T00:00:00Z', 'hub', 'a.csv', 'h', '{}')");
    raw->exec(R"(INSERT INTO places (source, id, file_name, import_id, date_maj, record_json, updated_at) VALUES
      ('hub', '1', 'a.csv', 1, '2024-05-01',
       '{"id":"1","pivot":"00000000000000","nom":"Un","commune":"C","code_postal":"01000","adresse":"A","date_maj":"2024-05-01"}',
       '2025-01-01T00:00:00Z'))");
  }
  auto s = open_store({p.string()});
  EXPECT_EQ(s->schema_version(), sql::kLatestSchemaVersion);
  ASSERT_TRUE(s->find_place("hub", "1"));
  EXPECT_EQ(s->find_place("hub", "1")->nom, "Un");
  EXPECT_TRUE(s->load_communes().empty());     // version 2 table exists
  EXPECT_TRUE(s->list_place_reports().empty());  // version 3 table exists
  EXPECT_TRUE(s->list_indicator_sets().empty());  // version 4 tables exist
  EXPECT_TRUE(s->list_contour_sets().empty());    // version 5 tables exist
  EXPECT_TRUE(s->load_contours("commune").empty());
  s.reset();
  fs::remove(p);
}

TEST(SqliteSchema, OlderVersionIsRefusedWhenMigrationIsNotAllowed) {
  auto p = temp_db("behind");
  sql::migrate(*sql::open_sqlite(p.string()), 6);
  try {
    open_store({p.string(), SchemaPolicy::require_current});
    FAIL() << "old schema accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("relais migrate"), std::string::npos) << e.what();
  }
  EXPECT_EQ(sql::current_schema_version(*sql::open_sqlite(p.string())), 6);  // untouched
  EXPECT_EQ(open_store({p.string()})->schema_version(), sql::kLatestSchemaVersion);
  fs::remove(p);
}

TEST(SqliteSchema, NewerVersionIsRefused) {
  auto p = temp_db("newer");
  open_store({p.string()}).reset();
  {
    SQLite::Database raw(p.string(), SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')");
  }
  try {
    open_store({p.string()});
    FAIL() << "newer schema accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  try {
    open_store({p.string(), SchemaPolicy::require_current});
    FAIL() << "newer schema accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
  EXPECT_EQ(sql::current_schema_version(*sql::open_sqlite(p.string())), 99);
  fs::remove(p);
}

}  // namespace
}  // namespace relais::store
