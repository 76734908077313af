// Persistent storage of Relais: places, import runs, communes, duplicate
// groups, accounts, the journal. One interface, two backends (SQLite file,
// PostgreSQL), chosen in open_store() only from the URL; see docs/store.md.
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
#include "maps/contour.h"
#include "territory/commune.h"

namespace relais::store {

// Any failure of the store: cannot open, unknown schema version, unsupported
// backend, constraint violation. The operation that threw changed nothing.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database could not be reached, or the connection was lost (PostgreSQL
// restarting, the network): the operation that threw wrote nothing, and the
// same call may succeed later, since the store connects again by itself.
// Servers answer it with 503 and Retry-After rather than 500.
class StoreUnavailable : public StoreError {
 public:
  using StoreError::StoreError;
};

inline constexpr std::string_view kDefaultStorePath = "./var/relais.db";

// What open_store() does with a database whose schema is behind this build.
enum class SchemaPolicy {
  migrate,          // applies the missing migrations (one machine, SQLite)
  require_current,  // refuses to open it: `relais migrate` first (shared database)
};

struct StoreOptions {
  // "" -> kDefaultStorePath (its folder is created); "sqlite:PATH" or a plain
  // path -> SQLite file; "sqlite::memory:" -> private in-memory database;
  // "postgresql://..." / "postgres://..." -> PostgreSQL (a libpq URI; the
  // tables live in the first schema of the search_path, "public" by default).
  std::string url;
  SchemaPolicy schema = SchemaPolicy::migrate;
};

// True for the URLs open_store() opens on PostgreSQL.
bool is_postgresql_url(std::string_view url);

// The policy of the product's commands and servers: a SQLite file (one
// machine) is migrated when opened; a PostgreSQL database (shared by several
// servers) only by `relais migrate`, and refused until then.
SchemaPolicy schema_policy_for(std::string_view url);

// The import report, as JSON text (validation's JSON report); stored as-is.
using ImportReportJson = std::string;

struct ImportSummary {
  std::int64_t import_id = 0;    // row of list_imports(); 0 when skipped
  bool skipped_identical = false;  // same source+file with the same sha256 as last time
  std::size_t inserted = 0;
  std::size_t updated = 0;    // existing (source, id) whose content changed
  std::size_t unchanged = 0;  // existing (source, id), identical content
  std::size_t removed = 0;    // previously imported from this source+file, now absent
  // In the file but edited by their team since (store/place_edit_store.h):
  // the team's record is kept, the file's ignored.
  std::size_t kept_team_edits = 0;
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
  // Kept by the team of its structure (issue 5): its record is authoritative
  // over its duplicates from other sources.
  bool edited_by_team = false;
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

// One imported file of territory indicators (issue 4): what it is, and its
// values. Re-importing under the same name replaces the whole set.
struct IndicatorSet {
  std::string name;          // store key, e.g. "arcep_debit_communes" (the mapping's file name)
  std::string source;        // who published the data
  std::string data_date;     // of the data, as the source gives it ("2019-09-30", "2020")
  std::string level;         // "commune", "epci", "departement", "region"
  std::string file_name;
  std::string content_sha256;
  std::string imported_at;   // UTC, ISO 8601; set by the store
  std::vector<std::string> indicators;  // names, in the mapping's order
  friend bool operator==(const IndicatorSet&, const IndicatorSet&) = default;
};

struct IndicatorValue {
  std::string code;       // territory code of the set's level
  std::string indicator;
  std::optional<double> value;  // nothing: missing in the source (never stored as 0)
  friend bool operator==(const IndicatorValue&, const IndicatorValue&) = default;
};

// The contours of one level (issue 4), as last imported by `relais import
// contours`: where they come from and how they were simplified.
struct ContourSet {
  std::string level;           // maps::kCommune, kDepartement or kRegion
  std::string file_name;
  std::string content_sha256;
  double tolerance_degrees = 0;  // Douglas–Peucker tolerance applied at import
  std::string imported_at;     // UTC, ISO 8601; set by the store
  std::size_t count = 0;       // number of contours; set by the store
  friend bool operator==(const ContourSet&, const ContourSet&) = default;
};

using Contour = maps::Contour;

class AccountStore;    // store/account_store.h
class JournalStore;    // store/journal_store.h
class PlaceEditStore;  // store/place_edit_store.h

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
  // One commune by its code (the table's key), without loading them all.
  virtual std::optional<territory::Commune> find_commune(std::string_view code_insee) = 0;

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

  // Replaces the indicator set named set.name (its description and every
  // value) in one transaction. Does not change change_counter(): the
  // catalogue of places does not depend on indicators. Throws StoreError
  // (and changes nothing) when a (code, indicator) pair is given twice.
  virtual void replace_indicator_set(const IndicatorSet& set, std::span<const IndicatorValue> values) = 0;
  // Every stored set, by name (imported_at filled in).
  virtual std::vector<IndicatorSet> list_indicator_sets() = 0;
  // The values of one set, by indicator then code; empty for an unknown name.
  virtual std::vector<IndicatorValue> load_indicator_values(std::string_view set_name) = 0;

  // Replaces every contour of set.level, and the set's description, in one
  // transaction. Geometries are stored encoded (maps/encoding.h), so
  // coordinates come back rounded to the microdegree. Does not change
  // change_counter(). Throws StoreError (and changes nothing) when the level
  // is not one of maps::kCommune/kDepartement/kRegion, a contour's level
  // differs from set.level, or a code is given twice.
  virtual void replace_contours(const ContourSet& set, std::span<const Contour> contours) = 0;
  // Every contour of a level, by code; empty for a level never imported.
  virtual std::vector<Contour> load_contours(std::string_view level) = 0;
  // The contours of a level with these codes, by code; unknown codes are
  // skipped.
  virtual std::vector<Contour> load_contours(std::string_view level, std::span<const std::string> codes) = 0;
  // The imported levels, by level (imported_at and count filled in).
  virtual std::vector<ContourSet> list_contour_sets() = 0;

  // Version of the schema the database is at (after migrations).
  virtual int schema_version() = 0;

  // Parts of the store on the same database and connection (issue 5); they
  // live as long as this Store and follow its one-thread-at-a-time rule.
  virtual AccountStore& accounts() = 0;
  virtual JournalStore& journal() = 0;
  virtual PlaceEditStore& place_edits() = 0;
};

// Opens (creating the SQLite file if needed) and migrates or checks (per
// options.schema) the store named by options.url. Throws StoreError:
// unreadable file, unreachable server, database written by a newer Relais
// (schema version above this build's), schema behind with require_current,
// failed migration.
std::unique_ptr<Store> open_store(const StoreOptions& options);

}  // namespace relais::store
