// Staff accounts (issue 5): sign-in with a password or an e-mailed link plus
// a TOTP second factor (or a recovery code), server-side sessions, login
// throttling, invitations, members, structures, personal data duties.
// Everything here is checked and journalled; the web layer (staff/) only
// renders and calls. See docs/security.md for the rules and their sources.
//
// An Accounts object works on one Store (one thread at a time) and is cheap:
// build one per request.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/policy.h"
#include "journal/journal.h"
#include "mail/message.h"
#include "security/keys.h"
#include "store/account_store.h"
#include "store/store.h"

namespace relais::accounts {

struct Settings {
  std::chrono::minutes idle_timeout{15};        // then the second factor is asked again
  std::chrono::hours absolute_lifetime{12};     // then a new sign-in
  std::chrono::minutes first_factor_lifetime{10};  // to enter the second factor
  std::chrono::minutes magic_link_lifetime{10};
  std::chrono::hours invitation_lifetime{72};
  // Throttling (docs/security.md): per account, exponential delay after 5
  // failures (1 s, 2 s, 4 s… capped at 15 min), never a permanent lock; per
  // client address, 50 failures in 15 minutes block it 15 minutes.
  int account_free_failures = 5;
  std::chrono::minutes account_max_delay{15};
  int ip_max_failures = 50;
  std::chrono::minutes ip_window{15};
  int recovery_code_count = 10;
  std::string issuer = "Relais";  // shown in authenticator apps
  std::string base_url = "http://127.0.0.1:8080";  // for links in e-mails
};

// Who is asking, for throttling and the journal (personal: kept apart there).
struct Client {
  std::string ip;
  std::string user_agent;
};

// Sends an e-mail (the server's SMTP relay; a capture in tests). Throws on failure.
// Accounts leaves Message::from and from_name empty: the sender fills them
// from its SMTP settings.
using MailSender = std::function<void(const mail::Message&)>;

// A refusal the person can read (French, plain, never revealing whether an
// account exists), with the HTTP status the web layer should use.
class AccountError : public std::runtime_error {
 public:
  AccountError(int status, std::string message) : std::runtime_error(std::move(message)), status_(status) {}
  int status() const { return status_; }
 private:
  int status_;
};

enum class SignInStage {
  Refused,            // generic message; nothing else said
  Throttled,          // wait `retry_after`
  SecondFactorNeeded, // session at stage premier_facteur: ask the TOTP code (or a recovery code)
  EnrolmentNeeded,    // first factor passed, no TOTP yet: enrol now
  SignedIn,           // session complete
};

struct SignInResult {
  SignInStage stage = SignInStage::Refused;
  std::string session_token;  // raw cookie value when a (new) session was opened; "" otherwise
  std::string message;        // French, for the page
  std::chrono::seconds retry_after{0};
};

struct Enrolment {
  std::string secret_base32;  // to type in by hand
  std::string otpauth_uri;
  std::string qr_svg;         // security/qr.h of the URI
};

struct SessionView {
  std::string id;  // first 16 hex characters of id_hash (public reference)
  std::string created_at, last_seen_at, user_agent, ip;
  bool current = false;
};

struct MemberView {
  store::User user;  // password_hash and totp_sealed_seed blanked
  store::Membership membership;
};

class Accounts {
 public:
  Accounts(store::Store& store, const security::KeyRing& keys, Settings settings, MailSender mail,
           journal::JournalSettings journal_settings = {},
           std::function<std::chrono::sys_seconds()> clock = [] {
             return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
           });

  // --- Sign-in -----------------------------------------------------------
  // First factor by password. Same message and same work (a dummy Argon2id
  // verification) whether the e-mail exists or not.
  SignInResult sign_in_with_password(std::string_view email, std::string_view password, const Client& client);
  // Sends a sign-in link when the e-mail belongs to an active account;
  // always returns the same French message ("Si un compte existe…").
  std::string send_sign_in_link(std::string_view email, const Client& client);
  // First factor by the link's token (single use, 10 minutes).
  SignInResult sign_in_with_link(std::string_view token, const Client& client);
  // Second factor, on a session at stage premier_facteur (or to
  // re-authenticate a complete one): TOTP code or recovery code. On success
  // the session id is replaced (ASVS 7.2.4): use the returned token.
  SignInResult verify_second_factor(std::string_view session_token, std::string_view code, const Client& client);

  // The principal of a valid session, and the session touched (last_seen).
  // Nothing for an unknown, revoked or expired session, or one still at the
  // first factor. second_factor_fresh is false after idle_timeout.
  std::optional<Principal> authenticate(std::string_view session_token, const Client& client);
  // Stage premier_facteur sessions (second factor or enrolment pages): the
  // user id, or nothing.
  std::optional<std::int64_t> pending_user(std::string_view session_token);
  void sign_out(std::string_view session_token);

  // --- Enrolment ----------------------------------------------------------
  // Starts (or restarts) TOTP enrolment for the pending or signed-in user:
  // a new secret, stored sealed and not yet active.
  Enrolment begin_enrolment(std::string_view session_token);
  // Confirms with a code from the app: the second factor becomes active, the
  // session complete (new token), and recovery codes are returned (shown once).
  struct EnrolmentDone {
    std::string session_token;
    std::vector<std::string> recovery_codes;
  };
  EnrolmentDone confirm_enrolment(std::string_view session_token, std::string_view code, const Client& client);
  // New recovery codes (needs a fresh second factor).
  std::vector<std::string> renew_recovery_codes(const Principal& principal);
  // The name colleagues see (GDPR art. 16: the person corrects it); 1 to 200
  // characters. Journalled without the name.
  void change_display_name(const Principal& principal, std::string_view name);
  // AccountError 400 with the reason (password_problem) or when `current` is wrong.
  void change_password(const Principal& principal, std::string_view current, std::string_view new_password);

  // --- Invitations and members ----------------------------------------------
  // A référent of the structure (or an admin) invites `email` as `role`; an
  // e-mail with a link /espace/invitation/<token> (72 h) is sent. Returns the
  // link (the CLI prints it when no SMTP relay is configured).
  std::string invite(const Principal& principal, std::int64_t structure_id, std::string_view email,
                     std::string_view role);
  // The invitation behind a token, if still valid (for the acceptance page).
  std::optional<store::OneTimeToken> find_invitation(std::string_view token);
  // Accepts: creates the account (or adds the membership to an existing one
  // with the same e-mail), sets the password (optional: "" = links only), and
  // opens a first-factor session that must enrol TOTP next.
  SignInResult accept_invitation(std::string_view token, std::string_view display_name, std::string_view password,
                                 const Client& client);
  std::vector<MemberView> members(const Principal& principal, std::int64_t structure_id);
  std::vector<store::OneTimeToken> pending_invitations(const Principal& principal, std::int64_t structure_id);
  // Deactivates at once: membership inactive, and when the user has no other
  // active membership, every session revoked.
  void deactivate_member(const Principal& principal, std::int64_t structure_id, std::int64_t user_id);
  void change_role(const Principal& principal, std::int64_t structure_id, std::int64_t user_id,
                   std::string_view role);

  // --- Structures -----------------------------------------------------------
  std::int64_t create_structure(const Principal& principal, store::Structure structure);
  // A structure asks to join on the public form (/espace/inscription):
  // stored "en_attente" with the requester as its contact, journalled, and
  // the coordinateurs of its territory (else the admins) told by e-mail.
  // Throttled per client address (each request counts: 5 free, then an
  // exponential delay): AccountError 429. 400 for a wrong field, 409 when
  // the SIRET is already known.
  std::int64_t request_structure(store::Structure structure, std::string_view contact_name,
                                 std::string_view contact_email, const Client& client);
  // Validates a pending structure (coordinateur of its territory, or admin).
  // A requested one's contact is invited as référent (e-mailed link, 72 h)
  // and forgotten; returns that link ("" when there was no contact or the
  // structure was already validated). AccountError 409 for a deactivated one.
  std::string validate_structure(const Principal& principal, std::int64_t structure_id);
  // Invites the first référent of a validated structure that has no active
  // one (e.g. created by a coordinateur): allowed to whoever may validate it.
  // Returns the link; AccountError 409 when it already has a référent.
  std::string invite_first_referent(const Principal& principal, std::int64_t structure_id, std::string_view email);
  // Refuses a pending request: the structure is deactivated, its contact told
  // by e-mail (with `reason` when given) and forgotten.
  void refuse_structure(const Principal& principal, std::int64_t structure_id, std::string_view reason);
  // Attaches a place to a structure (coordinateur of both their territories,
  // or admin). `place_code_insee`: the place's commune as the catalogue
  // derived it, used when the record itself has no code INSEE.
  void attach_place(const Principal& principal, std::int64_t structure_id, const store::PlaceKey& place,
                    std::string_view place_code_insee = {});
  void detach_place(const Principal& principal, std::int64_t structure_id, const store::PlaceKey& place);
  // Structures the principal belongs to, or all those of its territories, or all (admin).
  std::vector<store::Structure> visible_structures(const Principal& principal);
  void grant_territory(const Principal& principal, std::int64_t user_id, const store::TerritoryRole& role);

  // --- Sessions, personal data -------------------------------------------
  std::vector<SessionView> sessions(const Principal& principal);
  void revoke_session(const Principal& principal, std::string_view session_id);
  // Everything stored about the principal's account (profile, memberships,
  // sessions, journal entries about them with their personal fields), as JSON.
  nlohmann::json export_account_data(const Principal& principal);
  // Deletes the account: the user row anonymised (e-mail, name, secrets
  // blanked, status supprime), memberships inactive, sessions revoked, the
  // journal's personal fields about the user erased (the chain still verifies).
  void delete_account(const Principal& principal);

  // --- Administration (CLI) -------------------------------------------------
  // Creates an admin invitation for `email` (no principal: the operator runs
  // the CLI on the machine) and returns its link.
  std::string bootstrap_admin(std::string_view email);

  // --- Operator (CLI) ---------------------------------------------------------
  // The operator at the machine is trusted (it can read the database anyway):
  // these act without a principal, are journalled with no actor, and send no
  // e-mail (the CLI prints the link for the operator to pass on).
  // A structure created already validated; AccountError(400) when a field is wrong.
  std::int64_t operator_create_structure(store::Structure structure);
  void operator_attach_place(std::int64_t structure_id, const store::PlaceKey& place);
  // An invitation link to join `structure_id` as `role` (72 h).
  std::string operator_invite(std::int64_t structure_id, std::string_view email, std::string_view role);
  // Grants a territory to the account of `email`: when it does not exist yet,
  // it is created (status invite) and the invitation link is returned; "" otherwise.
  std::string operator_grant_territory(std::string_view email, const store::TerritoryRole& role);

  // Records a security event on behalf of the web layer (refused CSRF token,
  // refused authorisation, oversized request…).
  void record(const journal::Event& event);
  journal::Journal& journal();

  // Throws AccountError(403) unless allowed(principal, action, target), and
  // AccountError(401) when the action needs a fresh second factor and it is
  // not; the refusal is journalled.
  void require(const Principal& principal, Action action, const Target& target);

 private:
  std::chrono::sys_seconds now() const { return clock_(); }
  std::string now_text() const;
  // Throttling: the wait still due under these keys (0 when free), a failure
  // counted under them, and the Throttled result.
  std::chrono::seconds throttle_wait(const std::vector<std::string>& keys);
  void count_failure(const std::string& key, bool per_account);
  SignInResult throttled(std::chrono::seconds wait, std::string_view email, const Client& client,
                         std::optional<std::int64_t> user_id);
  SignInResult refused(std::string_view reason, std::string_view email, const Client& client,
                       std::optional<std::int64_t> user_id);
  // A new session of `user_id` at `stage`; returns the raw token.
  std::string open_session(std::int64_t user_id, std::string_view stage, const Client& client);
  // Replaces a session by a complete one with a new id (ASVS 7.2.4); returns the raw token.
  std::string rotate_to_complete(const store::Session& old, const Client& client);
  // A valid (not revoked, not expired) session by raw token.
  std::optional<store::Session> valid_session(std::string_view session_token);
  SignInResult first_factor_passed(const store::User& user, const Client& client);
  bool has_second_factor(const store::User& user);
  std::vector<std::string> new_recovery_codes(std::int64_t user_id);
  Target structure_target(const store::Structure& structure);
  Target commune_target(const std::string& code_insee);
  store::Structure checked_structure(store::Structure structure);
  // The structure `structure_id` once `action` on it is allowed (require(),
  // refusals journalled); AccountError 404 when there is none.
  store::Structure authorised_structure(const Principal& principal, Action action, std::int64_t structure_id);
  std::string issue_invitation(std::optional<std::int64_t> by, std::optional<std::int64_t> structure_id,
                               std::optional<std::int64_t> user_id, const std::string& email,
                               const std::string& role);
  nlohmann::json personal(std::string_view email, const Client& client) const;
  // Invitation of `email` as référent of `structure`, e-mailed; returns the link.
  std::string send_referent_invitation(std::optional<std::int64_t> by, const store::Structure& structure,
                                       const std::string& email);
  void send(mail::Message message);

  store::Store& store_;
  const security::KeyRing& keys_;
  Settings settings_;
  MailSender mail_;
  std::function<std::chrono::sys_seconds()> clock_;
  journal::Journal journal_;
};

// The structure types offered in forms (value, French label).
const std::vector<std::pair<std::string, std::string>>& structure_types();

}  // namespace relais::accounts
