// Schema migrations of the SQLite backend (internal to the store module;
// exposed for tests that build an old-version database).
//
// The schema_version table holds one row per applied migration; the version
// of a database is its highest row. Migrations only ever append: a released
// migration is never edited (docs/store.md).
#pragma once

#include <SQLiteCpp/Database.h>

namespace relais::store::sqlite {

inline constexpr int kLatestSchemaVersion = 7;

// 0 for a database without the schema_version table.
int current_schema_version(SQLite::Database& db);

// Applies the missing migrations up to `target`, each in its own IMMEDIATE
// transaction (so two processes opening a new database do not both migrate).
// Throws StoreError if the database is above kLatestSchemaVersion (written by
// a newer Relais), or if a migration fails (that migration is rolled back).
void migrate(SQLite::Database& db, int target = kLatestSchemaVersion);

}  // namespace relais::store::sqlite
