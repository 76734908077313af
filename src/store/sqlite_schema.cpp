#include "store/sqlite_schema.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <string>

#include "store/store.h"

namespace relais::store::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;  // constant DDL, several statements
};

// Append only. Version 1: places and import runs (the first release);
// version 2: communes and duplicate groups; version 3: error reports about
// places, sent by the public ("signaler une erreur"); version 4: territory
// indicators (a NULL value is a missing one); version 5: contours of
// territories, one set per level (geometry: maps/encoding.h).
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('change_counter', 0);
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  source      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  inserted    INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  removed     INTEGER NOT NULL DEFAULT 0,
  report_json TEXT NOT NULL
);
CREATE INDEX imports_by_file ON imports (source, file_name, id);
CREATE TABLE places (
  source      TEXT NOT NULL,
  id          TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  import_id   INTEGER NOT NULL REFERENCES imports (id),
  code_insee  TEXT,
  latitude    REAL,
  longitude   REAL,
  date_maj    TEXT NOT NULL,
  record_json TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (source, id)
);
CREATE INDEX places_by_file ON places (source, file_name);
CREATE INDEX places_by_code_insee ON places (code_insee);
)sql"},
    {2, R"sql(
CREATE TABLE communes (
  code_insee       TEXT PRIMARY KEY,
  nom              TEXT NOT NULL,
  code_departement TEXT NOT NULL,
  code_region      TEXT NOT NULL,
  code_epci        TEXT,
  population       INTEGER NOT NULL,
  latitude         REAL,
  longitude        REAL,
  commune_parente  TEXT,
  codes_postaux    TEXT NOT NULL,
  autres_noms      TEXT NOT NULL,
  anciens_codes    TEXT NOT NULL
);
CREATE TABLE duplicate_members (
  group_id TEXT NOT NULL,
  source   TEXT NOT NULL,
  place_id TEXT NOT NULL,
  PRIMARY KEY (source, place_id),
  FOREIGN KEY (source, place_id) REFERENCES places (source, id) ON DELETE CASCADE
);
CREATE INDEX duplicate_members_by_group ON duplicate_members (group_id);
)sql"},
    {3, R"sql(
CREATE TABLE place_reports (
  id          INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  place_ref   TEXT NOT NULL,
  categories  TEXT NOT NULL,
  message     TEXT NOT NULL,
  email       TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'nouveau'
);
CREATE INDEX place_reports_by_place ON place_reports (place_ref);
)sql"},
    {4, R"sql(
CREATE TABLE indicator_sets (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  source         TEXT NOT NULL,
  data_date      TEXT NOT NULL,
  level          TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  indicators     TEXT NOT NULL
);
CREATE TABLE indicator_values (
  set_id    INTEGER NOT NULL REFERENCES indicator_sets (id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  code      TEXT NOT NULL,
  value     REAL,
  PRIMARY KEY (set_id, indicator, code)
) WITHOUT ROWID;
)sql"},
    {5, R"sql(
CREATE TABLE contour_sets (
  level          TEXT PRIMARY KEY,
  file_name      TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  tolerance      REAL NOT NULL,
  imported_at    TEXT NOT NULL
);
CREATE TABLE contours (
  level    TEXT NOT NULL REFERENCES contour_sets (level) ON DELETE CASCADE,
  code     TEXT NOT NULL,
  name     TEXT NOT NULL,
  geometry BLOB NOT NULL,
  PRIMARY KEY (level, code)
);
)sql"},
};

}  // namespace

int current_schema_version(SQLite::Database& db) {
  if (!db.tableExists("schema_version")) return 0;
  SQLite::Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  query.executeStep();
  return query.getColumn(0).getInt();
}

void migrate(SQLite::Database& db, int target) {
  try {
    for (const Migration& m : kMigrations) {
      if (m.version > target) break;
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Re-read under the write lock: another process may have migrated.
      int current = current_schema_version(db);
      if (current > kLatestSchemaVersion) {
        throw StoreError("database schema version " + std::to_string(current) +
                         " is newer than this Relais supports (" + std::to_string(kLatestSchemaVersion) +
                         "); upgrade Relais");
      }
      if (current >= m.version) continue;
      if (current == 0) {
        db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      }
      db.exec(m.sql);
      SQLite::Statement record(
          db, "INSERT INTO schema_version (version, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
      record.bind(1, m.version);
      record.exec();
      tx.commit();
    }
    if (int current = current_schema_version(db); current > kLatestSchemaVersion) {
      throw StoreError("database schema version " + std::to_string(current) +
                       " is newer than this Relais supports (" + std::to_string(kLatestSchemaVersion) +
                       "); upgrade Relais");
    }
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("schema migration failed: ") + e.what());
  }
}

}  // namespace relais::store::sqlite
