#include "accounts/accounts.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "accounts/erasure.h"
#include "accounts/time_text.h"
#include "mail/message.h"
#include "security/password.h"
#include "security/qr.h"
#include "security/random.h"
#include "security/sealed.h"
#include "security/totp.h"
#include "store/store.h"

namespace relais::accounts {
namespace {

using namespace std::chrono;
namespace action = journal::action;

// AC's generic refusal (reference §1.7): the same for an unknown e-mail, a
// wrong password or code, and an inactive account.
constexpr const char* kRefused = "Les informations saisies ne permettent pas de vous identifier.";
constexpr const char* kLinkSent =
    "Si un compte actif correspond à cette adresse, un lien de connexion vient de lui être envoyé. "
    "Il est valable 10 minutes.";
constexpr const char* kInvitationInvalid =
    "Ce lien d'invitation n'est plus valable. Demandez une nouvelle invitation à la personne référente de "
    "votre structure.";
constexpr const char* kForbidden = "Vous n'avez pas accès à cette page.";
constexpr const char* kNeedsFreshFactor =
    "Pour continuer, saisissez à nouveau le code de votre application d'authentification.";

// `text` without its leading and trailing white space.
std::string trimmed(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string normalise_email(std::string_view email) {
  std::string out = trimmed(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// A plain message with a link, as text and as a minimal HTML document.
mail::Message link_message(std::string to, std::string subject, const std::string& intro, const std::string& link,
                           const std::string& outro) {
  mail::Message m;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.text = intro + "\n\n" + link + "\n\n" + outro + "\n";
  m.html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + html_escape(m.subject) +
           "</title></head><body><p>" + html_escape(intro) + "</p><p><a href=\"" + html_escape(link) + "\">" +
           html_escape(link) + "</a></p><p>" + html_escape(outro) + "</p></body></html>";
  return m;
}

// "2 minutes", "30 secondes": how long to wait, rounded up.
std::string wait_text(seconds wait) {
  if (wait >= minutes(2)) {
    const auto m = (wait.count() + 59) / 60;
    return std::to_string(m) + " minutes";
  }
  if (wait > seconds(1)) return std::to_string(wait.count()) + " secondes";
  return "1 seconde";
}

// INSEE's control key of a SIRET (14 digits): its Luhn sum is a multiple of
// 10; La Poste's establishments (SIREN 356000000) are numbered otherwise, and
// their digits sum to a multiple of 5. By hand: a dozen lines that no
// library in Debian offers for C++.
bool siret_key_is_valid(std::string_view siret) {
  int luhn = 0, digits = 0;
  for (std::size_t i = 0; i < siret.size(); ++i) {
    const int digit = siret[siret.size() - 1 - i] - '0';
    luhn += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
    digits += digit;
  }
  return luhn % 10 == 0 || (siret.starts_with("356000000") && digits % 5 == 0);
}

bool valid_member_role(std::string_view role) { return role == "mediateur" || role == "referent"; }

bool valid_level(std::string_view level) {
  return level == "commune" || level == "epci" || level == "departement" || level == "region";
}

store::User without_secrets(store::User user) {
  user.password_hash.clear();
  user.totp_sealed_seed.clear();
  return user;
}

Target of_structure(std::int64_t structure_id) {
  Target t;
  t.structure_id = structure_id;
  return t;
}

std::string seed_context(std::int64_t user_id) { return "totp:" + std::to_string(user_id); }

const std::string& dummy_hash() {
  // Computed once: verified against when the e-mail is unknown, so that an
  // unknown account costs the same Argon2id work as a known one.
  static const std::string hash = security::hash_password("relais-compte-inexistant-" + security::random_token(16));
  return hash;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& structure_types() {
  static const std::vector<std::pair<std::string, std::string>> types = {
      {"france_services", "France Services"},
      {"ccas", "CCAS ou CIAS"},
      {"collectivite", "Collectivité (mairie, intercommunalité, département)"},
      {"association", "Association"},
      {"centre_social", "Centre social"},
      {"mediatheque", "Médiathèque ou bibliothèque"},
      {"tiers_lieu", "Tiers-lieu ou espace public numérique"},
      {"autre", "Autre"},
  };
  return types;
}

Accounts::Accounts(store::Store& store, const security::KeyRing& keys, Settings settings, MailSender mail,
                   journal::JournalSettings journal_settings, std::function<sys_seconds()> clock)
    : store_(store),
      keys_(keys),
      settings_(std::move(settings)),
      mail_(std::move(mail)),
      clock_(std::move(clock)),
      journal_(store.journal(), keys, std::move(journal_settings), clock_) {}

std::string Accounts::now_text() const { return time_text(now()); }

nlohmann::json Accounts::personal(std::string_view email, const Client& client) const {
  nlohmann::json p = nlohmann::json::object();
  if (!email.empty()) p["email"] = std::string(email);
  if (!client.ip.empty()) p["ip"] = client.ip;
  if (!client.user_agent.empty()) p["user_agent"] = client.user_agent;
  return p;
}

void Accounts::send(mail::Message message) {
  if (mail_) mail_(message);
}

// --- Throttling ----------------------------------------------------------------

seconds Accounts::throttle_wait(const std::vector<std::string>& keys) {
  seconds wait{0};
  const auto at = now();
  for (const auto& key : keys) {
    const auto state = store_.accounts().find_throttle(key);
    if (!state || state->blocked_until.empty()) continue;
    const auto until = parse_time_text(state->blocked_until);
    if (until > at) wait = std::max(wait, duration_cast<seconds>(until - at));
  }
  return wait;
}

void Accounts::count_failure(const std::string& key, bool per_account) {
  auto& a = store_.accounts();
  const auto at = now();
  const std::string at_text = time_text(at);
  store::ThrottleState state = a.find_throttle(key).value_or(store::ThrottleState{key, 0, at_text, at_text, ""});
  if (per_account) {
    // Exponential delay after the free failures: 1 s, 2 s, 4 s… capped; never a permanent lock.
    ++state.failures;
    state.last_failure_at = at_text;
    const int over = state.failures - settings_.account_free_failures;
    if (over > 0) {
      const seconds cap = duration_cast<seconds>(settings_.account_max_delay);
      seconds delay = over > 30 ? cap : std::min(cap, seconds(std::int64_t{1} << (over - 1)));
      state.blocked_until = time_text(at + delay);
    }
  } else {
    // A window of ip_window from the first failure; ip_max_failures in it block for ip_window.
    if (parse_time_text(state.first_failure_at) + settings_.ip_window <= at) {
      state = store::ThrottleState{key, 0, at_text, at_text, ""};
    }
    ++state.failures;
    state.last_failure_at = at_text;
    if (state.failures >= settings_.ip_max_failures) state.blocked_until = time_text(at + settings_.ip_window);
  }
  a.put_throttle(state);
}

SignInResult Accounts::throttled(seconds wait, std::string_view email, const Client& client,
                                 std::optional<std::int64_t> user_id) {
  journal::Event e;
  e.action = action::kLoginThrottled;
  e.object_type = "connexion";
  e.details = {{"attente_secondes", wait.count()}};
  e.personal = personal(email, client);
  e.personal_user_id = user_id;
  journal_.record(e);
  SignInResult r;
  r.stage = SignInStage::Throttled;
  r.retry_after = wait;
  r.message = "Trop de tentatives. Réessayez dans " + wait_text(wait) + ".";
  return r;
}

SignInResult Accounts::refused(std::string_view reason, std::string_view email, const Client& client,
                               std::optional<std::int64_t> user_id) {
  journal::Event e;
  e.action = action::kLoginFailed;
  e.object_type = "connexion";
  e.details = {{"raison", std::string(reason)}};
  e.personal = personal(email, client);
  e.personal_user_id = user_id;
  journal_.record(e);
  SignInResult r;
  r.stage = SignInStage::Refused;
  r.message = kRefused;
  return r;
}

// --- Sessions ----------------------------------------------------------------------

std::string Accounts::open_session(std::int64_t user_id, std::string_view stage, const Client& client) {
  const std::string token = security::random_token(32);
  const auto at = now();
  store::Session s;
  s.id_hash = security::sha256_hex(token);
  s.user_id = user_id;
  s.stage = std::string(stage);
  s.csrf_token = security::random_token(32);
  s.created_at = time_text(at);
  s.last_seen_at = s.created_at;
  const bool complete = stage == "complete";
  if (complete) s.second_factor_at = s.created_at;
  s.expires_at = time_text(at + (complete ? duration_cast<seconds>(settings_.absolute_lifetime)
                                          : duration_cast<seconds>(settings_.first_factor_lifetime)));
  s.user_agent = client.user_agent;
  s.ip = client.ip;
  store_.accounts().add_session(s);
  return token;
}

std::string Accounts::rotate_to_complete(const store::Session& old, const Client& client) {
  const std::string token = security::random_token(32);
  const auto at = now();
  store::Session s = old;
  s.id_hash = security::sha256_hex(token);
  s.csrf_token = security::random_token(32);
  s.last_seen_at = time_text(at);
  s.second_factor_at = s.last_seen_at;
  if (old.stage != "complete") {
    // The absolute lifetime starts when both factors are passed.
    s.stage = "complete";
    s.created_at = s.last_seen_at;
    s.expires_at = time_text(at + duration_cast<seconds>(settings_.absolute_lifetime));
  }
  s.user_agent = client.user_agent.empty() ? old.user_agent : client.user_agent;
  s.ip = client.ip.empty() ? old.ip : client.ip;
  s.revoked_at.clear();
  store_.accounts().add_session(s);
  store::Session retired = old;
  retired.revoked_at = s.last_seen_at;
  store_.accounts().update_session(retired);
  return token;
}

std::optional<store::Session> Accounts::valid_session(std::string_view session_token) {
  if (session_token.empty()) return std::nullopt;
  auto s = store_.accounts().find_session(security::sha256_hex(session_token));
  if (!s || !s->revoked_at.empty() || parse_time_text(s->expires_at) <= now()) return std::nullopt;
  return s;
}

bool Accounts::has_second_factor(const store::User& user) {
  // Recovery codes outlive a pending re-enrolment: a user who had a second
  // factor must still pass one (a recovery code) before enrolling a new app.
  return !user.totp_enrolled_at.empty() || store_.accounts().unused_recovery_codes(user.id) > 0;
}

SignInResult Accounts::first_factor_passed(const store::User& user, const Client& client) {
  SignInResult r;
  r.session_token = open_session(user.id, "premier_facteur", client);
  if (has_second_factor(user)) {
    r.stage = SignInStage::SecondFactorNeeded;
    r.message = "Saisissez le code à 6 chiffres de votre application d'authentification, ou un code de secours.";
  } else {
    r.stage = SignInStage::EnrolmentNeeded;
    r.message = "Pour protéger votre compte, associez une application d'authentification.";
  }
  return r;
}

// --- Sign-in -------------------------------------------------------------------------

SignInResult Accounts::sign_in_with_password(std::string_view email_in, std::string_view password,
                                             const Client& client) {
  const std::string email = normalise_email(email_in);
  const std::string account_key = "compte:" + email, ip_key = "ip:" + client.ip;
  // Before any lookup: throttled answers are the same for unknown e-mails.
  if (const auto wait = throttle_wait({account_key, ip_key}); wait > seconds(0)) {
    return throttled(wait, email, client, std::nullopt);
  }
  const auto user = store_.accounts().find_user_by_email(email);
  bool ok;
  if (user && !user->password_hash.empty()) {
    ok = security::verify_password(password, user->password_hash);
  } else {
    security::verify_password(password, dummy_hash());  // same work, result ignored
    ok = false;
  }
  const bool usable = user && (user->status == "actif" || user->status == "invite");
  if (!ok || !usable) {
    count_failure(account_key, true);
    count_failure(ip_key, false);
    return refused(!user ? "compte_inconnu" : !ok ? "mot_de_passe" : "compte_inactif", email, client,
                   user ? std::optional(user->id) : std::nullopt);
  }
  store_.accounts().clear_throttle(account_key);
  if (security::password_needs_rehash(user->password_hash)) {
    store::User updated = *user;
    updated.password_hash = security::hash_password(password);
    store_.accounts().update_user(updated);
  }
  return first_factor_passed(*user, client);
}

std::string Accounts::send_sign_in_link(std::string_view email_in, const Client& client) {
  const std::string email = normalise_email(email_in);
  const std::string link_key = "lien:" + email, ip_key = "ip:" + client.ip;
  if (const auto wait = throttle_wait({link_key, ip_key}); wait > seconds(0)) {
    throttled(wait, email, client, std::nullopt);
    return kLinkSent;
  }
  // Each request counts, so links cannot be used to flood a mailbox.
  count_failure(link_key, true);
  const auto user = store_.accounts().find_user_by_email(email);
  if (!user || user->status != "actif" || !mail::is_valid_address(email)) {
    count_failure(ip_key, false);
    refused("lien_compte_inconnu_ou_inactif", email, client, user ? std::optional(user->id) : std::nullopt);
    return kLinkSent;
  }
  const std::string token = security::random_token(32);
  store::OneTimeToken t;
  t.token_hash = security::sha256_hex(token);
  t.purpose = "lien_connexion";
  t.email = user->email;
  t.user_id = user->id;
  t.created_at = now_text();
  t.expires_at = time_text(now() + duration_cast<seconds>(settings_.magic_link_lifetime));
  store_.accounts().add_token(t);
  const std::string link = settings_.base_url + "/espace/connexion/lien/" + token;
  journal::Event e;
  e.action = action::kMagicLinkSent;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.personal = personal(user->email, client);
  e.personal_user_id = user->id;
  try {
    send(link_message(user->email, "Votre lien de connexion à Relais",
                      "Bonjour,\n\nPour vous connecter à Relais, ouvrez ce lien (valable 10 minutes, une seule fois) :",
                      link,
                      "Si vous n'avez pas demandé ce lien, ignorez ce message : personne ne peut se connecter "
                      "sans votre second facteur."));
  } catch (const std::exception& error) {
    e.details = {{"envoi", "echec"}};  // same answer: the page must not reveal that the account exists
  }
  journal_.record(e);
  return kLinkSent;
}

SignInResult Accounts::sign_in_with_link(std::string_view token, const Client& client) {
  const std::string ip_key = "ip:" + client.ip;
  if (const auto wait = throttle_wait({ip_key}); wait > seconds(0)) return throttled(wait, "", client, std::nullopt);
  const std::string hash = security::sha256_hex(token);
  const auto found = store_.accounts().find_token(hash);
  // Checked before use_token: an invitation token must not be spent here.
  if (!found || found->purpose != "lien_connexion" || !found->user_id ||
      !store_.accounts().use_token(hash, now_text())) {
    count_failure(ip_key, false);
    return refused("lien_invalide", "", client, found ? found->user_id : std::nullopt);
  }
  const auto user = store_.accounts().find_user(*found->user_id);
  if (!user || user->status != "actif") {
    count_failure(ip_key, false);
    return refused("compte_inactif", "", client, found->user_id);
  }
  store_.accounts().clear_throttle("lien:" + user->email);
  return first_factor_passed(*user, client);
}

SignInResult Accounts::verify_second_factor(std::string_view session_token, std::string_view code,
                                            const Client& client) {
  const auto session = valid_session(session_token);
  if (!session) return refused("session_invalide", "", client, std::nullopt);
  const auto user = store_.accounts().find_user(session->user_id);
  if (!user) return refused("compte_inconnu", "", client, std::nullopt);
  const std::string account_key = "compte:" + normalise_email(user->email), ip_key = "ip:" + client.ip;
  if (const auto wait = throttle_wait({account_key, ip_key}); wait > seconds(0)) {
    return throttled(wait, user->email, client, user->id);
  }
  const bool usable = user->status == "actif" || (user->status == "invite" && session->stage != "complete");
  std::string method;
  if (usable && !user->totp_enrolled_at.empty()) {
    const auto seed = security::unseal(keys_.secret, user->totp_sealed_seed, seed_context(user->id));
    if (seed) {
      const std::vector<std::uint8_t> secret(seed->begin(), seed->end());
      const auto counter = security::verify_totp(secret, code, now(), user->totp_last_counter);
      if (counter && store_.accounts().advance_totp_counter(user->id, *counter)) method = "totp";
    }
  }
  std::size_t codes_left = 0;
  if (usable && method.empty()) {
    const std::string normalised = security::normalise_recovery_code(code);
    if (normalised.size() >= 12 &&
        store_.accounts().use_recovery_code(user->id, security::sha256_hex(normalised), now_text())) {
      method = "code_secours";
      codes_left = store_.accounts().unused_recovery_codes(user->id);
    }
  }
  if (method.empty()) {
    count_failure(account_key, true);
    count_failure(ip_key, false);
    return refused(usable ? "second_facteur" : "compte_inactif", user->email, client, user->id);
  }
  store_.accounts().clear_throttle(account_key);
  const bool reauthentication = session->stage == "complete";
  SignInResult r;
  r.stage = SignInStage::SignedIn;
  r.session_token = rotate_to_complete(*session, client);
  r.message = "Vous êtes connecté·e.";
  if (!reauthentication) {
    store::User updated = *store_.accounts().find_user(user->id);
    updated.last_login_at = now_text();
    store_.accounts().update_user(updated);
  }
  if (method == "code_secours") {
    journal::Event used;
    used.action = action::kRecoveryCodeUsed;
    used.actor_user_id = user->id;
    used.object_type = "utilisateur";
    used.object_id = std::to_string(user->id);
    used.details = {{"codes_restants", codes_left}};
    used.personal = personal(user->email, client);
    used.personal_user_id = user->id;
    journal_.record(used);
  }
  journal::Event e;
  e.action = reauthentication ? action::kReauthentication : action::kLogin;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"methode", method}};
  e.personal = personal(user->email, client);
  e.personal_user_id = user->id;
  journal_.record(e);
  return r;
}

std::optional<Principal> Accounts::authenticate(std::string_view session_token, const Client&) {
  auto session = valid_session(session_token);
  if (!session || session->stage != "complete") return std::nullopt;
  const auto user = store_.accounts().find_user(session->user_id);
  if (!user || user->status != "actif") return std::nullopt;
  const auto at = now();
  // Idle too long: the second factor is no longer fresh until it is asked
  // again (verify_second_factor sets second_factor_at anew).
  if (parse_time_text(session->last_seen_at) + settings_.idle_timeout < at) session->second_factor_at.clear();
  session->last_seen_at = time_text(at);
  store_.accounts().update_session(*session);

  Principal p;
  p.user_id = user->id;
  p.email = user->email;
  p.display_name = user->display_name;
  p.admin = user->is_admin;
  for (auto& m : store_.accounts().memberships_of_user(user->id)) {
    if (m.active) p.memberships.push_back(std::move(m));
  }
  p.territories = store_.accounts().territory_roles_of_user(user->id);
  p.second_factor_fresh = !session->second_factor_at.empty();
  p.session_id_hash = session->id_hash;
  p.csrf_token = session->csrf_token;
  return p;
}

std::optional<std::int64_t> Accounts::pending_user(std::string_view session_token) {
  const auto session = valid_session(session_token);
  if (!session || session->stage != "premier_facteur") return std::nullopt;
  return session->user_id;
}

void Accounts::sign_out(std::string_view session_token) {
  auto session = valid_session(session_token);
  if (!session) return;
  session->revoked_at = now_text();
  store_.accounts().update_session(*session);
  journal::Event e;
  e.action = action::kLogout;
  e.actor_user_id = session->user_id;
  e.object_type = "session";
  e.object_id = session->id_hash.substr(0, 16);
  journal_.record(e);
}

// --- Enrolment -------------------------------------------------------------------------

Enrolment Accounts::begin_enrolment(std::string_view session_token) {
  const auto session = valid_session(session_token);
  if (!session) throw AccountError(401, "Votre session a expiré. Connectez-vous à nouveau.");
  auto user = store_.accounts().find_user(session->user_id);
  if (!user || (user->status != "actif" && user->status != "invite")) throw AccountError(403, kForbidden);
  if (session->stage == "complete") {
    // Replacing a second factor needs a fresh one (ASVS 7.5.1).
    if (session->second_factor_at.empty() ||
        parse_time_text(session->last_seen_at) + settings_.idle_timeout < now()) {
      throw AccountError(401, kNeedsFreshFactor);
    }
  } else if (has_second_factor(*user)) {
    // A password (or link) alone never replaces an existing second factor.
    throw AccountError(403, kForbidden);
  }
  const auto secret = security::new_totp_secret();
  user->totp_sealed_seed = security::seal(keys_.secret, std::string(secret.begin(), secret.end()),
                                          seed_context(user->id));
  user->totp_enrolled_at.clear();
  user->totp_last_counter.reset();
  store_.accounts().update_user(*user);
  Enrolment out;
  out.secret_base32 = security::base32_encode(secret);
  out.otpauth_uri = security::otpauth_uri(settings_.issuer, user->email, secret);
  out.qr_svg = security::qr_svg(out.otpauth_uri, "QR code à scanner avec votre application d'authentification");
  return out;
}

std::vector<std::string> Accounts::new_recovery_codes(std::int64_t user_id) {
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < settings_.recovery_code_count; ++i) {
    codes.push_back(security::random_recovery_code());
    hashes.push_back(security::sha256_hex(security::normalise_recovery_code(codes.back())));
  }
  store_.accounts().replace_recovery_codes(user_id, hashes);
  return codes;
}

Accounts::EnrolmentDone Accounts::confirm_enrolment(std::string_view session_token, std::string_view code,
                                                    const Client& client) {
  const auto session = valid_session(session_token);
  if (!session) throw AccountError(401, "Votre session a expiré. Connectez-vous à nouveau.");
  auto user = store_.accounts().find_user(session->user_id);
  if (!user || user->totp_sealed_seed.empty() || !user->totp_enrolled_at.empty()) {
    throw AccountError(400, "Commencez par scanner le QR code.");
  }
  if (session->stage != "complete" && store_.accounts().unused_recovery_codes(user->id) > 0) {
    throw AccountError(403, kForbidden);
  }
  const std::string account_key = "compte:" + normalise_email(user->email), ip_key = "ip:" + client.ip;
  if (const auto wait = throttle_wait({account_key, ip_key}); wait > seconds(0)) {
    throttled(wait, user->email, client, user->id);
    throw AccountError(429, "Trop de tentatives. Réessayez dans " + wait_text(wait) + ".");
  }
  const auto seed = security::unseal(keys_.secret, user->totp_sealed_seed, seed_context(user->id));
  std::optional<std::int64_t> counter;
  if (seed) {
    const std::vector<std::uint8_t> secret(seed->begin(), seed->end());
    counter = security::verify_totp(secret, code, now(), user->totp_last_counter);
  }
  if (!counter || !store_.accounts().advance_totp_counter(user->id, *counter)) {
    count_failure(account_key, true);
    count_failure(ip_key, false);
    refused("enrolement_code", user->email, client, user->id);
    throw AccountError(400,
                       "Le code saisi ne correspond pas. Vérifiez que l'heure de votre téléphone est juste et "
                       "saisissez le code affiché maintenant.");
  }
  store_.accounts().clear_throttle(account_key);
  user = store_.accounts().find_user(user->id);  // with the advanced counter
  user->totp_enrolled_at = now_text();
  const bool first_sign_in = session->stage != "complete";
  if (user->status == "invite") user->status = "actif";
  if (first_sign_in) user->last_login_at = user->totp_enrolled_at;
  store_.accounts().update_user(*user);
  EnrolmentDone done;
  done.recovery_codes = new_recovery_codes(user->id);
  done.session_token = rotate_to_complete(*session, client);

  journal::Event e;
  e.action = action::kSecondFactorEnrolled;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"codes_secours", done.recovery_codes.size()}};
  e.personal = personal(user->email, client);
  e.personal_user_id = user->id;
  journal_.record(e);
  if (first_sign_in) {
    e.action = action::kLogin;
    e.details = {{"methode", "enrolement"}};
    journal_.record(e);
  }
  return done;
}

std::vector<std::string> Accounts::renew_recovery_codes(const Principal& principal) {
  require(principal, Action::ViewOwnAccount, {});
  if (!principal.second_factor_fresh) throw AccountError(401, kNeedsFreshFactor);
  auto codes = new_recovery_codes(principal.user_id);
  journal::Event e;
  e.action = action::kRecoveryCodesRenewed;
  e.actor_user_id = principal.user_id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(principal.user_id);
  e.details = {{"codes_secours", codes.size()}};
  journal_.record(e);
  return codes;
}

void Accounts::change_password(const Principal& principal, std::string_view current, std::string_view new_password) {
  require(principal, Action::ViewOwnAccount, {});
  if (!principal.second_factor_fresh) throw AccountError(401, kNeedsFreshFactor);
  auto user = store_.accounts().find_user(principal.user_id);
  if (!user) throw AccountError(403, kForbidden);
  if (!user->password_hash.empty() && !security::verify_password(current, user->password_hash)) {
    throw AccountError(400, "Le mot de passe actuel n'est pas le bon.");
  }
  if (auto problem = security::password_problem(new_password, user->email)) throw AccountError(400, *problem);
  user->password_hash = security::hash_password(new_password);
  store_.accounts().update_user(*user);
  // Other sessions end: whoever knew the old password is signed out (ASVS 7.4.3).
  const auto revoked = store_.accounts().revoke_sessions_of_user(user->id, now_text(), principal.session_id_hash);
  journal::Event e;
  e.action = action::kPasswordChanged;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"sessions_revoquees", revoked}};
  journal_.record(e);
}

void Accounts::change_display_name(const Principal& principal, std::string_view name_in) {
  require(principal, Action::ViewOwnAccount, {});
  const std::string name = trimmed(name_in);
  if (name.empty() || name.size() > 200) throw AccountError(400, "Indiquez votre nom (200 caractères au plus).");
  auto user = store_.accounts().find_user(principal.user_id);
  if (!user) throw AccountError(403, kForbidden);
  if (user->display_name == name) return;
  user->display_name = name;
  store_.accounts().update_user(*user);
  journal::Event e;  // the name itself is personal: not in the entry
  e.action = action::kProfileChanged;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"champ", "nom"}};
  journal_.record(e);
}

// --- Invitations and members -----------------------------------------------------------

std::string Accounts::issue_invitation(std::optional<std::int64_t> by, std::optional<std::int64_t> structure_id,
                                       std::optional<std::int64_t> user_id, const std::string& email,
                                       const std::string& role) {
  if (!mail::is_valid_address(email)) throw AccountError(400, "L'adresse e-mail n'est pas valide.");
  const std::string token = security::random_token(32);
  store::OneTimeToken t;
  t.token_hash = security::sha256_hex(token);
  t.purpose = "invitation";
  t.email = email;
  t.user_id = user_id;
  t.structure_id = structure_id;
  t.role = role;
  t.created_by = by;
  t.created_at = now_text();
  t.expires_at = time_text(now() + duration_cast<seconds>(settings_.invitation_lifetime));
  store_.accounts().add_token(t);
  journal::Event e;
  e.action = action::kInvitationSent;
  e.actor_user_id = by;
  e.structure_id = structure_id;
  e.object_type = "invitation";
  e.object_id = t.token_hash.substr(0, 16);
  e.details = {{"role", role}};
  e.personal = {{"email", email}};
  e.personal_user_id = user_id;
  if (!user_id) {
    // An existing account: its deletion must erase this row too.
    if (const auto existing = store_.accounts().find_user_by_email(email)) e.personal_user_id = existing->id;
  }
  journal_.record(e);
  return settings_.base_url + "/espace/invitation/" + token;
}

std::string Accounts::invite(const Principal& principal, std::int64_t structure_id, std::string_view email_in,
                             std::string_view role) {
  require(principal, Action::ManageMembers, of_structure(structure_id));
  const auto structure = store_.accounts().find_structure(structure_id);
  if (!structure || structure->status == "desactivee") throw AccountError(404, "Cette structure n'existe pas.");
  if (!valid_member_role(role)) throw AccountError(400, "Le rôle doit être médiateur ou référent.");
  const std::string email = normalise_email(email_in);
  const std::string link = issue_invitation(principal.user_id, structure_id, std::nullopt, email, std::string(role));
  const std::string role_label = role == "referent" ? "référent·e" : "médiateur·rice";
  try {
    send(link_message(email, "Invitation à rejoindre " + structure->name + " sur Relais",
                      "Bonjour,\n\n" + principal.display_name + " vous invite à rejoindre « " + structure->name +
                          " » sur Relais comme " + role_label +
                          ". Pour créer votre accès, ouvrez ce lien (valable 72 heures) :",
                      link, "Si vous ne vous attendiez pas à cette invitation, ignorez ce message."));
  } catch (const std::exception&) {
    throw AccountError(502,
                       "L'invitation est enregistrée mais l'e-mail n'a pas pu être envoyé. Réessayez plus tard.");
  }
  return link;
}

std::optional<store::OneTimeToken> Accounts::find_invitation(std::string_view token) {
  auto t = store_.accounts().find_token(security::sha256_hex(token));
  if (!t || t->purpose != "invitation" || !t->used_at.empty() || parse_time_text(t->expires_at) <= now()) {
    return std::nullopt;
  }
  return t;
}

SignInResult Accounts::accept_invitation(std::string_view token, std::string_view display_name,
                                         std::string_view password, const Client& client) {
  const auto invitation = find_invitation(token);
  if (!invitation) throw AccountError(410, kInvitationInvalid);
  auto& a = store_.accounts();
  auto user = a.find_user_by_email(invitation->email);
  if (user && user->status == "supprime") throw AccountError(410, kInvitationInvalid);
  // An existing account keeps its name, password and second factor: the link
  // then only serves as a first factor.
  const bool new_secrets = !user || user->status == "invite";
  std::string name(display_name);
  if (new_secrets) {
    name = trimmed(name);
    if (name.empty()) throw AccountError(400, "Indiquez votre nom.");
    if (name.size() > 200) throw AccountError(400, "Le nom est trop long.");
    if (!password.empty()) {
      if (auto problem = security::password_problem(password, invitation->email)) throw AccountError(400, *problem);
    }
  }
  if (!a.use_token(invitation->token_hash, now_text())) throw AccountError(410, kInvitationInvalid);
  const std::string at = now_text();
  if (!user) {
    store::User u;
    u.email = invitation->email;
    u.status = "invite";
    u.created_at = at;
    u.id = a.add_user(u);
    user = u;
  }
  if (new_secrets) {
    user->display_name = name;
    user->password_hash = password.empty() ? "" : security::hash_password(password);
  } else if (user->status == "desactive") {
    user->status = "actif";  // a new invitation reopens an account closed for inactivity
  }
  if (invitation->role == "admin") user->is_admin = true;
  a.update_user(*user);
  if (invitation->structure_id) {
    a.put_membership({user->id, *invitation->structure_id, invitation->role, true, at, ""});
  }
  journal::Event e;
  e.action = action::kInvitationAccepted;
  e.actor_user_id = user->id;
  e.structure_id = invitation->structure_id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"role", invitation->role}};
  e.personal = personal(user->email, client);
  e.personal_user_id = user->id;
  journal_.record(e);
  return first_factor_passed(*user, client);
}

std::vector<MemberView> Accounts::members(const Principal& principal, std::int64_t structure_id) {
  require(principal, Action::ViewStructure, of_structure(structure_id));
  std::vector<MemberView> out;
  for (const auto& m : store_.accounts().members_of_structure(structure_id)) {
    if (auto u = store_.accounts().find_user(m.user_id)) out.push_back({without_secrets(*u), m});
  }
  return out;
}

std::vector<store::OneTimeToken> Accounts::pending_invitations(const Principal& principal, std::int64_t structure_id) {
  require(principal, Action::ManageMembers, of_structure(structure_id));
  return store_.accounts().pending_invitations(structure_id, now_text());
}

void Accounts::deactivate_member(const Principal& principal, std::int64_t structure_id, std::int64_t user_id) {
  require(principal, Action::ManageMembers, of_structure(structure_id));
  auto& a = store_.accounts();
  const auto memberships = a.memberships_of_user(user_id);
  auto it = std::find_if(memberships.begin(), memberships.end(),
                         [&](const auto& m) { return m.structure_id == structure_id; });
  if (it == memberships.end()) throw AccountError(404, "Cette personne n'est pas membre de la structure.");
  store::Membership m = *it;
  const std::string at = now_text();
  m.active = false;
  m.deactivated_at = at;
  a.put_membership(m);
  const bool other_active = std::any_of(memberships.begin(), memberships.end(), [&](const auto& x) {
    return x.active && x.structure_id != structure_id;
  });
  std::size_t revoked = 0;
  if (!other_active) revoked = a.revoke_sessions_of_user(user_id, at);
  journal::Event e;
  e.action = action::kMemberDeactivated;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user_id);
  e.details = {{"sessions_revoquees", revoked}};
  journal_.record(e);
}

void Accounts::change_role(const Principal& principal, std::int64_t structure_id, std::int64_t user_id,
                           std::string_view role) {
  require(principal, Action::ManageMembers, of_structure(structure_id));
  if (!valid_member_role(role)) throw AccountError(400, "Le rôle doit être médiateur ou référent.");
  auto& a = store_.accounts();
  const auto memberships = a.memberships_of_user(user_id);
  auto it = std::find_if(memberships.begin(), memberships.end(),
                         [&](const auto& m) { return m.structure_id == structure_id && m.active; });
  if (it == memberships.end()) throw AccountError(404, "Cette personne n'est pas membre de la structure.");
  store::Membership m = *it;
  const std::string before = m.role;
  m.role = std::string(role);
  a.put_membership(m);
  journal::Event e;
  e.action = action::kRoleChanged;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user_id);
  e.details = {{"avant", before}, {"apres", m.role}};
  journal_.record(e);
}

// --- Structures -------------------------------------------------------------------------

Target Accounts::commune_target(const std::string& code_insee) {
  Target t;
  t.code_insee = code_insee;
  if (code_insee.empty()) return t;
  if (const auto c = store_.find_commune(code_insee)) {
    t.code_epci = c->code_epci.value_or("");
    t.code_departement = c->code_departement;
    t.code_region = c->code_region;
  }
  return t;
}

Target Accounts::structure_target(const store::Structure& structure) {
  Target t = commune_target(structure.code_insee);
  t.structure_id = structure.id;
  return t;
}

store::Structure Accounts::authorised_structure(const Principal& principal, Action action,
                                                std::int64_t structure_id) {
  auto structure = store_.accounts().find_structure(structure_id);
  if (!structure) {
    require(principal, action, of_structure(structure_id));  // journals the refusal of a foreign id
    throw AccountError(404, "Cette structure n'existe pas.");
  }
  require(principal, action, structure_target(*structure));
  return std::move(*structure);
}

store::Structure Accounts::checked_structure(store::Structure s) {
  for (auto* field : {&s.name, &s.siret, &s.type, &s.address, &s.code_postal, &s.commune, &s.code_insee}) {
    *field = trimmed(*field);
  }
  std::erase(s.siret, ' ');
  if (s.name.empty()) throw AccountError(400, "Indiquez le nom de la structure.");
  if (!s.siret.empty() && (s.siret.size() != 14 || !std::all_of(s.siret.begin(), s.siret.end(), [](char c) {
        return c >= '0' && c <= '9';
      }))) {
    throw AccountError(400, "Le SIRET compte 14 chiffres.");
  }
  if (!s.siret.empty() && !siret_key_is_valid(s.siret)) {
    throw AccountError(400, "Ce SIRET n'existe pas (un chiffre est probablement mal recopié) : vérifiez-le sur "
                            "l'avis de situation Sirene.");
  }
  const auto& types = structure_types();
  if (std::none_of(types.begin(), types.end(), [&](const auto& t) { return t.first == s.type; })) {
    throw AccountError(400, "Choisissez un type de structure dans la liste.");
  }
  const auto commune = store_.find_commune(s.code_insee);
  if (!commune) throw AccountError(400, "La commune (code INSEE) est inconnue.");
  if (s.commune.empty()) s.commune = commune->nom;
  if (s.code_postal.empty() && !commune->codes_postaux.empty()) s.code_postal = commune->codes_postaux.front();
  return s;
}

std::int64_t Accounts::create_structure(const Principal& principal, store::Structure structure) {
  structure = checked_structure(std::move(structure));
  Target target = commune_target(structure.code_insee);
  require(principal, Action::CreateStructure, target);
  structure.created_at = now_text();
  // Created by an admin or the territory's coordinateur: already validated.
  structure.status = "validee";
  structure.validated_at = structure.created_at;
  structure.validated_by = principal.user_id;
  try {
    structure.id = store_.accounts().add_structure(structure);
  } catch (const store::StoreError&) {
    throw AccountError(409, "Une structure avec ce SIRET existe déjà.");
  }
  journal::Event e;
  e.action = action::kStructureCreated;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure.id;
  e.object_type = "structure";
  e.object_id = std::to_string(structure.id);
  e.details = {{"nom", structure.name}, {"siret", structure.siret}, {"code_insee", structure.code_insee}};
  journal_.record(e);
  return structure.id;
}

std::string Accounts::validate_structure(const Principal& principal, std::int64_t structure_id) {
  auto structure = authorised_structure(principal, Action::ValidateStructure, structure_id);
  if (structure.status == "validee") return "";
  if (structure.status == "desactivee") throw AccountError(409, "Cette structure est désactivée.");
  const std::string contact = structure.contact_email;
  structure.status = "validee";
  structure.validated_at = now_text();
  structure.validated_by = principal.user_id;
  // The requester becomes its référent by invitation; their contact is no
  // longer needed on the structure.
  structure.contact_name.clear();
  structure.contact_email.clear();
  store_.accounts().update_structure(structure);
  journal::Event e;
  e.action = action::kStructureValidated;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "structure";
  e.object_id = std::to_string(structure_id);
  journal_.record(e);
  if (contact.empty()) return "";
  return send_referent_invitation(principal.user_id, structure, contact);
}

std::string Accounts::send_referent_invitation(std::optional<std::int64_t> by, const store::Structure& structure,
                                               const std::string& email) {
  const std::string link = issue_invitation(by, structure.id, std::nullopt, email, "referent");
  try {
    send(link_message(email, "Votre structure « " + structure.name + " » sur Relais",
                      "Bonjour,\n\n« " + structure.name +
                          " » peut maintenant tenir à jour ses lieux sur Relais, et vous en êtes la personne "
                          "référente. Pour créer votre accès, ouvrez ce lien (valable 72 heures) :",
                      link, "Vous pourrez ensuite inviter les autres membres de votre équipe."));
  } catch (const std::exception&) {
    throw AccountError(502, "L'invitation est enregistrée mais l'e-mail n'a pas pu être envoyé. Réessayez plus "
                            "tard.");
  }
  return link;
}

std::string Accounts::invite_first_referent(const Principal& principal, std::int64_t structure_id,
                                            std::string_view email) {
  const auto structure = authorised_structure(principal, Action::ValidateStructure, structure_id);
  if (structure.status != "validee") throw AccountError(409, "Validez d'abord la structure.");
  for (const auto& m : store_.accounts().members_of_structure(structure_id)) {
    if (m.active && m.role == "referent") {
      throw AccountError(409, "Cette structure a déjà une personne référente : c'est elle qui invite son équipe.");
    }
  }
  return send_referent_invitation(principal.user_id, structure, normalise_email(email));
}

void Accounts::refuse_structure(const Principal& principal, std::int64_t structure_id, std::string_view reason) {
  auto structure = authorised_structure(principal, Action::ValidateStructure, structure_id);
  if (structure.status != "en_attente") throw AccountError(409, "Cette demande a déjà été traitée.");
  const std::string contact = structure.contact_email;
  structure.status = "desactivee";
  structure.contact_name.clear();
  structure.contact_email.clear();
  store_.accounts().update_structure(structure);
  journal::Event e;
  e.action = action::kStructureRefused;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "structure";
  e.object_id = std::to_string(structure_id);
  journal_.record(e);
  if (contact.empty()) return;
  mail::Message m;
  m.to = contact;
  m.subject = "Votre demande pour « " + structure.name + " » sur Relais";
  m.text = "Bonjour,\n\nVotre demande d'inscription de « " + structure.name + " » n'a pas été acceptée.\n\n" +
           (reason.empty() ? std::string() : "Motif : " + std::string(reason) + "\n\n") +
           "Pour en savoir plus, contactez la coordination numérique de votre territoire.\n";
  m.html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + html_escape(m.subject) +
           "</title></head><body><p>Bonjour,</p><p>Votre demande d'inscription de « " + html_escape(structure.name) +
           " » n'a pas été acceptée.</p>" +
           (reason.empty() ? std::string() : "<p>Motif : " + html_escape(reason) + "</p>") +
           "<p>Pour en savoir plus, contactez la coordination numérique de votre territoire.</p></body></html>";
  try {
    send(std::move(m));
  } catch (const std::exception&) {
    // The refusal stands; the requester can ask again.
  }
}

std::int64_t Accounts::request_structure(store::Structure structure, std::string_view contact_name,
                                         std::string_view contact_email, const Client& client) {
  // Each request counts, so the form cannot be used to flood the
  // coordinateurs' mailboxes: 5 free, then 1 s, 2 s, 4 s… per address.
  const std::string ip_key = "inscription:" + client.ip;
  if (const auto wait = throttle_wait({ip_key}); wait > seconds(0)) {
    throw AccountError(429, "Trop de demandes depuis cette connexion. Réessayez dans " + wait_text(wait) + ".");
  }
  count_failure(ip_key, true);
  const std::string email = normalise_email(contact_email);
  const std::string name = trimmed(contact_name);
  if (name.empty() || name.size() > 200) throw AccountError(400, "Indiquez votre nom (200 caractères au plus).");
  if (!mail::is_valid_address(email)) throw AccountError(400, "Votre adresse e-mail n'est pas valide.");
  structure = checked_structure(std::move(structure));
  structure.created_at = now_text();
  structure.status = "en_attente";
  structure.validated_at.clear();
  structure.validated_by.reset();
  structure.contact_name = name;
  structure.contact_email = email;
  try {
    structure.id = store_.accounts().add_structure(structure);
  } catch (const store::StoreError&) {
    throw AccountError(409, "Une structure avec ce SIRET est déjà inscrite : demandez à sa personne référente de "
                            "vous inviter.");
  }
  journal::Event e;
  e.action = action::kStructureRequested;
  e.structure_id = structure.id;
  e.object_type = "structure";
  e.object_id = std::to_string(structure.id);
  e.details = {{"nom", structure.name}, {"siret", structure.siret}, {"code_insee", structure.code_insee}};
  e.personal = personal(email, client);
  journal_.record(e);
  // Told: the coordinateurs whose territory holds the commune, else the
  // administrators.
  const Target target = structure_target(structure);
  std::vector<std::string> to, admins;
  for (const auto& user : store_.accounts().list_users()) {
    if (user.status != "actif") continue;
    if (user.is_admin) admins.push_back(user.email);
    Principal p;
    p.user_id = user.id;
    p.territories = store_.accounts().territory_roles_of_user(user.id);
    if (!p.territories.empty() && allowed(p, Action::ValidateStructure, target)) to.push_back(user.email);
  }
  if (to.empty()) to = std::move(admins);
  const std::string page = settings_.base_url + "/espace/territoires/departement/" + target.code_departement;
  for (const auto& address : to) {
    try {
      send(link_message(address, "Demande d'inscription : " + structure.name,
                        "Bonjour,\n\n« " + structure.name + " » (" + structure.commune +
                            (structure.siret.empty() ? "" : ", SIRET " + structure.siret) +
                            ") demande à tenir ses lieux à jour sur Relais. Vérifiez la demande puis validez-la "
                            "ou refusez-la :",
                        target.code_departement.empty() ? settings_.base_url + "/espace/structures" : page,
                        "Vous recevez ce message parce que vous coordonnez ce territoire sur Relais."));
    } catch (const std::exception&) {
      // The request is stored and listed on the territory's page all the same.
    }
  }
  return structure.id;
}

void Accounts::detach_place(const Principal& principal, std::int64_t structure_id, const store::PlaceKey& place) {
  const auto structure = authorised_structure(principal, Action::AttachPlace, structure_id);
  if (store_.accounts().structure_of_place(place) != structure_id) {
    throw AccountError(404, "Ce lieu n'est pas rattaché à cette structure.");
  }
  store_.accounts().detach_place(place);
  journal::Event e;
  e.action = action::kPlaceDetached;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "lieu";
  e.object_id = place.source + ":" + place.place_id;
  journal_.record(e);
}

void Accounts::attach_place(const Principal& principal, std::int64_t structure_id, const store::PlaceKey& place,
                            std::string_view place_code_insee) {
  const auto structure = authorised_structure(principal, Action::AttachPlace, structure_id);
  const auto found = store_.find_place(place.source, place.place_id);
  if (!found) throw AccountError(404, "Ce lieu n'existe pas.");
  // The place must be in the principal's territory too.
  Target place_target =
      commune_target(found->code_insee ? *found->code_insee : std::string(place_code_insee));
  place_target.structure_id = structure_id;
  place_target.place = place;
  require(principal, Action::AttachPlace, place_target);
  store_.accounts().attach_place(structure_id, place);
  journal::Event e;
  e.action = action::kPlaceAttached;
  e.actor_user_id = principal.user_id;
  e.structure_id = structure_id;
  e.object_type = "lieu";
  e.object_id = place.source + ":" + place.place_id;
  journal_.record(e);
}

std::vector<store::Structure> Accounts::visible_structures(const Principal& principal) {
  std::vector<store::Structure> out;
  if (principal.user_id == 0) return out;
  for (auto& s : store_.accounts().list_structures()) {
    if (principal.admin) {
      out.push_back(std::move(s));
      continue;
    }
    const bool member = std::any_of(principal.memberships.begin(), principal.memberships.end(),
                                    [&](const auto& m) { return m.active && m.structure_id == s.id; });
    if (member || (!principal.territories.empty() &&
                   allowed(principal, Action::ValidateStructure, structure_target(s)))) {
      out.push_back(std::move(s));
    }
  }
  return out;
}

void Accounts::grant_territory(const Principal& principal, std::int64_t user_id, const store::TerritoryRole& role) {
  require(principal, Action::ManageCoordinators, {});
  if (!valid_level(role.level) || role.code.empty()) throw AccountError(400, "Territoire inconnu.");
  if (!store_.accounts().find_user(user_id)) throw AccountError(404, "Ce compte n'existe pas.");
  store_.accounts().add_territory_role({user_id, role.level, role.code});
  journal::Event e;
  e.action = action::kRoleChanged;
  e.actor_user_id = principal.user_id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user_id);
  e.details = {{"coordinateur", role.level + ":" + role.code}};
  journal_.record(e);
}

// --- Sessions, personal data -------------------------------------------------------------

std::vector<SessionView> Accounts::sessions(const Principal& principal) {
  require(principal, Action::ViewOwnAccount, {});
  std::vector<SessionView> out;
  const auto at = now();
  for (const auto& s : store_.accounts().sessions_of_user(principal.user_id)) {
    if (!s.revoked_at.empty() || parse_time_text(s.expires_at) <= at) continue;
    out.push_back({s.id_hash.substr(0, 16), s.created_at, s.last_seen_at, s.user_agent, s.ip,
                   s.id_hash == principal.session_id_hash});
  }
  return out;
}

void Accounts::revoke_session(const Principal& principal, std::string_view session_id) {
  require(principal, Action::ViewOwnAccount, {});
  if (session_id.size() != 16) throw AccountError(404, "Cette session n'existe pas.");
  for (auto s : store_.accounts().sessions_of_user(principal.user_id)) {
    if (s.id_hash.compare(0, 16, session_id) != 0 || !s.revoked_at.empty()) continue;
    s.revoked_at = now_text();
    store_.accounts().update_session(s);
    journal::Event e;
    e.action = action::kSessionRevoked;
    e.actor_user_id = principal.user_id;
    e.object_type = "session";
    e.object_id = std::string(session_id);
    journal_.record(e);
    return;
  }
  throw AccountError(404, "Cette session n'existe pas.");
}

nlohmann::json Accounts::export_account_data(const Principal& principal) {
  require(principal, Action::ViewOwnAccount, {});
  if (!principal.second_factor_fresh) throw AccountError(401, kNeedsFreshFactor);
  auto& a = store_.accounts();
  const auto user = a.find_user(principal.user_id);
  if (!user) throw AccountError(404, "Ce compte n'existe pas.");
  nlohmann::json out;
  out["genere_le"] = now_text();
  out["compte"] = {{"id", user->id},
                   {"email", user->email},
                   {"nom", user->display_name},
                   {"mot_de_passe_defini", !user->password_hash.empty()},
                   {"second_facteur_enrole_le", user->totp_enrolled_at},
                   {"codes_secours_restants", a.unused_recovery_codes(user->id)},
                   {"administrateur", user->is_admin},
                   {"statut", user->status},
                   {"cree_le", user->created_at},
                   {"derniere_connexion", user->last_login_at}};
  out["structures"] = nlohmann::json::array();
  for (const auto& m : a.memberships_of_user(user->id)) {
    const auto s = a.find_structure(m.structure_id);
    out["structures"].push_back({{"structure_id", m.structure_id},
                                 {"structure", s ? s->name : ""},
                                 {"role", m.role},
                                 {"active", m.active},
                                 {"depuis", m.created_at},
                                 {"desactivee_le", m.deactivated_at}});
  }
  out["territoires"] = nlohmann::json::array();
  for (const auto& t : a.territory_roles_of_user(user->id)) {
    out["territoires"].push_back({{"niveau", t.level}, {"code", t.code}});
  }
  out["sessions"] = nlohmann::json::array();
  for (const auto& s : a.sessions_of_user(user->id)) {
    out["sessions"].push_back({{"id", s.id_hash.substr(0, 16)},
                               {"ouverte_le", s.created_at},
                               {"derniere_activite", s.last_seen_at},
                               {"expire_le", s.expires_at},
                               {"revoquee_le", s.revoked_at},
                               {"navigateur", s.user_agent},
                               {"adresse_ip", s.ip}});
  }
  out["journal"] = nlohmann::json::array();
  auto& j = store_.journal();
  for (const auto& entry : j.entries_of_user(user->id)) {
    nlohmann::json item = {{"seq", entry.seq},
                           {"le", entry.recorded_at},
                           {"action", entry.action},
                           {"libelle", journal::action_label(entry.action)},
                           {"objet", entry.object_type},
                           {"objet_id", entry.object_id},
                           {"details", nlohmann::json::parse(entry.details, nullptr, false)}};
    const auto rows = j.personal_rows(entry.seq, 1);
    if (!rows.empty() && rows.front().seq == entry.seq && !rows.front().fields.empty() &&
        (!rows.front().user_id || *rows.front().user_id == user->id)) {
      item["donnees_personnelles"] = nlohmann::json::parse(rows.front().fields, nullptr, false);
    }
    out["journal"].push_back(std::move(item));
  }
  journal::Event e;
  e.action = action::kAccountDataExported;
  e.actor_user_id = user->id;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  journal_.record(e);
  return out;
}

void Accounts::delete_account(const Principal& principal) {
  require(principal, Action::ViewOwnAccount, {});
  if (!principal.second_factor_fresh) throw AccountError(401, kNeedsFreshFactor);
  auto& a = store_.accounts();
  auto user = a.find_user(principal.user_id);
  if (!user) throw AccountError(404, "Ce compte n'existe pas.");
  erase_account(store_, journal_, *user, now_text(), user->id, "demande_de_la_personne");
}

// --- Administration ---------------------------------------------------------------------

std::string Accounts::bootstrap_admin(std::string_view email) {
  return issue_invitation(std::nullopt, std::nullopt, std::nullopt, normalise_email(email), "admin");
}

std::int64_t Accounts::operator_create_structure(store::Structure structure) {
  structure = checked_structure(std::move(structure));
  structure.created_at = now_text();
  structure.status = "validee";
  structure.validated_at = structure.created_at;
  structure.validated_by.reset();
  try {
    structure.id = store_.accounts().add_structure(structure);
  } catch (const store::StoreError&) {
    throw AccountError(409, "Une structure avec ce SIRET existe déjà.");
  }
  journal::Event e;
  e.action = action::kStructureCreated;
  e.structure_id = structure.id;
  e.object_type = "structure";
  e.object_id = std::to_string(structure.id);
  e.details = {{"nom", structure.name}, {"siret", structure.siret}, {"code_insee", structure.code_insee},
               {"par", "operateur"}};
  journal_.record(e);
  return structure.id;
}

void Accounts::operator_attach_place(std::int64_t structure_id, const store::PlaceKey& place) {
  if (!store_.accounts().find_structure(structure_id)) throw AccountError(404, "Cette structure n'existe pas.");
  if (!store_.find_place(place.source, place.place_id)) throw AccountError(404, "Ce lieu n'existe pas.");
  store_.accounts().attach_place(structure_id, place);
  journal::Event e;
  e.action = action::kPlaceAttached;
  e.structure_id = structure_id;
  e.object_type = "lieu";
  e.object_id = place.source + ":" + place.place_id;
  e.details = {{"par", "operateur"}};
  journal_.record(e);
}

std::string Accounts::operator_invite(std::int64_t structure_id, std::string_view email, std::string_view role) {
  const auto structure = store_.accounts().find_structure(structure_id);
  if (!structure || structure->status == "desactivee") throw AccountError(404, "Cette structure n'existe pas.");
  if (!valid_member_role(role)) throw AccountError(400, "Le rôle doit être mediateur ou referent.");
  return issue_invitation(std::nullopt, structure_id, std::nullopt, normalise_email(email), std::string(role));
}

std::string Accounts::operator_grant_territory(std::string_view email_in, const store::TerritoryRole& role) {
  if (!valid_level(role.level) || role.code.empty()) throw AccountError(400, "Territoire inconnu.");
  const std::string email = normalise_email(email_in);
  if (!mail::is_valid_address(email)) throw AccountError(400, "L'adresse e-mail n'est pas valide.");
  auto& a = store_.accounts();
  auto user = a.find_user_by_email(email);
  const bool created = !user;
  if (!user) {
    store::User u;
    u.email = email;
    u.status = "invite";
    u.created_at = now_text();
    u.id = a.add_user(u);
    user = u;
  }
  if (user->status == "supprime") throw AccountError(400, "Ce compte a été supprimé.");
  a.add_territory_role({user->id, role.level, role.code});
  journal::Event e;
  e.action = action::kRoleChanged;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user->id);
  e.details = {{"coordinateur", role.level + ":" + role.code}, {"par", "operateur"}};
  journal_.record(e);
  if (!created) return "";
  return issue_invitation(std::nullopt, std::nullopt, user->id, email, "coordinateur");
}

void Accounts::record(const journal::Event& event) { journal_.record(event); }

journal::Journal& Accounts::journal() { return journal_; }

void Accounts::require(const Principal& principal, Action action, const Target& target) {
  if (!allowed(principal, action, target)) {
    journal::Event e;
    e.action = journal::action::kAccessDenied;
    if (principal.user_id != 0) e.actor_user_id = principal.user_id;
    e.structure_id = target.structure_id;
    e.object_type = target.place ? "lieu" : target.structure_id ? "structure" : "route";
    e.object_id = target.place ? target.place->source + ":" + target.place->place_id
                  : target.structure_id ? std::to_string(*target.structure_id)
                                        : "";
    e.details = {{"action", action_name(action)}};
    journal_.record(e);
    throw AccountError(403, kForbidden);
  }
  if (needs_fresh_second_factor(action) && !principal.second_factor_fresh) throw AccountError(401, kNeedsFreshFactor);
}

}  // namespace relais::accounts
