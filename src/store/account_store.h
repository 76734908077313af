// Accounts, structures, sessions, one-time tokens and login throttling
// (issue 5): the rows the accounts module works on, and nothing else. Rules
// (who may do what, hashing, expiry) live in accounts/; this interface only
// stores. Part of store::Store (Store::accounts()), on the same database.
//
// Times are UTC ISO 8601 text ("2026-12-01T10:00:00Z"), given by the caller
// (the accounts module owns the clock). Secrets are never stored in clear:
// session ids and one-time tokens by their SHA-256 (hex), passwords as
// Argon2id strings, TOTP seeds sealed (security/sealed.h).
// Every method is one transaction; a failure throws StoreError and changes
// nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relais::store {

// An organisation that runs places (association, CCAS, France Services…).
struct Structure {
  std::int64_t id = 0;  // set by add_structure
  std::string name;
  std::string siret;       // 14 digits, "" when unknown; unique when given
  std::string type;        // accounts::structure_types() value
  std::string address, code_postal, commune, code_insee;
  std::string status = "en_attente";  // "en_attente", "validee", "desactivee"
  std::string created_at;
  std::string validated_at;          // "" until validated
  std::optional<std::int64_t> validated_by;
  // Who asked for the structure on the public form (/espace/inscription),
  // until the request is validated (they are then invited as référent) or
  // refused: "" otherwise. Personal data, kept no longer than that.
  std::string contact_name, contact_email;
  friend bool operator==(const Structure&, const Structure&) = default;
};

// A place (by its store key) run by a structure; a place has at most one.
struct PlaceKey {
  std::string source, place_id;
  friend bool operator==(const PlaceKey&, const PlaceKey&) = default;
};

struct User {
  std::int64_t id = 0;  // set by add_user
  std::string email;    // unique, compared without case
  std::string display_name;
  std::string password_hash;     // Argon2id encoded string; "" = no password (magic links only)
  std::string totp_sealed_seed;  // sealed bytes; "" = no second factor enrolled (or enrolment pending)
  std::string totp_enrolled_at;  // "" while enrolment is pending
  std::optional<std::int64_t> totp_last_counter;  // last accepted TOTP time step (single use)
  bool is_admin = false;
  std::string status = "invite";  // "invite", "actif", "desactive", "supprime"
  std::string created_at, last_login_at, deleted_at;
  friend bool operator==(const User&, const User&) = default;
};

struct Membership {
  std::int64_t user_id = 0, structure_id = 0;
  std::string role;  // "mediateur" or "referent"
  bool active = true;
  std::string created_at, deactivated_at;
  friend bool operator==(const Membership&, const Membership&) = default;
};

// A coordinateur's territory: level "commune", "epci", "departement", "region".
struct TerritoryRole {
  std::int64_t user_id = 0;
  std::string level, code;
  friend bool operator==(const TerritoryRole&, const TerritoryRole&) = default;
};

struct Session {
  std::string id_hash;  // SHA-256 hex of the cookie value
  std::int64_t user_id = 0;
  std::string stage;    // "premier_facteur" (waiting for the second factor) or "complete"
  std::string csrf_token;
  std::string created_at, last_seen_at, second_factor_at, expires_at;
  std::string user_agent, ip;
  std::string revoked_at;  // "" while valid
  friend bool operator==(const Session&, const Session&) = default;
};

struct OneTimeToken {
  std::string token_hash;  // SHA-256 hex of the token sent by e-mail
  std::string purpose;     // "invitation" or "lien_connexion"
  std::string email;
  std::optional<std::int64_t> user_id;       // lien_connexion: the account
  std::optional<std::int64_t> structure_id;  // invitation: the structure joined
  std::string role;                          // invitation: "mediateur" or "referent"
  std::optional<std::int64_t> created_by;
  std::string created_at, expires_at, used_at;
  friend bool operator==(const OneTimeToken&, const OneTimeToken&) = default;
};

// Failed logins under one key ("compte:<email>" or "ip:<address>").
struct ThrottleState {
  std::string key;
  int failures = 0;
  std::string first_failure_at, last_failure_at;
  std::string blocked_until;  // "" when not blocked
  friend bool operator==(const ThrottleState&, const ThrottleState&) = default;
};

// A limit on events per sliding window, counted by admit_rate_event().
struct RateLimit {
  std::string scope;            // what is limited, e.g. "courriel_fiche"
  std::int64_t window_ms = 60'000;
  std::size_t per_key = 1;      // events one key may have in the window (>= 1)
  std::size_t per_scope = 1;    // events all keys together may have in the window (>= 1)
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Structures. add_structure returns the new id (StoreError on a duplicate
  // SIRET); update_structure rewrites every field of the row with that id.
  virtual std::int64_t add_structure(const Structure& structure) = 0;
  virtual void update_structure(const Structure& structure) = 0;
  virtual std::optional<Structure> find_structure(std::int64_t id) = 0;
  virtual std::vector<Structure> list_structures() = 0;  // by id
  // Attaches a place to a structure (replacing a previous structure).
  virtual void attach_place(std::int64_t structure_id, const PlaceKey& place) = 0;
  virtual void detach_place(const PlaceKey& place) = 0;
  virtual std::vector<PlaceKey> places_of_structure(std::int64_t structure_id) = 0;  // by (source, id)
  virtual std::optional<std::int64_t> structure_of_place(const PlaceKey& place) = 0;

  // Users. add_user returns the new id (StoreError when the e-mail exists).
  virtual std::int64_t add_user(const User& user) = 0;
  virtual void update_user(const User& user) = 0;
  virtual std::optional<User> find_user(std::int64_t id) = 0;
  virtual std::optional<User> find_user_by_email(std::string_view email) = 0;
  virtual std::vector<User> list_users() = 0;  // by id
  // Records `counter` as the last accepted TOTP step only if it is greater
  // than the stored one (atomic): false means the code was already used.
  virtual bool advance_totp_counter(std::int64_t user_id, std::int64_t counter) = 0;

  // Memberships: put_membership inserts or replaces (user_id, structure_id).
  virtual void put_membership(const Membership& membership) = 0;
  virtual std::vector<Membership> memberships_of_user(std::int64_t user_id) = 0;
  virtual std::vector<Membership> members_of_structure(std::int64_t structure_id) = 0;

  virtual void add_territory_role(const TerritoryRole& role) = 0;
  virtual void remove_territory_role(const TerritoryRole& role) = 0;
  virtual std::vector<TerritoryRole> territory_roles_of_user(std::int64_t user_id) = 0;

  // Recovery codes, by hash: replace_ drops the old ones; use_ marks one used
  // and returns true only if it existed unused (atomic).
  virtual void replace_recovery_codes(std::int64_t user_id, std::span<const std::string> code_hashes) = 0;
  virtual bool use_recovery_code(std::int64_t user_id, std::string_view code_hash, std::string_view at) = 0;
  virtual std::size_t unused_recovery_codes(std::int64_t user_id) = 0;

  // Sessions.
  virtual void add_session(const Session& session) = 0;
  virtual std::optional<Session> find_session(std::string_view id_hash) = 0;
  virtual void update_session(const Session& session) = 0;  // by id_hash
  virtual std::vector<Session> sessions_of_user(std::int64_t user_id) = 0;  // newest first, revoked included
  // Revokes every valid session of the user except `keep_id_hash`; returns how many.
  virtual std::size_t revoke_sessions_of_user(std::int64_t user_id, std::string_view at,
                                              std::string_view keep_id_hash = {}) = 0;
  // Deletes sessions expired or revoked before `before`; returns how many.
  virtual std::size_t delete_sessions_ended_before(std::string_view before) = 0;

  // One-time tokens. use_token marks it used and returns it only if it was
  // unused and expires after `at` (atomic: a token works once).
  virtual void add_token(const OneTimeToken& token) = 0;
  virtual std::optional<OneTimeToken> find_token(std::string_view token_hash) = 0;
  virtual std::optional<OneTimeToken> use_token(std::string_view token_hash, std::string_view at) = 0;
  virtual std::vector<OneTimeToken> pending_invitations(std::int64_t structure_id, std::string_view at) = 0;
  virtual std::size_t delete_tokens_expired_before(std::string_view before) = 0;

  // Login throttling.
  virtual std::optional<ThrottleState> find_throttle(std::string_view key) = 0;
  virtual void put_throttle(const ThrottleState& state) = 0;
  virtual void clear_throttle(std::string_view key) = 0;
  virtual std::size_t delete_throttle_before(std::string_view last_failure_before) = 0;

  // Rate limits shared by every process on the database (e-mails sent on a
  // client's request). Records one event of `scope` under `key` at `at_ms`
  // (milliseconds since the epoch) and returns true when, in the window
  // (at_ms - window_ms, at_ms], `key` had fewer than limit.per_key events and
  // the whole scope fewer than limit.per_scope (a flood of keys); otherwise
  // records nothing and returns false. Atomic across processes (write rule of
  // sql_connection.h): concurrent callers never admit more than the limits.
  // Events of the scope that left the window are deleted on the way, so the
  // table only holds the current window. `key` should not be personal data in
  // clear (callers store a keyed hash of the client's address).
  virtual bool admit_rate_event(const RateLimit& limit, std::string_view key, std::int64_t at_ms) = 0;
  // Deletes the events of every scope at or before `at_ms` (the periodic
  // purge, for scopes nobody used since); returns how many.
  virtual std::size_t delete_rate_events_before(std::int64_t at_ms) = 0;
};

}  // namespace relais::store
