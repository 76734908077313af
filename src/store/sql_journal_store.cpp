// The journal's rows in SQLite (store/journal_store.h). The schema (version 6,
// sqlite_schema.cpp) makes journal_entries and journal_checkpoints
// append-only with triggers; this file only ever INSERTs into them. Personal
// rows are blanked, never deleted, on erasure.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <limits>

#include "store/sqlite_parts.h"
#include "store/store.h"

namespace relais::store::sqlite {
namespace {

constexpr const char* kEntryColumns =
    "seq, recorded_at, action, actor_user_id, structure_id, object_type, object_id, details, "
    "personal_commitment, prev_hash, hash";

std::optional<std::int64_t> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& value) {
  if (value) s.bind(index, *value);
  else s.bind(index);  // NULL
}

JournalEntryRow entry_row(SQLite::Statement& q) {
  JournalEntryRow e;
  e.seq = q.getColumn(0).getInt64();
  e.recorded_at = q.getColumn(1).getString();
  e.action = q.getColumn(2).getString();
  e.actor_user_id = optional_int(q.getColumn(3));
  e.structure_id = optional_int(q.getColumn(4));
  e.object_type = q.getColumn(5).getString();
  e.object_id = q.getColumn(6).getString();
  e.details = q.getColumn(7).getString();
  e.personal_commitment = q.getColumn(8).getString();
  e.prev_hash = q.getColumn(9).getString();
  e.hash = q.getColumn(10).getString();
  return e;
}

JournalPersonalRow personal_row(SQLite::Statement& q) {
  JournalPersonalRow p;
  p.seq = q.getColumn(0).getInt64();
  p.user_id = optional_int(q.getColumn(1));
  p.salt = q.getColumn(2).getString();  // NULL reads as ""
  p.fields = q.getColumn(3).getString();
  p.erased_at = q.getColumn(4).getString();
  return p;
}

JournalCheckpointRow checkpoint_row(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString()};
}

class SqliteJournalStore final : public JournalStore {
 public:
  explicit SqliteJournalStore(SQLite::Database& db) : db_(db) {}

  JournalEntryRow append(const std::function<JournalEntryRow(const std::optional<JournalEntryRow>& last)>& build,
                         const JournalPersonalRow& personal) override {
    return guarded([&] {
      // IMMEDIATE: the write lock is taken before reading the last entry, so
      // two processes cannot chain onto the same one.
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      const JournalEntryRow entry = build(read_last());
      SQLite::Statement insert(db_,
                               "INSERT INTO journal_entries (seq, recorded_at, action, actor_user_id, structure_id, "
                               "object_type, object_id, details, personal_commitment, prev_hash, hash) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, entry.seq);
      insert.bind(2, entry.recorded_at);
      insert.bind(3, entry.action);
      bind_optional(insert, 4, entry.actor_user_id);
      bind_optional(insert, 5, entry.structure_id);
      insert.bind(6, entry.object_type);
      insert.bind(7, entry.object_id);
      insert.bind(8, entry.details);
      insert.bind(9, entry.personal_commitment);
      insert.bind(10, entry.prev_hash);
      insert.bind(11, entry.hash);
      insert.exec();
      if (!personal.fields.empty()) {
        SQLite::Statement row(db_, "INSERT INTO journal_personal (seq, user_id, salt, fields, erased_at) "
                                   "VALUES (?, ?, ?, ?, NULL)");
        row.bind(1, entry.seq);
        bind_optional(row, 2, personal.user_id);
        row.bind(3, personal.salt);
        row.bind(4, personal.fields);
        row.exec();
      }
      tx.commit();
      return entry;
    });
  }

  std::optional<JournalEntryRow> last_entry() override {
    return guarded([&] { return read_last(); });
  }

  std::vector<JournalEntryRow> entries(std::int64_t first, std::size_t limit) override {
    return guarded([&] {
      std::vector<JournalEntryRow> out;
      SQLite::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                   " FROM journal_entries WHERE seq >= ? AND seq < ? ORDER BY seq");
      q.bind(1, first);
      q.bind(2, end_of(first, limit));
      while (q.executeStep()) out.push_back(entry_row(q));
      return out;
    });
  }

  std::int64_t entry_count() override {
    return guarded([&] {
      SQLite::Statement q(db_, "SELECT COUNT(*) FROM journal_entries");
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  std::vector<JournalPersonalRow> personal_rows(std::int64_t first, std::size_t limit) override {
    return guarded([&] {
      std::vector<JournalPersonalRow> out;
      SQLite::Statement q(db_, "SELECT seq, user_id, salt, fields, erased_at FROM journal_personal "
                               "WHERE seq >= ? AND seq < ? ORDER BY seq");
      q.bind(1, first);
      q.bind(2, end_of(first, limit));
      while (q.executeStep()) out.push_back(personal_row(q));
      return out;
    });
  }

  std::vector<JournalEntryRow> entries_of_user(std::int64_t user_id) override {
    return guarded([&] {
      std::vector<JournalEntryRow> out;
      SQLite::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                   " FROM journal_entries WHERE actor_user_id = ? "
                                   "OR seq IN (SELECT seq FROM journal_personal WHERE user_id = ?) ORDER BY seq");
      q.bind(1, user_id);
      q.bind(2, user_id);
      while (q.executeStep()) out.push_back(entry_row(q));
      return out;
    });
  }

  std::size_t erase_personal_of_user(std::int64_t user_id, std::string_view at) override {
    return guarded([&] {
      SQLite::Statement q(db_, "UPDATE journal_personal SET salt = '', fields = '', erased_at = ? "
                               "WHERE user_id = ? AND erased_at IS NULL");
      q.bind(1, std::string(at));
      q.bind(2, user_id);
      return static_cast<std::size_t>(q.exec());
    });
  }

  std::size_t erase_personal_before(std::string_view before, std::string_view at) override {
    return guarded([&] {
      SQLite::Statement q(db_, "UPDATE journal_personal SET salt = '', fields = '', erased_at = ? "
                               "WHERE erased_at IS NULL AND seq IN "
                               "(SELECT seq FROM journal_entries WHERE recorded_at < ?)");
      q.bind(1, std::string(at));
      q.bind(2, std::string(before));
      return static_cast<std::size_t>(q.exec());
    });
  }

  void add_checkpoint(const JournalCheckpointRow& checkpoint) override {
    guarded([&] {
      SQLite::Statement q(db_, "INSERT INTO journal_checkpoints (tree_size, root_hash, signed_note, created_at) "
                               "VALUES (?, ?, ?, ?)");
      q.bind(1, checkpoint.tree_size);
      q.bind(2, checkpoint.root_hash);
      q.bind(3, checkpoint.signed_note);
      q.bind(4, checkpoint.created_at);
      q.exec();
    });
  }

  std::vector<JournalCheckpointRow> checkpoints() override {
    return guarded([&] {
      std::vector<JournalCheckpointRow> out;
      SQLite::Statement q(db_, "SELECT tree_size, root_hash, signed_note, created_at FROM journal_checkpoints "
                               "ORDER BY tree_size");
      while (q.executeStep()) out.push_back(checkpoint_row(q));
      return out;
    });
  }

  std::optional<JournalCheckpointRow> last_checkpoint() override {
    return guarded([&]() -> std::optional<JournalCheckpointRow> {
      SQLite::Statement q(db_, "SELECT tree_size, root_hash, signed_note, created_at FROM journal_checkpoints "
                               "ORDER BY tree_size DESC LIMIT 1");
      if (!q.executeStep()) return std::nullopt;
      return checkpoint_row(q);
    });
  }

 private:
  std::optional<JournalEntryRow> read_last() {
    SQLite::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                 " FROM journal_entries ORDER BY seq DESC LIMIT 1");
    if (!q.executeStep()) return std::nullopt;
    return entry_row(q);
  }

  // first + limit, without overflowing for huge limits.
  static std::int64_t end_of(std::int64_t first, std::size_t limit) {
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    if (limit >= static_cast<std::size_t>(kMax) || first > kMax - static_cast<std::int64_t>(limit)) return kMax;
    return first + static_cast<std::int64_t>(limit);
  }

  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw StoreError(std::string("store: journal: ") + e.what());
    }
  }

  SQLite::Database& db_;
};

}  // namespace

std::unique_ptr<JournalStore> make_journal_store(SQLite::Database& db) {
  return std::make_unique<SqliteJournalStore>(db);
}

}  // namespace relais::store::sqlite
