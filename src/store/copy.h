// `relais migrate-data`: a whole instance copied from one database to another
// (SQLite to PostgreSQL or back), and verified.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace relais::store {

struct TableCopy {
  std::string table;
  std::size_t rows = 0;      // in the source, and found again in the target
  std::string checksum;      // hex, the same on both sides (see copy_database)
};

struct CopyReport {
  std::vector<TableCopy> tables;  // in copy order
};

// Copies every table of the database at `from_url` into the one at `to_url`,
// both store URLs (store.h). The source must be at this build's schema
// version; the target is migrated to it and must hold no data yet (else
// StoreError, and nothing is written). The copy is one transaction on the
// target: all of it or none. Then each table is counted and checksummed on
// both sides, again from the databases: a checksum is the sum, modulo 2^256,
// of the SHA-256 of each row's values in a backend-neutral text form, so it
// does not depend on row order or collation. Throws StoreError on any
// difference, naming the table.
CopyReport copy_database(const std::string& from_url, const std::string& to_url);

}  // namespace relais::store
