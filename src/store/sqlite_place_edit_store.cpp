// TEMPORARY skeleton so the tree links while the implementation is written.
#include "store/sqlite_parts.h"

namespace relais::store::sqlite {
namespace {
class SqlitePlaceEditStore final : public PlaceEditStore {
 public:
  explicit SqlitePlaceEditStore(SQLite::Database& db) : db_(db) {}
  PlaceVersion edit_place(const PlaceKey& key, const Place& place, int expected_version, std::optional<std::int64_t> user_id, std::optional<std::int64_t> structure_id, std::string_view at) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  PlaceVersion confirm_place(const PlaceKey& key, std::optional<std::int64_t> user_id, std::optional<std::int64_t> structure_id, std::string_view at) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::vector<PlaceVersion> versions(const PlaceKey& key) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  int latest_version(const PlaceKey& key) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::vector<PlaceFreshness> freshness() override { throw StoreError("PlaceEditStore: not implemented yet"); }
  void record_reminder(const PlaceKey& key, std::string_view at) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::vector<PlaceReport> reports_about(std::span<const std::string> place_refs) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::optional<PlaceReport> find_report(std::int64_t id) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  void set_report_status(std::int64_t id, std::string_view status, std::string_view at) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::int64_t add_reply(const ReportReply& reply) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::vector<ReportReply> replies(std::int64_t report_id) override { throw StoreError("PlaceEditStore: not implemented yet"); }
  std::size_t forget_report_emails_before(std::string_view before) override { throw StoreError("PlaceEditStore: not implemented yet"); }
 private:
  [[maybe_unused]] SQLite::Database& db_;
};
}  // namespace

std::unique_ptr<PlaceEditStore> make_place_edit_store(SQLite::Database& db) { return std::make_unique<SqlitePlaceEditStore>(db); }

}  // namespace relais::store::sqlite
