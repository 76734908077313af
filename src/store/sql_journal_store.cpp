// The journal's rows (store/journal_store.h), on either backend. The schema
// (sqlite_schema.cpp, postgresql_schema.cpp) makes journal_entries and
// journal_checkpoints append-only with triggers; this file only ever INSERTs into them. Personal
// rows are blanked, never deleted, on erasure.
#include <limits>

#include "store/sql_parts.h"
#include "store/store.h"

namespace relais::store::sql {
namespace {

constexpr const char* kEntryColumns =
    "seq, recorded_at, action, actor_user_id, structure_id, object_type, object_id, details, "
    "personal_commitment, prev_hash, hash";

JournalEntryRow entry_row(sql::Statement& q) {
  JournalEntryRow e;
  e.seq = q.int64(0);
  e.recorded_at = q.text(1);
  e.action = q.text(2);
  e.actor_user_id = q.optional_int64(3);
  e.structure_id = q.optional_int64(4);
  e.object_type = q.text(5);
  e.object_id = q.text(6);
  e.details = q.text(7);
  e.personal_commitment = q.text(8);
  e.prev_hash = q.text(9);
  e.hash = q.text(10);
  return e;
}

JournalPersonalRow personal_row(sql::Statement& q) {
  JournalPersonalRow p;
  p.seq = q.int64(0);
  p.user_id = q.optional_int64(1);
  p.salt = q.text(2);  // NULL reads as ""
  p.fields = q.text(3);
  p.erased_at = q.text(4);
  return p;
}

JournalCheckpointRow checkpoint_row(sql::Statement& q) {
  return {q.int64(0), q.text(1), q.text(2),
          q.text(3)};
}

class SqlJournalStore final : public JournalStore {
 public:
  explicit SqlJournalStore(sql::Connection& db) : db_(db) {}

  JournalEntryRow append(const std::function<JournalEntryRow(const std::optional<JournalEntryRow>& last)>& build,
                         const JournalPersonalRow& personal) override {
    return guarded([&] {
      // The write lock is taken before reading the last entry, so two
      // processes cannot chain onto the same one.
      sql::WriteTransaction tx(db_);
      const JournalEntryRow entry = build(read_last());
      sql::Statement insert(db_,
                               "INSERT INTO journal_entries (seq, recorded_at, action, actor_user_id, structure_id, "
                               "object_type, object_id, details, personal_commitment, prev_hash, hash) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, entry.seq);
      insert.bind(2, entry.recorded_at);
      insert.bind(3, entry.action);
      insert.bind(4, entry.actor_user_id);
      insert.bind(5, entry.structure_id);
      insert.bind(6, entry.object_type);
      insert.bind(7, entry.object_id);
      insert.bind(8, entry.details);
      insert.bind(9, entry.personal_commitment);
      insert.bind(10, entry.prev_hash);
      insert.bind(11, entry.hash);
      insert.exec();
      if (!personal.fields.empty()) {
        sql::Statement row(db_, "INSERT INTO journal_personal (seq, user_id, salt, fields, erased_at) "
                                   "VALUES (?, ?, ?, ?, NULL)");
        row.bind(1, entry.seq);
        row.bind(2, personal.user_id);
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
      sql::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                   " FROM journal_entries WHERE seq >= ? AND seq < ? ORDER BY seq");
      q.bind(1, first);
      q.bind(2, end_of(first, limit));
      while (q.step()) out.push_back(entry_row(q));
      return out;
    });
  }

  std::int64_t entry_count() override {
    return guarded([&] {
      sql::Statement q(db_, "SELECT COUNT(*) FROM journal_entries");
      q.step();
      return q.int64(0);
    });
  }

  std::vector<JournalPersonalRow> personal_rows(std::int64_t first, std::size_t limit) override {
    return guarded([&] {
      std::vector<JournalPersonalRow> out;
      sql::Statement q(db_, "SELECT seq, user_id, salt, fields, erased_at FROM journal_personal "
                               "WHERE seq >= ? AND seq < ? ORDER BY seq");
      q.bind(1, first);
      q.bind(2, end_of(first, limit));
      while (q.step()) out.push_back(personal_row(q));
      return out;
    });
  }

  std::vector<JournalEntryRow> entries_of_user(std::int64_t user_id) override {
    return guarded([&] {
      std::vector<JournalEntryRow> out;
      sql::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                   " FROM journal_entries WHERE actor_user_id = ? "
                                   "OR seq IN (SELECT seq FROM journal_personal WHERE user_id = ?) ORDER BY seq");
      q.bind(1, user_id);
      q.bind(2, user_id);
      while (q.step()) out.push_back(entry_row(q));
      return out;
    });
  }

  std::size_t erase_personal_of_user(std::int64_t user_id, std::string_view at) override {
    return guarded([&] {
      sql::Statement q(db_, "UPDATE journal_personal SET salt = '', fields = '', erased_at = ? "
                               "WHERE user_id = ? AND erased_at IS NULL");
      q.bind(1, std::string(at));
      q.bind(2, user_id);
      return static_cast<std::size_t>(q.exec());
    });
  }

  std::size_t erase_personal_before(std::string_view before, std::string_view at) override {
    return guarded([&] {
      sql::Statement q(db_, "UPDATE journal_personal SET salt = '', fields = '', erased_at = ? "
                               "WHERE erased_at IS NULL AND seq IN "
                               "(SELECT seq FROM journal_entries WHERE recorded_at < ?)");
      q.bind(1, std::string(at));
      q.bind(2, std::string(before));
      return static_cast<std::size_t>(q.exec());
    });
  }

  void add_checkpoint(const JournalCheckpointRow& checkpoint) override {
    guarded([&] {
      sql::Statement q(db_, "INSERT INTO journal_checkpoints (tree_size, root_hash, signed_note, created_at) "
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
      sql::Statement q(db_, "SELECT tree_size, root_hash, signed_note, created_at FROM journal_checkpoints "
                               "ORDER BY tree_size");
      while (q.step()) out.push_back(checkpoint_row(q));
      return out;
    });
  }

  std::optional<JournalCheckpointRow> last_checkpoint() override {
    return guarded([&]() -> std::optional<JournalCheckpointRow> {
      sql::Statement q(db_, "SELECT tree_size, root_hash, signed_note, created_at FROM journal_checkpoints "
                               "ORDER BY tree_size DESC LIMIT 1");
      if (!q.step()) return std::nullopt;
      return checkpoint_row(q);
    });
  }

 private:
  std::optional<JournalEntryRow> read_last() {
    sql::Statement q(db_, std::string("SELECT ") + kEntryColumns +
                                 " FROM journal_entries ORDER BY seq DESC LIMIT 1");
    if (!q.step()) return std::nullopt;
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
    } catch (const sql::Error& e) {
      throw StoreError(std::string("store: journal: ") + e.what());
    }
  }

  sql::Connection& db_;
};

}  // namespace

std::unique_ptr<JournalStore> make_journal_store(sql::Connection& db) {
  return std::make_unique<SqlJournalStore>(db);
}

}  // namespace relais::store::sql
