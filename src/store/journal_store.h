// Rows of the tamper-evident journal (issue 5; the chaining, sealing and
// verification are in journal/). Append-only: the SQLite schema has triggers
// that abort UPDATE and DELETE on journal_entries and journal_checkpoints.
// Personal fields (e-mail, IP address, names) are kept apart in
// journal_personal: the entry holds only a salted commitment to them, so
// erasing them (GDPR) leaves the chain verifiable. Part of store::Store
// (Store::journal()).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relais::store {

struct JournalEntryRow {
  std::int64_t seq = 0;  // 1, 2, 3… without gaps
  std::string recorded_at;
  std::string action;
  std::optional<std::int64_t> actor_user_id, structure_id;
  std::string object_type, object_id;
  std::string details;              // JSON object, no personal data
  std::string personal_commitment;  // hex SHA-256(salt ‖ fields), or "" when none
  std::string prev_hash, hash;      // hex
  friend bool operator==(const JournalEntryRow&, const JournalEntryRow&) = default;
};

struct JournalPersonalRow {
  std::int64_t seq = 0;
  std::optional<std::int64_t> user_id;  // whose data it is (for erasure)
  std::string salt;    // hex; "" once erased
  std::string fields;  // JSON object; "" once erased
  std::string erased_at;
  friend bool operator==(const JournalPersonalRow&, const JournalPersonalRow&) = default;
};

struct JournalCheckpointRow {
  std::int64_t tree_size = 0;
  std::string root_hash;    // hex
  std::string signed_note;  // C2SP signed note text
  std::string created_at;
  friend bool operator==(const JournalCheckpointRow&, const JournalCheckpointRow&) = default;
};

class JournalStore {
 public:
  virtual ~JournalStore() = default;

  // In one IMMEDIATE transaction: reads the last entry (nullopt when the
  // journal is empty), calls `build` with it to get the new entry (seq, hashes
  // filled in by the caller), inserts it and, when personal.fields is not
  // empty, its personal row (seq set to the entry's). Serialised across
  // processes by the transaction. Returns the stored entry.
  virtual JournalEntryRow append(
      const std::function<JournalEntryRow(const std::optional<JournalEntryRow>& last)>& build,
      const JournalPersonalRow& personal) = 0;
  virtual std::optional<JournalEntryRow> last_entry() = 0;
  // Entries with seq in [first, first + limit), by seq.
  virtual std::vector<JournalEntryRow> entries(std::int64_t first, std::size_t limit) = 0;
  virtual std::int64_t entry_count() = 0;
  virtual std::vector<JournalPersonalRow> personal_rows(std::int64_t first, std::size_t limit) = 0;
  // Entries about a user (actor, or personal rows of that user), by seq.
  virtual std::vector<JournalEntryRow> entries_of_user(std::int64_t user_id) = 0;
  // Blanks salt and fields of every personal row of the user; returns how many.
  virtual std::size_t erase_personal_of_user(std::int64_t user_id, std::string_view at) = 0;
  // Blanks personal rows of entries recorded before `before`; returns how many.
  virtual std::size_t erase_personal_before(std::string_view before, std::string_view at) = 0;

  virtual void add_checkpoint(const JournalCheckpointRow& checkpoint) = 0;  // StoreError if tree_size exists
  virtual std::vector<JournalCheckpointRow> checkpoints() = 0;            // by tree_size
  virtual std::optional<JournalCheckpointRow> last_checkpoint() = 0;
};

}  // namespace relais::store
