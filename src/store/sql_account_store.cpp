// AccountStore (store/account_store.h) on either backend, on the connection
// of the Store that owns it. Optional text columns are NULL
// in the database and "" in the rows. The single-use operations
// (advance_totp_counter, use_recovery_code, use_token) are one conditional
// UPDATE each, checked by its changed-row count, so two concurrent uses of the
// same code cannot both succeed.
#include "store/sql_parts.h"
#include "store/store.h"

namespace relais::store::sql {
namespace {

// "" -> NULL, so that UNIQUE (siret) allows several unknown values.
void bind_text_or_null(sql::Statement& s, int index, const std::string& value) {
  if (value.empty()) s.bind(index);
  else s.bind(index, value);
}

constexpr const char* kStructureColumns =
    "id, name, siret, type, address, code_postal, commune, code_insee, status, created_at, validated_at, "
    "validated_by, contact_name, contact_email";
constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, totp_sealed_seed, totp_enrolled_at, totp_last_counter, is_admin, "
    "status, created_at, last_login_at, deleted_at";
constexpr const char* kSessionColumns =
    "id_hash, user_id, stage, csrf_token, created_at, last_seen_at, second_factor_at, expires_at, user_agent, ip, "
    "revoked_at";
constexpr const char* kTokenColumns =
    "token_hash, purpose, email, user_id, structure_id, role, created_by, created_at, expires_at, used_at";

Structure structure_row(sql::Statement& q) {
  Structure s;
  s.id = q.int64(0);
  s.name = q.text(1);
  s.siret = q.text(2);
  s.type = q.text(3);
  s.address = q.text(4);
  s.code_postal = q.text(5);
  s.commune = q.text(6);
  s.code_insee = q.text(7);
  s.status = q.text(8);
  s.created_at = q.text(9);
  s.validated_at = q.text(10);
  s.validated_by = q.optional_int64(11);
  s.contact_name = q.text(12);
  s.contact_email = q.text(13);
  return s;
}

User user_row(sql::Statement& q) {
  User u;
  u.id = q.int64(0);
  u.email = q.text(1);
  u.display_name = q.text(2);
  u.password_hash = q.text(3);
  u.totp_sealed_seed = q.is_null(4) ? std::string() : q.blob(4);
  u.totp_enrolled_at = q.text(5);
  u.totp_last_counter = q.optional_int64(6);
  u.is_admin = q.int32(7) != 0;
  u.status = q.text(8);
  u.created_at = q.text(9);
  u.last_login_at = q.text(10);
  u.deleted_at = q.text(11);
  return u;
}

Membership membership_row(sql::Statement& q) {
  return {q.int64(0), q.int64(1), q.text(2),
          q.int32(3) != 0, q.text(4), q.text(5)};
}

Session session_row(sql::Statement& q) {
  Session s;
  s.id_hash = q.text(0);
  s.user_id = q.int64(1);
  s.stage = q.text(2);
  s.csrf_token = q.text(3);
  s.created_at = q.text(4);
  s.last_seen_at = q.text(5);
  s.second_factor_at = q.text(6);
  s.expires_at = q.text(7);
  s.user_agent = q.text(8);
  s.ip = q.text(9);
  s.revoked_at = q.text(10);
  return s;
}

OneTimeToken token_row(sql::Statement& q) {
  OneTimeToken t;
  t.token_hash = q.text(0);
  t.purpose = q.text(1);
  t.email = q.text(2);
  t.user_id = q.optional_int64(3);
  t.structure_id = q.optional_int64(4);
  t.role = q.text(5);
  t.created_by = q.optional_int64(6);
  t.created_at = q.text(7);
  t.expires_at = q.text(8);
  t.used_at = q.text(9);
  return t;
}

std::string select_from(const char* columns, const char* rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

class SqlAccountStore final : public AccountStore {
 public:
  explicit SqlAccountStore(sql::Connection& db) : db_(db) {}

  // --- Structures -----------------------------------------------------------

  std::int64_t add_structure(const Structure& structure) override {
    return guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO structures (name, siret, type, address, code_postal, commune, code_insee, "
                          "status, created_at, validated_at, validated_by, contact_name, contact_email) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      bind_structure(s, structure);
      return s.returned_id();
    });
  }

  void update_structure(const Structure& structure) override {
    guarded([&] {
      sql::Statement s(db_,
                          "UPDATE structures SET name = ?, siret = ?, type = ?, address = ?, code_postal = ?, "
                          "commune = ?, code_insee = ?, status = ?, created_at = ?, validated_at = ?, "
                          "validated_by = ?, contact_name = ?, contact_email = ? WHERE id = ?");
      bind_structure(s, structure);
      s.bind(14, structure.id);
      if (s.exec() != 1) throw StoreError("store: no structure " + std::to_string(structure.id));
    });
  }

  std::optional<Structure> find_structure(std::int64_t id) override {
    return guarded([&]() -> std::optional<Structure> {
      sql::Statement q(db_, select_from(kStructureColumns, "FROM structures WHERE id = ?"));
      q.bind(1, id);
      if (!q.step()) return std::nullopt;
      return structure_row(q);
    });
  }

  std::vector<Structure> list_structures() override {
    return guarded([&] {
      sql::Statement q(db_, select_from(kStructureColumns, "FROM structures ORDER BY id"));
      std::vector<Structure> out;
      while (q.step()) out.push_back(structure_row(q));
      return out;
    });
  }

  void attach_place(std::int64_t structure_id, const PlaceKey& place) override {
    guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO structure_places (structure_id, source, place_id) VALUES (?, ?, ?) "
                          "ON CONFLICT (source, place_id) DO UPDATE SET structure_id = excluded.structure_id");
      s.bind(1, structure_id);
      s.bind(2, place.source);
      s.bind(3, place.place_id);
      s.exec();
    });
  }

  void detach_place(const PlaceKey& place) override {
    guarded([&] {
      sql::Statement s(db_, "DELETE FROM structure_places WHERE source = ? AND place_id = ?");
      s.bind(1, place.source);
      s.bind(2, place.place_id);
      s.exec();
    });
  }

  std::vector<PlaceKey> places_of_structure(std::int64_t structure_id) override {
    return guarded([&] {
      sql::Statement q(db_,
                          "SELECT source, place_id FROM structure_places WHERE structure_id = ? "
                          "ORDER BY source, place_id");
      q.bind(1, structure_id);
      std::vector<PlaceKey> out;
      while (q.step()) out.push_back({q.text(0), q.text(1)});
      return out;
    });
  }

  std::optional<std::int64_t> structure_of_place(const PlaceKey& place) override {
    return guarded([&]() -> std::optional<std::int64_t> {
      sql::Statement q(db_, "SELECT structure_id FROM structure_places WHERE source = ? AND place_id = ?");
      q.bind(1, place.source);
      q.bind(2, place.place_id);
      if (!q.step()) return std::nullopt;
      return q.int64(0);
    });
  }

  // --- Users ------------------------------------------------------------------

  std::int64_t add_user(const User& user) override {
    return guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO users (email, display_name, password_hash, totp_sealed_seed, "
                          "totp_enrolled_at, totp_last_counter, is_admin, status, created_at, last_login_at, "
                          "deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      bind_user(s, user);
      return s.returned_id();
    });
  }

  void update_user(const User& user) override {
    guarded([&] {
      sql::Statement s(db_,
                          "UPDATE users SET email = ?, display_name = ?, password_hash = ?, totp_sealed_seed = ?, "
                          "totp_enrolled_at = ?, totp_last_counter = ?, is_admin = ?, status = ?, created_at = ?, "
                          "last_login_at = ?, deleted_at = ? WHERE id = ?");
      bind_user(s, user);
      s.bind(12, user.id);
      if (s.exec() != 1) throw StoreError("store: no user " + std::to_string(user.id));
    });
  }

  std::optional<User> find_user(std::int64_t id) override {
    return guarded([&]() -> std::optional<User> {
      sql::Statement q(db_, select_from(kUserColumns, "FROM users WHERE id = ?"));
      q.bind(1, id);
      if (!q.step()) return std::nullopt;
      return user_row(q);
    });
  }

  std::optional<User> find_user_by_email(std::string_view email) override {
    return guarded([&]() -> std::optional<User> {
      // Without case, as the unique index on lower(email) (the schemas).
      sql::Statement q(db_, select_from(kUserColumns, "FROM users WHERE lower(email) = lower(?)"));
      q.bind(1, std::string(email));
      if (!q.step()) return std::nullopt;
      return user_row(q);
    });
  }

  std::vector<User> list_users() override {
    return guarded([&] {
      sql::Statement q(db_, select_from(kUserColumns, "FROM users ORDER BY id"));
      std::vector<User> out;
      while (q.step()) out.push_back(user_row(q));
      return out;
    });
  }

  bool advance_totp_counter(std::int64_t user_id, std::int64_t counter) override {
    return guarded([&] {
      sql::Statement s(db_,
                          "UPDATE users SET totp_last_counter = ? WHERE id = ? "
                          "AND (totp_last_counter IS NULL OR totp_last_counter < ?)");
      s.bind(1, counter);
      s.bind(2, user_id);
      s.bind(3, counter);
      return s.exec() == 1;
    });
  }

  // --- Memberships and territories ---------------------------------------------

  void put_membership(const Membership& m) override {
    guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO memberships (user_id, structure_id, role, active, created_at, deactivated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, structure_id) DO UPDATE SET "
                          "role = excluded.role, active = excluded.active, created_at = excluded.created_at, "
                          "deactivated_at = excluded.deactivated_at");
      s.bind(1, m.user_id);
      s.bind(2, m.structure_id);
      s.bind(3, m.role);
      s.bind(4, m.active ? 1 : 0);
      s.bind(5, m.created_at);
      bind_text_or_null(s, 6, m.deactivated_at);
      s.exec();
    });
  }

  std::vector<Membership> memberships_of_user(std::int64_t user_id) override {
    return memberships("SELECT user_id, structure_id, role, active, created_at, deactivated_at FROM memberships "
                       "WHERE user_id = ? ORDER BY structure_id",
                       user_id);
  }

  std::vector<Membership> members_of_structure(std::int64_t structure_id) override {
    return memberships("SELECT user_id, structure_id, role, active, created_at, deactivated_at FROM memberships "
                       "WHERE structure_id = ? ORDER BY user_id",
                       structure_id);
  }

  void add_territory_role(const TerritoryRole& role) override {
    guarded([&] {
      sql::Statement s(db_, "INSERT INTO territory_roles (user_id, level, code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
      s.bind(1, role.user_id);
      s.bind(2, role.level);
      s.bind(3, role.code);
      s.exec();
    });
  }

  void remove_territory_role(const TerritoryRole& role) override {
    guarded([&] {
      sql::Statement s(db_, "DELETE FROM territory_roles WHERE user_id = ? AND level = ? AND code = ?");
      s.bind(1, role.user_id);
      s.bind(2, role.level);
      s.bind(3, role.code);
      s.exec();
    });
  }

  std::vector<TerritoryRole> territory_roles_of_user(std::int64_t user_id) override {
    return guarded([&] {
      sql::Statement q(db_,
                          "SELECT user_id, level, code FROM territory_roles WHERE user_id = ? ORDER BY level, code");
      q.bind(1, user_id);
      std::vector<TerritoryRole> out;
      while (q.step()) {
        out.push_back({q.int64(0), q.text(1), q.text(2)});
      }
      return out;
    });
  }

  // --- Recovery codes ---------------------------------------------------------

  void replace_recovery_codes(std::int64_t user_id, std::span<const std::string> code_hashes) override {
    guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement drop(db_, "DELETE FROM recovery_codes WHERE user_id = ?");
      drop.bind(1, user_id);
      drop.exec();
      sql::Statement add(db_, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)");
      for (const std::string& hash : code_hashes) {
        add.bind(1, user_id);
        add.bind(2, hash);
        add.exec();
        add.reset();
      }
      tx.commit();
    });
  }

  bool use_recovery_code(std::int64_t user_id, std::string_view code_hash, std::string_view at) override {
    return guarded([&] {
      sql::Statement s(db_,
                          "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? "
                          "AND used_at IS NULL");
      s.bind(1, std::string(at));
      s.bind(2, user_id);
      s.bind(3, std::string(code_hash));
      return s.exec() == 1;
    });
  }

  std::size_t unused_recovery_codes(std::int64_t user_id) override {
    return guarded([&] {
      sql::Statement q(db_, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL");
      q.bind(1, user_id);
      q.step();
      return static_cast<std::size_t>(q.int64(0));
    });
  }

  // --- Sessions ----------------------------------------------------------------

  void add_session(const Session& session) override {
    guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO sessions (id_hash, user_id, stage, csrf_token, created_at, last_seen_at, "
                          "second_factor_at, expires_at, user_agent, ip, revoked_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, session.id_hash);
      bind_session_fields(s, 2, session);
      s.exec();
    });
  }

  std::optional<Session> find_session(std::string_view id_hash) override {
    return guarded([&]() -> std::optional<Session> {
      sql::Statement q(db_, select_from(kSessionColumns, "FROM sessions WHERE id_hash = ?"));
      q.bind(1, std::string(id_hash));
      if (!q.step()) return std::nullopt;
      return session_row(q);
    });
  }

  void update_session(const Session& session) override {
    guarded([&] {
      sql::Statement s(db_,
                          "UPDATE sessions SET user_id = ?, stage = ?, csrf_token = ?, created_at = ?, "
                          "last_seen_at = ?, second_factor_at = ?, expires_at = ?, user_agent = ?, ip = ?, "
                          "revoked_at = ? WHERE id_hash = ?");
      bind_session_fields(s, 1, session);
      s.bind(11, session.id_hash);
      if (s.exec() != 1) throw StoreError("store: no such session");
    });
  }

  std::vector<Session> sessions_of_user(std::int64_t user_id) override {
    return guarded([&] {
      sql::Statement q(db_, select_from(kSessionColumns,
                                           "FROM sessions WHERE user_id = ? ORDER BY created_at DESC, rowid DESC"));
      q.bind(1, user_id);
      std::vector<Session> out;
      while (q.step()) out.push_back(session_row(q));
      return out;
    });
  }

  std::size_t revoke_sessions_of_user(std::int64_t user_id, std::string_view at,
                                      std::string_view keep_id_hash) override {
    return guarded([&] {
      sql::Statement s(db_,
                          "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL "
                          "AND id_hash <> ?");
      s.bind(1, std::string(at));
      s.bind(2, user_id);
      s.bind(3, std::string(keep_id_hash));
      return static_cast<std::size_t>(s.exec());
    });
  }

  std::size_t delete_sessions_ended_before(std::string_view before) override {
    return guarded([&] {
      sql::Statement s(db_, "DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1");
      s.bind(1, std::string(before));
      return static_cast<std::size_t>(s.exec());
    });
  }

  // --- One-time tokens ---------------------------------------------------------

  void add_token(const OneTimeToken& t) override {
    guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO one_time_tokens (token_hash, purpose, email, user_id, structure_id, role, "
                          "created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, t.token_hash);
      s.bind(2, t.purpose);
      s.bind(3, t.email);
      s.bind(4, t.user_id);
      s.bind(5, t.structure_id);
      bind_text_or_null(s, 6, t.role);
      s.bind(7, t.created_by);
      s.bind(8, t.created_at);
      s.bind(9, t.expires_at);
      bind_text_or_null(s, 10, t.used_at);
      s.exec();
    });
  }

  std::optional<OneTimeToken> find_token(std::string_view token_hash) override {
    return guarded([&]() -> std::optional<OneTimeToken> {
      sql::Statement q(db_, select_from(kTokenColumns, "FROM one_time_tokens WHERE token_hash = ?"));
      q.bind(1, std::string(token_hash));
      if (!q.step()) return std::nullopt;
      return token_row(q);
    });
  }

  std::optional<OneTimeToken> use_token(std::string_view token_hash, std::string_view at) override {
    return guarded([&]() -> std::optional<OneTimeToken> {
      sql::WriteTransaction tx(db_);
      sql::Statement s(db_,
                          "UPDATE one_time_tokens SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL "
                          "AND expires_at > ?1");
      s.bind(1, std::string(at));
      s.bind(2, std::string(token_hash));
      if (s.exec() != 1) return std::nullopt;
      sql::Statement q(db_, select_from(kTokenColumns, "FROM one_time_tokens WHERE token_hash = ?"));
      q.bind(1, std::string(token_hash));
      q.step();
      OneTimeToken token = token_row(q);
      tx.commit();
      return token;
    });
  }

  std::vector<OneTimeToken> pending_invitations(std::int64_t structure_id, std::string_view at) override {
    return guarded([&] {
      sql::Statement q(db_, select_from(kTokenColumns,
                                           "FROM one_time_tokens WHERE purpose = 'invitation' AND structure_id = ? "
                                           "AND used_at IS NULL AND expires_at > ? ORDER BY created_at, token_hash"));
      q.bind(1, structure_id);
      q.bind(2, std::string(at));
      std::vector<OneTimeToken> out;
      while (q.step()) out.push_back(token_row(q));
      return out;
    });
  }

  std::size_t delete_tokens_expired_before(std::string_view before) override {
    return guarded([&] {
      sql::Statement s(db_, "DELETE FROM one_time_tokens WHERE expires_at < ?");
      s.bind(1, std::string(before));
      return static_cast<std::size_t>(s.exec());
    });
  }

  // --- Throttling ----------------------------------------------------------------

  std::optional<ThrottleState> find_throttle(std::string_view key) override {
    return guarded([&]() -> std::optional<ThrottleState> {
      sql::Statement q(db_,
                          "SELECT key, failures, first_failure_at, last_failure_at, blocked_until "
                          "FROM login_throttle WHERE key = ?");
      q.bind(1, std::string(key));
      if (!q.step()) return std::nullopt;
      return ThrottleState{q.text(0), q.int32(1), q.text(2),
                           q.text(3), q.text(4)};
    });
  }

  void put_throttle(const ThrottleState& state) override {
    guarded([&] {
      sql::Statement s(db_,
                          "INSERT INTO login_throttle (key, failures, first_failure_at, last_failure_at, "
                          "blocked_until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                          "failures = excluded.failures, first_failure_at = excluded.first_failure_at, "
                          "last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until");
      s.bind(1, state.key);
      s.bind(2, state.failures);
      s.bind(3, state.first_failure_at);
      s.bind(4, state.last_failure_at);
      bind_text_or_null(s, 5, state.blocked_until);
      s.exec();
    });
  }

  void clear_throttle(std::string_view key) override {
    guarded([&] {
      sql::Statement s(db_, "DELETE FROM login_throttle WHERE key = ?");
      s.bind(1, std::string(key));
      s.exec();
    });
  }

  std::size_t delete_throttle_before(std::string_view last_failure_before) override {
    return guarded([&] {
      // A row still blocking is kept even when its last failure is old.
      sql::Statement s(db_,
                          "DELETE FROM login_throttle WHERE last_failure_at < ?1 "
                          "AND (blocked_until IS NULL OR blocked_until < ?1)");
      s.bind(1, std::string(last_failure_before));
      return static_cast<std::size_t>(s.exec());
    });
  }

  // --- Rate limits -------------------------------------------------------------

  bool admit_rate_event(const RateLimit& limit, std::string_view key, std::int64_t at_ms) override {
    return guarded([&] {
      // Count-then-insert is safe because write transactions are serialised
      // across processes (sql_connection.h), without a table lock.
      sql::WriteTransaction tx(db_);
      const std::int64_t window_start = at_ms - limit.window_ms;
      sql::Statement purge(db_, "DELETE FROM rate_events WHERE scope = ? AND at_ms <= ?");
      purge.bind(1, limit.scope);
      purge.bind(2, window_start);
      purge.exec();
      // Every event of the scope, and those of `key` among them.
      sql::Statement counts(db_,
                            "SELECT count(*), coalesce(sum(CASE WHEN key = ? THEN 1 ELSE 0 END), 0) "
                            "FROM rate_events WHERE scope = ?");
      counts.bind(1, std::string(key));
      counts.bind(2, limit.scope);
      counts.step();
      const bool admitted = static_cast<std::size_t>(counts.int64(0)) < limit.per_scope &&
                            static_cast<std::size_t>(counts.int64(1)) < limit.per_key;
      counts.reset();
      if (admitted) {
        sql::Statement add(db_, "INSERT INTO rate_events (scope, key, at_ms) VALUES (?, ?, ?)");
        add.bind(1, limit.scope);
        add.bind(2, std::string(key));
        add.bind(3, at_ms);
        add.exec();
      }
      tx.commit();
      return admitted;
    });
  }

  std::size_t delete_rate_events_before(std::int64_t at_ms) override {
    return guarded([&] {
      sql::Statement s(db_, "DELETE FROM rate_events WHERE at_ms <= ?");
      s.bind(1, at_ms);
      return static_cast<std::size_t>(s.exec());
    });
  }

 private:
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const sql::Error& e) {
      throw StoreError(std::string("store: ") + e.what());
    }
  }

  std::vector<Membership> memberships(const char* sql, std::int64_t id) {
    return guarded([&] {
      sql::Statement q(db_, sql);
      q.bind(1, id);
      std::vector<Membership> out;
      while (q.step()) out.push_back(membership_row(q));
      return out;
    });
  }

  static void bind_structure(sql::Statement& s, const Structure& st) {
    s.bind(1, st.name);
    bind_text_or_null(s, 2, st.siret);
    s.bind(3, st.type);
    s.bind(4, st.address);
    s.bind(5, st.code_postal);
    s.bind(6, st.commune);
    s.bind(7, st.code_insee);
    s.bind(8, st.status);
    s.bind(9, st.created_at);
    bind_text_or_null(s, 10, st.validated_at);
    s.bind(11, st.validated_by);
    bind_text_or_null(s, 12, st.contact_name);
    bind_text_or_null(s, 13, st.contact_email);
  }

  static void bind_user(sql::Statement& s, const User& u) {
    s.bind(1, u.email);
    s.bind(2, u.display_name);
    bind_text_or_null(s, 3, u.password_hash);
    if (u.totp_sealed_seed.empty()) s.bind(4);
    else s.bind(4, sql::Blob{u.totp_sealed_seed});
    bind_text_or_null(s, 5, u.totp_enrolled_at);
    s.bind(6, u.totp_last_counter);
    s.bind(7, u.is_admin ? 1 : 0);
    s.bind(8, u.status);
    s.bind(9, u.created_at);
    bind_text_or_null(s, 10, u.last_login_at);
    bind_text_or_null(s, 11, u.deleted_at);
  }

  // user_id … revoked_at (10 values) from `first`.
  static void bind_session_fields(sql::Statement& s, int first, const Session& x) {
    s.bind(first, x.user_id);
    s.bind(first + 1, x.stage);
    s.bind(first + 2, x.csrf_token);
    s.bind(first + 3, x.created_at);
    s.bind(first + 4, x.last_seen_at);
    bind_text_or_null(s, first + 5, x.second_factor_at);
    s.bind(first + 6, x.expires_at);
    s.bind(first + 7, x.user_agent);
    s.bind(first + 8, x.ip);
    bind_text_or_null(s, first + 9, x.revoked_at);
  }

  sql::Connection& db_;
};

}  // namespace

std::unique_ptr<AccountStore> make_account_store(sql::Connection& db) {
  return std::make_unique<SqlAccountStore>(db);
}

}  // namespace relais::store::sql
