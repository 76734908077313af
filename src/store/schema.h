// Versioned schema migrations, one list per backend (internal to the store
// module; exposed for tests that build an old-version database).
//
// The schema_version table holds one row per applied migration; the version
// of a database is its highest row. Migrations only ever append: a released
// migration is never edited (docs/store.md). Both backends reach the same
// version numbers with the same tables and columns, so that
// `relais migrate-data` copies one into the other: PostgreSQL starts at
// version 7 (the whole schema of SQLite's versions 1 to 7 in one step), and
// every later version is written for both.
#pragma once

#include <span>

#include "store/sql_connection.h"

namespace relais::store::sql {

inline constexpr int kLatestSchemaVersion = 8;

struct Migration {
  int version;
  const char* sql;  // constant DDL, several statements
};

std::span<const Migration> sqlite_migrations();      // sqlite_schema.cpp
std::span<const Migration> postgresql_migrations();  // postgresql_schema.cpp

// 0 for a database without the schema_version table.
int current_schema_version(Connection& db);

// Applies the missing migrations of the connection's backend up to `target`,
// each in its own write transaction (so two processes opening a new database
// do not both migrate). Throws StoreError if the database is above
// kLatestSchemaVersion (written by a newer Relais), or if a migration fails
// (that migration is rolled back).
void migrate(Connection& db, int target = kLatestSchemaVersion);

// Throws StoreError unless the database is exactly at kLatestSchemaVersion:
// for servers that must not migrate a shared database by themselves
// (`relais migrate` does).
void require_current_schema(Connection& db);

}  // namespace relais::store::sql
