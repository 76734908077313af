#include "store/schema.h"

#include <string>

namespace relais::store::sql {
namespace {

[[noreturn]] void throw_newer(int current) {
  throw StoreError("database schema version " + std::to_string(current) + " is newer than this Relais supports (" +
                   std::to_string(kLatestSchemaVersion) + "); upgrade Relais");
}

}  // namespace

int current_schema_version(Connection& db) {
  if (!db.table_exists("schema_version")) return 0;
  Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  query.step();
  return query.int32(0);
}

void migrate(Connection& db, int target) {
  const auto migrations = db.backend() == Backend::sqlite ? sqlite_migrations() : postgresql_migrations();
  try {
    for (const Migration& m : migrations) {
      if (m.version > target) break;
      WriteTransaction tx(db);
      // Re-read under the write lock: another process may have migrated.
      const int current = current_schema_version(db);
      if (current > kLatestSchemaVersion) throw_newer(current);
      if (current >= m.version) continue;
      if (current == 0) {
        db.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      }
      db.exec(m.sql);
      Statement record(db, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
      record.bind(1, m.version);
      record.bind(2, utc_now_text());
      record.exec();
      tx.commit();
    }
    if (const int current = current_schema_version(db); current > kLatestSchemaVersion) throw_newer(current);
  } catch (const Error& e) {
    throw StoreError(std::string("schema migration failed: ") + e.what());
  }
}

void require_current_schema(Connection& db) {
  const int current = current_schema_version(db);
  if (current > kLatestSchemaVersion) throw_newer(current);
  if (current < kLatestSchemaVersion) {
    throw StoreError("database schema version " + std::to_string(current) + " is older than this Relais (" +
                     std::to_string(kLatestSchemaVersion) + "): run `relais migrate` first");
  }
}

}  // namespace relais::store::sql
