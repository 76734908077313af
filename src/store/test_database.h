// The database a test runs on (for tests only; nothing in the product calls
// it). The suite runs twice (scripts/test.sh): on SQLite, and with
// RELAIS_TEST_DATABASE_URL naming a PostgreSQL cluster that the test run
// started. Every test that touches the store opens it through this, so the
// same test covers both backends.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql_connection.h"

namespace relais::store::testing {

// The PostgreSQL URL of the run, or "" on the SQLite pass.
std::string postgresql_base_url();

// The URL to give open_store() (or a server's database_url) for a test's
// database. On the SQLite pass: "sqlite:" + `sqlite_path` (":memory:" for a
// private in-memory database). On the PostgreSQL pass: a new empty schema on
// the run's cluster, the same one for the same `sqlite_path` within a process
// (two stores on one file share a database), a new one for each ":memory:".
std::string test_database_url(std::string_view sqlite_path);

// A database several stores open, as several processes would (one file in a
// fresh temporary folder on SQLite, one schema on PostgreSQL), for tests of
// what holds across connections. The folder is removed with the object, even
// when an assertion ends the test early.
class SharedTestDatabase {
 public:
  // `name` tells the folder apart from other tests' (with the pid).
  explicit SharedTestDatabase(std::string_view name);
  ~SharedTestDatabase();
  SharedTestDatabase(const SharedTestDatabase&) = delete;
  SharedTestDatabase& operator=(const SharedTestDatabase&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::filesystem::path dir_;
  std::string url_;
};

// A connection of its own to the database of a URL given by
// test_database_url(), bypassing the store: what an attacker with access to
// the database would have (tamper tests). On SQLite, foreign keys are off, as
// in the sqlite3 shell.
std::unique_ptr<sql::Connection> raw_connection(std::string_view url);

// A valid place of source-independent id `id` in Lyon (1er), for tests that
// need places in a store without caring which.
Place sample_place(std::string id);

}  // namespace relais::store::testing
