// TEMPORARY skeleton so the tree links while the implementation is written.
#include "store/sqlite_parts.h"

namespace relais::store::sqlite {
namespace {
class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(SQLite::Database& db) : db_(db) {}
  std::int64_t add_structure(const Structure& structure) override { throw StoreError("AccountStore: not implemented yet"); }
  void update_structure(const Structure& structure) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<Structure> find_structure(std::int64_t id) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<Structure> list_structures() override { throw StoreError("AccountStore: not implemented yet"); }
  void attach_place(std::int64_t structure_id, const PlaceKey& place) override { throw StoreError("AccountStore: not implemented yet"); }
  void detach_place(const PlaceKey& place) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<PlaceKey> places_of_structure(std::int64_t structure_id) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<std::int64_t> structure_of_place(const PlaceKey& place) override { throw StoreError("AccountStore: not implemented yet"); }
  std::int64_t add_user(const User& user) override { throw StoreError("AccountStore: not implemented yet"); }
  void update_user(const User& user) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<User> find_user(std::int64_t id) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<User> find_user_by_email(std::string_view email) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<User> list_users() override { throw StoreError("AccountStore: not implemented yet"); }
  bool advance_totp_counter(std::int64_t user_id, std::int64_t counter) override { throw StoreError("AccountStore: not implemented yet"); }
  void put_membership(const Membership& membership) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<Membership> memberships_of_user(std::int64_t user_id) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<Membership> members_of_structure(std::int64_t structure_id) override { throw StoreError("AccountStore: not implemented yet"); }
  void add_territory_role(const TerritoryRole& role) override { throw StoreError("AccountStore: not implemented yet"); }
  void remove_territory_role(const TerritoryRole& role) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<TerritoryRole> territory_roles_of_user(std::int64_t user_id) override { throw StoreError("AccountStore: not implemented yet"); }
  void replace_recovery_codes(std::int64_t user_id, std::span<const std::string> code_hashes) override { throw StoreError("AccountStore: not implemented yet"); }
  bool use_recovery_code(std::int64_t user_id, std::string_view code_hash, std::string_view at) override { throw StoreError("AccountStore: not implemented yet"); }
  std::size_t unused_recovery_codes(std::int64_t user_id) override { throw StoreError("AccountStore: not implemented yet"); }
  void add_session(const Session& session) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<Session> find_session(std::string_view id_hash) override { throw StoreError("AccountStore: not implemented yet"); }
  void update_session(const Session& session) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<Session> sessions_of_user(std::int64_t user_id) override { throw StoreError("AccountStore: not implemented yet"); }
  std::size_t revoke_sessions_of_user(std::int64_t user_id, std::string_view at, std::string_view keep_id_hash) override { throw StoreError("AccountStore: not implemented yet"); }
  std::size_t delete_sessions_ended_before(std::string_view before) override { throw StoreError("AccountStore: not implemented yet"); }
  void add_token(const OneTimeToken& token) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<OneTimeToken> find_token(std::string_view token_hash) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<OneTimeToken> use_token(std::string_view token_hash, std::string_view at) override { throw StoreError("AccountStore: not implemented yet"); }
  std::vector<OneTimeToken> pending_invitations(std::int64_t structure_id, std::string_view at) override { throw StoreError("AccountStore: not implemented yet"); }
  std::size_t delete_tokens_expired_before(std::string_view before) override { throw StoreError("AccountStore: not implemented yet"); }
  std::optional<ThrottleState> find_throttle(std::string_view key) override { throw StoreError("AccountStore: not implemented yet"); }
  void put_throttle(const ThrottleState& state) override { throw StoreError("AccountStore: not implemented yet"); }
  void clear_throttle(std::string_view key) override { throw StoreError("AccountStore: not implemented yet"); }
  std::size_t delete_throttle_before(std::string_view last_failure_before) override { throw StoreError("AccountStore: not implemented yet"); }
 private:
  [[maybe_unused]] SQLite::Database& db_;
};
}  // namespace

std::unique_ptr<AccountStore> make_account_store(SQLite::Database& db) { return std::make_unique<SqliteAccountStore>(db); }

}  // namespace relais::store::sqlite
