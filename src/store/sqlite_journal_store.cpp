// TEMPORARY skeleton so the tree links while the implementation is written.
#include "store/sqlite_parts.h"

namespace relais::store::sqlite {
namespace {
class SqliteJournalStore final : public JournalStore {
 public:
  explicit SqliteJournalStore(SQLite::Database& db) : db_(db) {}
  JournalEntryRow append( const std::function<JournalEntryRow(const std::optional<JournalEntryRow>& last)>& build, const JournalPersonalRow& personal) override { throw StoreError("JournalStore: not implemented yet"); }
  std::optional<JournalEntryRow> last_entry() override { throw StoreError("JournalStore: not implemented yet"); }
  std::vector<JournalEntryRow> entries(std::int64_t first, std::size_t limit) override { throw StoreError("JournalStore: not implemented yet"); }
  std::int64_t entry_count() override { throw StoreError("JournalStore: not implemented yet"); }
  std::vector<JournalPersonalRow> personal_rows(std::int64_t first, std::size_t limit) override { throw StoreError("JournalStore: not implemented yet"); }
  std::vector<JournalEntryRow> entries_of_user(std::int64_t user_id) override { throw StoreError("JournalStore: not implemented yet"); }
  std::size_t erase_personal_of_user(std::int64_t user_id, std::string_view at) override { throw StoreError("JournalStore: not implemented yet"); }
  std::size_t erase_personal_before(std::string_view before, std::string_view at) override { throw StoreError("JournalStore: not implemented yet"); }
  void add_checkpoint(const JournalCheckpointRow& checkpoint) override { throw StoreError("JournalStore: not implemented yet"); }
  std::vector<JournalCheckpointRow> checkpoints() override { throw StoreError("JournalStore: not implemented yet"); }
  std::optional<JournalCheckpointRow> last_checkpoint() override { throw StoreError("JournalStore: not implemented yet"); }
 private:
  [[maybe_unused]] SQLite::Database& db_;
};
}  // namespace

std::unique_ptr<JournalStore> make_journal_store(SQLite::Database& db) { return std::make_unique<SqliteJournalStore>(db); }

}  // namespace relais::store::sqlite
