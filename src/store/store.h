// Persistent storage of Relais: places, import runs, communes, duplicate
// groups. One interface, backends chosen in open_store() only (SQLite now,
// PostgreSQL later; see docs/store.md).
//
// Thread-safety: a Store object must be used by one thread at a time; open one
// Store per thread or process instead. Several Stores on the same database are
// safe: each write operation is one transaction, readers see either all or
// nothing of it, and concurrent writers wait (busy timeout) rather than fail.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "territory/commune.h"

namespace relais::store {

// Any failure of the store: cannot open, unknown schema version, unsupported
// backend, constraint violation. The operation that threw changed nothing.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::string_view kDefaultStorePath = "./var/relais.db";

struct StoreOptions {
  // "" -> kDefaultStorePath (its folder is created); "sqlite:PATH" or a plain
  // path -> SQLite file; "sqlite::memory:" -> private in-memory database;
  // "postgresql://..." / "postgres://..." -> StoreError "not yet supported".
  std::string url;
};

// The import report, as JSON text (validation's JSON report); stored as-is.
using ImportReportJson = std::string;

struct ImportSummary {
  std::int64_t import_id = 0;    // row of list_imports(); 0 when skipped
  bool skipped_identical = false;  // same source+file with the same sha256 as last time
  std::size_t inserted = 0;
  std::size_t updated = 0;    // existing (source, id) whose content changed
  std::size_t unchanged = 0;  // existing (source, id), identical content
  std::size_t removed = 0;    // previously imported from this source+file, now absent
};

struct ImportRun {
  std::int64_t id = 0;
  std::string imported_at;  // UTC, ISO 8601 "2026-11-22T08:00:00Z"
  std::string source, file_name, sha256;
  std::size_t inserted = 0, updated = 0, unchanged = 0, removed = 0;
  std::string report_json;
};

// A place with the source it was imported under (the key is (source, id)).
struct StoredPlace {
  std::string source;
  Place place;
};

struct DuplicateMember {
  std::string group_id, source, place_id;
  friend bool operator==(const DuplicateMember&, const DuplicateMember&) = default;
};

// A report sent by the public about a place ("signaler une erreur"), kept for
// the place's maintainers. `email` is personal data: optional, only to answer.
struct PlaceReport {
  std::int64_t id = 0;              // set by the store
  std::string received_at;          // UTC, ISO 8601; set by the store
  std::string place_ref;            // the public reference of the place ("source:id")
  std::vector<std::string> categories;  // stable category values ("horaires", "lieu_ferme")
  std::string message;
  std::string email;                // "" when not given
  std::string status = "nouveau";
  friend bool operator==(const PlaceReport&, const PlaceReport&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // Imports one file's places under `source`, in one transaction (all or
  // nothing). Places are keyed by (source, place.id): new keys are inserted,
  // existing ones updated only if their content differs (`updated_at` is
  // untouched otherwise). Places previously imported from the same
  // (source, file_name) and absent from `places` are removed (and leave their
  // duplicate groups). If the last import of (source, file_name) had the same
  // content_sha256, nothing is written and skipped_identical is set.
  // Throws StoreError (and changes nothing) if `places` holds the same id twice
  // or a place cannot be stored.
  virtual ImportSummary import_places(std::string source, std::string file_name, std::string content_sha256,
                                      std::span<const Place> places, const ImportReportJson& report) = 0;

  // All places, ordered by (source, id).
  virtual std::vector<StoredPlace> load_stored_places() = 0;
  // Same, without the source key.
  virtual std::vector<Place> load_places() = 0;
  virtual std::optional<Place> find_place(std::string_view source, std::string_view id) = 0;
  virtual std::size_t count_places() = 0;

  // Import runs that wrote something, newest first.
  virtual std::vector<ImportRun> list_imports() = 0;

  // Replaces the whole commune table (one transaction).
  virtual void replace_communes(std::span<const territory::Commune> communes) = 0;
  // Ordered by code_insee.
  virtual std::vector<territory::Commune> load_communes() = 0;

  // Replaces all duplicate groups (one transaction). Every member must be a
  // stored place and appear once, else StoreError and nothing changes.
  virtual void replace_duplicate_groups(std::span<const DuplicateMember> members) = 0;
  // Ordered by (group_id, source, place_id).
  virtual std::vector<DuplicateMember> load_duplicate_groups() = 0;

  // Increases by at least one with every committed write (import, communes,
  // groups), across all processes sharing the database; a reader can compare
  // it with a previous value to know whether to reload.
  virtual std::int64_t change_counter() = 0;

  // Stores a report (one transaction) and returns its id. Does not change
  // change_counter(): the places are untouched.
  virtual std::int64_t add_place_report(const PlaceReport& report) = 0;
  // All reports, newest first.
  virtual std::vector<PlaceReport> list_place_reports() = 0;

  // Version of the schema the database is at (after migrations).
  virtual int schema_version() = 0;
};

// Opens (creating if needed) and migrates the store named by options.url.
// Throws StoreError: unsupported backend, unreadable file, database written by
// a newer Relais (schema version above this build's), failed migration.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace relais::store
