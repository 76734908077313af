#include "accounts/accounts.h"

#include <gtest/gtest.h>

#include <memory>

#include "accounts/testing.h"
#include "accounts/time_text.h"
#include "security/random.h"
#include "security/totp.h"
#include "store/journal_store.h"

namespace relais::accounts {
namespace {

using namespace std::chrono;
using testing::AccountsFixture;
using testing::kPassword;

constexpr const char* kRefused = "Les informations saisies ne permettent pas de vous identifier.";

std::vector<std::string> actions(store::Store& store) {
  std::vector<std::string> out;
  for (const auto& e : store.journal().entries(1, 100000)) out.push_back(e.action);
  return out;
}

bool journalled(store::Store& store, const std::string& action) {
  const auto all = actions(store);
  return std::find(all.begin(), all.end(), action) != all.end();
}

// A structure as a form describes it, in Villeurbanne.
store::Structure described(std::string name, std::string type, std::string address = "1 rue A") {
  store::Structure s;
  s.name = std::move(name);
  s.type = std::move(type);
  s.code_insee = "69266";
  s.address = std::move(address);
  return s;
}

Target on(std::int64_t structure_id) {
  Target t;
  t.structure_id = structure_id;
  return t;
}

class AccountsTest : public AccountsFixture {};

// --- Invitation, enrolment, sign-in ----------------------------------------------------

TEST_F(AccountsTest, InvitationEnrolmentAndSignIn) {
  const auto structure = add_structure("Centre social", "69266");
  const std::string link = accounts().operator_invite(structure, "Camille@Example.org ", "mediateur");
  ASSERT_EQ(link.rfind("http://relais.test/espace/invitation/", 0), 0u) << link;
  const std::string token = link.substr(link.rfind('/') + 1);
  ASSERT_TRUE(accounts().find_invitation(token).has_value());
  EXPECT_FALSE(accounts().find_invitation("inconnu").has_value());

  // A refused password keeps the invitation usable.
  EXPECT_THROW(accounts().accept_invitation(token, "Camille", "court", client()), AccountError);
  EXPECT_THROW(accounts().accept_invitation(token, "  ", kPassword, client()), AccountError);
  const auto accepted = accounts().accept_invitation(token, "Camille Martin", kPassword, client());
  ASSERT_EQ(accepted.stage, SignInStage::EnrolmentNeeded);
  EXPECT_FALSE(accounts().find_invitation(token).has_value());  // single use
  EXPECT_THROW(accounts().accept_invitation(token, "X", kPassword, client()), AccountError);

  // At the first factor, only the enrolment pages are reachable.
  const auto user = store().accounts().find_user_by_email("camille@example.org");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->status, "invite");
  EXPECT_EQ(accounts().pending_user(accepted.session_token), user->id);
  EXPECT_FALSE(accounts().authenticate(accepted.session_token, client()).has_value());

  const auto enrolment = accounts().begin_enrolment(accepted.session_token);
  EXPECT_NE(enrolment.otpauth_uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_NE(enrolment.qr_svg.find("<svg"), std::string::npos);
  const auto secret = *security::base32_decode(enrolment.secret_base32);
  EXPECT_THROW(accounts().confirm_enrolment(accepted.session_token, "000000", client()), AccountError);
  const auto done = accounts().confirm_enrolment(accepted.session_token, code_now(secret), client());
  EXPECT_EQ(done.recovery_codes.size(), 10u);
  EXPECT_NE(done.session_token, accepted.session_token);
  EXPECT_FALSE(accounts().pending_user(accepted.session_token).has_value());  // id replaced

  const auto principal = accounts().authenticate(done.session_token, client());
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->email, "camille@example.org");
  EXPECT_EQ(principal->display_name, "Camille Martin");
  ASSERT_EQ(principal->memberships.size(), 1u);
  EXPECT_EQ(principal->memberships[0].role, "mediateur");
  EXPECT_TRUE(principal->second_factor_fresh);
  EXPECT_FALSE(principal->csrf_token.empty());
  EXPECT_EQ(store().accounts().find_user(user->id)->status, "actif");
  // Seeds are sealed, never in clear.
  EXPECT_EQ(store().accounts().find_user(user->id)->totp_sealed_seed.find(std::string(secret.begin(), secret.end())),
            std::string::npos);

  EXPECT_TRUE(journalled(store(), journal::action::kInvitationSent));
  EXPECT_TRUE(journalled(store(), journal::action::kInvitationAccepted));
  EXPECT_TRUE(journalled(store(), journal::action::kSecondFactorEnrolled));
  EXPECT_TRUE(journalled(store(), journal::action::kLogin));
}

TEST_F(AccountsTest, PasswordThenTotpRotatesTheSession) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto first = accounts().sign_in_with_password("A@example.org", kPassword, client());
  ASSERT_EQ(first.stage, SignInStage::SecondFactorNeeded);
  EXPECT_FALSE(accounts().authenticate(first.session_token, client()).has_value());
  EXPECT_EQ(accounts().pending_user(first.session_token), member.id);
  // A password alone never replaces an enrolled second factor.
  EXPECT_THROW(accounts().begin_enrolment(first.session_token), AccountError);

  const auto wrong = accounts().verify_second_factor(first.session_token, "123456", client());
  EXPECT_EQ(wrong.stage, SignInStage::Refused);
  EXPECT_EQ(wrong.message, kRefused);
  const auto ok = accounts().verify_second_factor(first.session_token, code_now(member.secret), client());
  ASSERT_EQ(ok.stage, SignInStage::SignedIn);
  EXPECT_NE(ok.session_token, first.session_token);  // ASVS 7.2.4
  EXPECT_GE(ok.session_token.size(), 22u);           // >= 128 bits in base64url
  EXPECT_FALSE(accounts().pending_user(first.session_token).has_value());
  EXPECT_FALSE(accounts().authenticate(first.session_token, client()).has_value());
  EXPECT_TRUE(accounts().authenticate(ok.session_token, client()).has_value());
  // The cookie value is not stored: only its hash.
  EXPECT_FALSE(store().accounts().find_session(ok.session_token).has_value());
  EXPECT_TRUE(store().accounts().find_session(security::sha256_hex(ok.session_token)).has_value());
  EXPECT_FALSE(store().accounts().find_user(member.id)->last_login_at.empty());
}

TEST_F(AccountsTest, TotpWindowAndSingleUse) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto counter = security::totp_counter(now);
  // The same code twice: the second time is refused.
  auto s1 = accounts().sign_in_with_password("a@example.org", kPassword, client());
  const std::string code = security::totp_code(member.secret, counter);
  ASSERT_EQ(accounts().verify_second_factor(s1.session_token, code, client()).stage, SignInStage::SignedIn);
  auto s2 = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(accounts().verify_second_factor(s2.session_token, code, client()).stage, SignInStage::Refused);
  // An older step within the window is refused too once a later one was used.
  EXPECT_EQ(accounts().verify_second_factor(s2.session_token, security::totp_code(member.secret, counter - 1),
                                            client()).stage,
            SignInStage::Refused);
  // The next step (clock drift of one step) is accepted; two steps ahead is not.
  EXPECT_EQ(accounts().verify_second_factor(s2.session_token, security::totp_code(member.secret, counter + 2),
                                            client()).stage,
            SignInStage::Refused);
  EXPECT_EQ(accounts().verify_second_factor(s2.session_token, security::totp_code(member.secret, counter + 1),
                                            client()).stage,
            SignInStage::SignedIn);
}

TEST_F(AccountsTest, GenericRefusalsAndDummyWork) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto unknown = accounts().sign_in_with_password("personne@example.org", kPassword, client());
  const auto wrong = accounts().sign_in_with_password("a@example.org", "mauvais mot de passe", client());
  EXPECT_EQ(unknown.stage, SignInStage::Refused);
  EXPECT_EQ(wrong.stage, SignInStage::Refused);
  EXPECT_EQ(unknown.message, kRefused);
  EXPECT_EQ(wrong.message, kRefused);
  EXPECT_TRUE(unknown.session_token.empty());

  auto user = *store().accounts().find_user(member.id);
  user.status = "desactive";
  store().accounts().update_user(user);
  const auto inactive = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(inactive.stage, SignInStage::Refused);
  EXPECT_EQ(inactive.message, kRefused);

  // Failures are journalled with the e-mail and address as personal fields.
  const auto entries = store().journal().entries(1, 1000);
  const auto failed = std::count_if(entries.begin(), entries.end(),
                                    [](const auto& e) { return e.action == journal::action::kLoginFailed; });
  EXPECT_EQ(failed, 3);
  for (const auto& e : entries) EXPECT_EQ(e.details.find("example.org"), std::string::npos) << e.details;
  const auto personal = store().journal().personal_rows(1, 1000);
  bool found = false;
  for (const auto& p : personal) found |= p.fields.find("personne@example.org") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(AccountsTest, RecoveryCodesAreSingleUseAndNormalised) {
  const auto member = add_member("a@example.org", "mediateur");
  ASSERT_EQ(member.recovery_codes.size(), 10u);
  std::string typed = member.recovery_codes[3];
  for (char& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  typed.insert(4, " ");
  auto s = accounts().sign_in_with_password("a@example.org", kPassword, client());
  ASSERT_EQ(accounts().verify_second_factor(s.session_token, typed, client()).stage, SignInStage::SignedIn);
  EXPECT_EQ(store().accounts().unused_recovery_codes(member.id), 9u);
  EXPECT_TRUE(journalled(store(), journal::action::kRecoveryCodeUsed));
  s = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(accounts().verify_second_factor(s.session_token, member.recovery_codes[3], client()).stage,
            SignInStage::Refused);
}

// A lost phone: a recovery code, then a new app from the complete session.
TEST_F(AccountsTest, ReEnrolmentNeedsASecondFactor) {
  const auto member = add_member("a@example.org", "mediateur");
  auto s = accounts().sign_in_with_password("a@example.org", kPassword, client());
  const auto in = accounts().verify_second_factor(s.session_token, member.recovery_codes[0], client());
  ASSERT_EQ(in.stage, SignInStage::SignedIn);
  const auto enrolment = accounts().begin_enrolment(in.session_token);
  const auto secret = *security::base32_decode(enrolment.secret_base32);
  // Pending re-enrolment: a password alone still leads to the second factor, not to enrolment.
  const auto other = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(other.stage, SignInStage::SecondFactorNeeded);
  EXPECT_THROW(accounts().begin_enrolment(other.session_token), AccountError);
  now += 30s;
  const auto done = accounts().confirm_enrolment(in.session_token, code_now(secret), client());
  EXPECT_EQ(done.recovery_codes.size(), 10u);
  EXPECT_TRUE(accounts().authenticate(done.session_token, client()).has_value());
}

TEST_F(AccountsTest, MagicLink) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string known = accounts().send_sign_in_link("A@example.org", client());
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "a@example.org");
  const std::string unknown = accounts().send_sign_in_link("personne@example.org", client());
  EXPECT_EQ(known, unknown);  // same answer
  EXPECT_EQ(mails.size(), 1u);

  const std::string text = mails[0].text;
  const auto start = text.find("/espace/connexion/lien/");
  ASSERT_NE(start, std::string::npos);
  const auto token_start = start + std::string("/espace/connexion/lien/").size();
  const std::string token = text.substr(token_start, text.find_first_of("\n ", token_start) - token_start);
  const auto first = accounts().sign_in_with_link(token, client());
  ASSERT_EQ(first.stage, SignInStage::SecondFactorNeeded);
  EXPECT_EQ(accounts().pending_user(first.session_token), member.id);
  EXPECT_EQ(accounts().sign_in_with_link(token, client()).stage, SignInStage::Refused);  // single use
  EXPECT_TRUE(journalled(store(), journal::action::kMagicLinkSent));

  // Expired after 10 minutes.
  accounts().send_sign_in_link("a@example.org", client());
  ASSERT_EQ(mails.size(), 2u);
  const auto s2 = mails[1].text.find("/espace/connexion/lien/") + std::string("/espace/connexion/lien/").size();
  const std::string late = mails[1].text.substr(s2, mails[1].text.find_first_of("\n ", s2) - s2);
  now += 10min;
  EXPECT_EQ(accounts().sign_in_with_link(late, client()).stage, SignInStage::Refused);

  // Not sent to an inactive account.
  auto user = *store().accounts().find_user(member.id);
  user.status = "desactive";
  store().accounts().update_user(user);
  now += 1h;
  EXPECT_EQ(accounts().send_sign_in_link("a@example.org", client()), known);
  EXPECT_EQ(mails.size(), 2u);
}

TEST_F(AccountsTest, InvitationTokenIsNotASignInLink) {
  const auto structure = add_structure("Un", "69266");
  const std::string link = accounts().operator_invite(structure, "b@example.org", "mediateur");
  const std::string token = link.substr(link.rfind('/') + 1);
  EXPECT_EQ(accounts().sign_in_with_link(token, client()).stage, SignInStage::Refused);
  EXPECT_TRUE(accounts().find_invitation(token).has_value());  // not spent
}

// --- Sessions -------------------------------------------------------------------------------

TEST_F(AccountsTest, IdleTimeoutAsksTheSecondFactorAgain) {
  const auto member = add_member("r@example.org", "referent");
  std::string token = sign_in(member);
  auto p = accounts().authenticate(token, client());
  ASSERT_TRUE(p && p->second_factor_fresh);
  now += 14min;
  p = accounts().authenticate(token, client());
  ASSERT_TRUE(p && p->second_factor_fresh);  // activity keeps it fresh
  now += 16min;
  p = accounts().authenticate(token, client());
  ASSERT_TRUE(p.has_value());
  EXPECT_FALSE(p->second_factor_fresh);
  now += 1min;
  p = accounts().authenticate(token, client());
  EXPECT_FALSE(p->second_factor_fresh);  // stays stale until the code is given
  try {
    accounts().require(*p, Action::ManageMembers, on(member.structure_id));
    FAIL() << "needs a fresh second factor";
  } catch (const AccountError& e) {
    EXPECT_EQ(e.status(), 401);
  }
  EXPECT_NO_THROW(accounts().require(*p, Action::EditPlace, on(member.structure_id)));

  now += 30s;
  const auto again = accounts().verify_second_factor(token, code_now(member.secret), client());
  ASSERT_EQ(again.stage, SignInStage::SignedIn);
  EXPECT_NE(again.session_token, token);
  EXPECT_FALSE(accounts().authenticate(token, client()).has_value());
  p = accounts().authenticate(again.session_token, client());
  ASSERT_TRUE(p && p->second_factor_fresh);
  EXPECT_TRUE(journalled(store(), journal::action::kReauthentication));
  EXPECT_NO_THROW(accounts().require(*p, Action::ManageMembers, on(member.structure_id)));
}

TEST_F(AccountsTest, AbsoluteLifetimeAndFirstFactorLifetime) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string token = sign_in(member);
  for (int i = 0; i < 11; ++i) {
    now += 1h;
    ASSERT_TRUE(accounts().authenticate(token, client()).has_value()) << i;
  }
  now += 1h;
  EXPECT_FALSE(accounts().authenticate(token, client()).has_value());

  const auto pending = accounts().sign_in_with_password("a@example.org", kPassword, client());
  now += 11min;
  EXPECT_FALSE(accounts().pending_user(pending.session_token).has_value());
  EXPECT_EQ(accounts().verify_second_factor(pending.session_token, code_now(member.secret), client()).stage,
            SignInStage::Refused);
}

TEST_F(AccountsTest, SessionsListedRevokedAndSignedOut) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string one = sign_in(member, {"192.0.2.1", "Firefox"});
  now += 1min;
  const std::string two = sign_in(member, {"192.0.2.2", "Chromium"});
  const auto p = *accounts().authenticate(two, client());
  auto list = accounts().sessions(p);
  ASSERT_EQ(list.size(), 3u);  // with the one opened at enrolment
  EXPECT_TRUE(list[0].current);
  EXPECT_EQ(list[0].user_agent, "Chromium");
  EXPECT_EQ(list[1].user_agent, "Firefox");
  EXPECT_EQ(list[1].ip, "192.0.2.1");
  EXPECT_FALSE(list[1].current);
  EXPECT_EQ(list[1].id.size(), 16u);
  accounts().revoke_session(p, list[1].id);
  EXPECT_FALSE(accounts().authenticate(one, client()).has_value());
  EXPECT_TRUE(accounts().authenticate(two, client()).has_value());
  EXPECT_EQ(accounts().sessions(p).size(), 2u);
  EXPECT_THROW(accounts().revoke_session(p, "0123456789abcdef"), AccountError);
  accounts().sign_out(two);
  EXPECT_FALSE(accounts().authenticate(two, client()).has_value());
  EXPECT_TRUE(journalled(store(), journal::action::kSessionRevoked));
  EXPECT_TRUE(journalled(store(), journal::action::kLogout));
}

// --- Throttling -----------------------------------------------------------------------------

TEST_F(AccountsTest, AccountThrottlingDoublesAndCaps) {
  const auto member = add_member("a@example.org", "mediateur");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "faux", client()).stage, SignInStage::Refused) << i;
  }
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "faux", client()).stage, SignInStage::Refused);
  // Sixth failure: 1 s to wait, even with the right password.
  auto r = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(r.stage, SignInStage::Throttled);
  EXPECT_EQ(r.retry_after, 1s);
  EXPECT_EQ(r.message.find("compte"), std::string::npos);
  now += 1s;
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "faux", client()).stage, SignInStage::Refused);
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "faux", client()).retry_after, 2s);
  now += 2s;
  accounts().sign_in_with_password("a@example.org", "faux", client());
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "faux", client()).retry_after, 4s);
  for (int i = 0; i < 20; ++i) {
    now += 15min;
    accounts().sign_in_with_password("a@example.org", "faux", client());
  }
  r = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(r.stage, SignInStage::Throttled);
  EXPECT_EQ(r.retry_after, 15min);  // capped, never a permanent lock
  now += 15min;
  r = accounts().sign_in_with_password("a@example.org", kPassword, client());
  EXPECT_EQ(r.stage, SignInStage::SecondFactorNeeded);
  // Success clears the account's counter.
  EXPECT_FALSE(store().accounts().find_throttle("compte:a@example.org").has_value());
  EXPECT_TRUE(journalled(store(), journal::action::kLoginThrottled));
}

TEST_F(AccountsTest, UnknownAccountsAreThrottledTheSameWay) {
  add_member("a@example.org", "mediateur");
  std::vector<SignInResult> known, unknown;
  for (int i = 0; i < 7; ++i) {
    known.push_back(accounts().sign_in_with_password("a@example.org", "faux", {"192.0.2.1", "x"}));
    unknown.push_back(accounts().sign_in_with_password("personne@example.org", "faux", {"192.0.2.2", "x"}));
  }
  for (std::size_t i = 0; i < known.size(); ++i) {
    EXPECT_EQ(known[i].stage, unknown[i].stage) << i;
    EXPECT_EQ(known[i].message, unknown[i].message) << i;
    EXPECT_EQ(known[i].retry_after, unknown[i].retry_after) << i;
  }
  EXPECT_EQ(unknown.back().stage, SignInStage::Throttled);
}

TEST_F(AccountsTest, SecondFactorFailuresAreThrottled) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto s = accounts().sign_in_with_password("a@example.org", kPassword, client());
  for (int i = 0; i < 6; ++i) accounts().verify_second_factor(s.session_token, "000000", client());
  const auto r = accounts().verify_second_factor(s.session_token, code_now(member.secret), client());
  EXPECT_EQ(r.stage, SignInStage::Throttled);
}

TEST_F(AccountsTest, IpThrottling) {
  settings.ip_max_failures = 4;
  settings.ip_window = 15min;
  const auto member = add_member("a@example.org", "mediateur");
  const Client attacker{"198.51.100.7", "bot"};
  for (int i = 0; i < 4; ++i) {
    accounts().sign_in_with_password("victime" + std::to_string(i) + "@example.org", "faux", attacker);
  }
  auto r = accounts().sign_in_with_password("a@example.org", kPassword, attacker);
  EXPECT_EQ(r.stage, SignInStage::Throttled);
  EXPECT_EQ(r.retry_after, 15min);
  // Another address is not affected.
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", kPassword, client()).stage,
            SignInStage::SecondFactorNeeded);
  now += 15min;
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", kPassword, attacker).stage,
            SignInStage::SecondFactorNeeded);
}

TEST_F(AccountsTest, IpWindowForgetsOldFailures) {
  settings.ip_max_failures = 3;
  const Client c{"198.51.100.8", "x"};
  accounts().sign_in_with_password("x1@example.org", "faux", c);
  accounts().sign_in_with_password("x2@example.org", "faux", c);
  now += 16min;  // the window has passed: the count starts again
  accounts().sign_in_with_password("x3@example.org", "faux", c);
  EXPECT_EQ(accounts().sign_in_with_password("x4@example.org", "faux", c).stage, SignInStage::Refused);
  EXPECT_EQ(accounts().sign_in_with_password("x5@example.org", "faux", c).stage, SignInStage::Refused);
  EXPECT_EQ(accounts().sign_in_with_password("x6@example.org", "faux", c).stage, SignInStage::Throttled);
}

// --- Members ------------------------------------------------------------------------------------

TEST_F(AccountsTest, ReferentInvitesAndDeactivatesAtOnce) {
  const auto referent = add_member("r@example.org", "referent");
  const auto mediateur = add_member("m@example.org", "mediateur", referent.structure_id);
  const auto p = *accounts().authenticate(sign_in(referent), client());
  const std::string m_token = sign_in(mediateur);
  ASSERT_TRUE(accounts().authenticate(m_token, client()).has_value());

  const auto before = mails.size();
  const std::string link = accounts().invite(p, referent.structure_id, "nouveau@example.org", "mediateur");
  ASSERT_EQ(mails.size(), before + 1);
  EXPECT_NE(mails.back().text.find(link), std::string::npos);
  EXPECT_EQ(accounts().pending_invitations(p, referent.structure_id).size(), 1u);
  EXPECT_EQ(accounts().members(p, referent.structure_id).size(), 2u);
  for (const auto& m : accounts().members(p, referent.structure_id)) {
    EXPECT_TRUE(m.user.password_hash.empty());
    EXPECT_TRUE(m.user.totp_sealed_seed.empty());
  }

  accounts().change_role(p, referent.structure_id, mediateur.id, "referent");
  EXPECT_EQ(store().accounts().memberships_of_user(mediateur.id)[0].role, "referent");
  accounts().deactivate_member(p, referent.structure_id, mediateur.id);
  EXPECT_FALSE(accounts().authenticate(m_token, client()).has_value());  // at once
  EXPECT_FALSE(store().accounts().memberships_of_user(mediateur.id)[0].active);
  EXPECT_TRUE(journalled(store(), journal::action::kMemberDeactivated));
  EXPECT_TRUE(journalled(store(), journal::action::kRoleChanged));
}

TEST_F(AccountsTest, MembersOfAnotherStructureAreOutOfReach) {
  const auto referent = add_member("r@example.org", "referent");
  const auto other = add_member("o@example.org", "mediateur", add_structure("Autre", "13055"));
  const auto mediateur = add_member("m@example.org", "mediateur", referent.structure_id);
  const auto p = *accounts().authenticate(sign_in(referent), client());
  const auto m = *accounts().authenticate(sign_in(mediateur), client());
  auto expect_status = [](int status, auto&& f) {
    try {
      f();
      ADD_FAILURE() << "no refusal";
    } catch (const AccountError& e) {
      EXPECT_EQ(e.status(), status);
    }
  };
  expect_status(403, [&] { accounts().deactivate_member(p, other.structure_id, other.id); });
  expect_status(403, [&] { accounts().invite(p, other.structure_id, "x@example.org", "mediateur"); });
  expect_status(403, [&] { accounts().members(p, other.structure_id); });
  expect_status(403, [&] { accounts().deactivate_member(m, referent.structure_id, referent.id); });
  expect_status(404, [&] { accounts().deactivate_member(p, referent.structure_id, other.id); });
  EXPECT_TRUE(journalled(store(), journal::action::kAccessDenied));
  EXPECT_TRUE(store().accounts().memberships_of_user(other.id)[0].active);
}

TEST_F(AccountsTest, InvitingAnExistingAccountKeepsItsSecrets) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto second = add_structure("Deuxième", "69266");
  const std::string link = accounts().operator_invite(second, "a@example.org", "referent");
  const auto r = accounts().accept_invitation(link.substr(link.rfind('/') + 1), "Autre nom", "", client());
  EXPECT_EQ(r.stage, SignInStage::SecondFactorNeeded);
  const auto user = *store().accounts().find_user(member.id);
  EXPECT_EQ(user.display_name, "Membre");
  EXPECT_FALSE(user.password_hash.empty());
  EXPECT_EQ(store().accounts().memberships_of_user(member.id).size(), 2u);
}

// --- Structures -------------------------------------------------------------------------------

TEST_F(AccountsTest, CoordinatorCreatesAndValidatesInItsTerritoryOnly) {
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const auto p = *accounts().authenticate(sign_in(coordinator), client());
  store::Structure s;
  s.name = "Médiathèque";
  s.type = "mediatheque";
  s.code_insee = "69266";
  s.siret = "123 456 789 01238";  // one digit off
  EXPECT_THROW(accounts().create_structure(p, s), AccountError);
  s.siret = "123 456 789 01237";
  const auto id = accounts().create_structure(p, s);
  const auto created = *store().accounts().find_structure(id);
  EXPECT_EQ(created.status, "validee");
  EXPECT_EQ(created.siret, "12345678901237");
  EXPECT_EQ(created.commune, "Villeurbanne");
  s.code_insee = "13055";
  s.siret.clear();
  EXPECT_THROW(accounts().create_structure(p, s), AccountError);
  s.code_insee = "99999";
  EXPECT_THROW(accounts().create_structure(p, s), AccountError);
  s.code_insee = "69266";
  s.type = "inconnu";
  EXPECT_THROW(accounts().create_structure(p, s), AccountError);

  store::Structure pending = created;
  pending.siret.clear();
  pending.status = "en_attente";
  pending.validated_at.clear();
  pending.validated_by.reset();
  pending.id = store().accounts().add_structure(pending);
  pending.code_insee = "13055";
  const auto far = store().accounts().add_structure(pending);
  EXPECT_THROW(accounts().validate_structure(p, far), AccountError);
  accounts().validate_structure(p, pending.id);
  EXPECT_EQ(store().accounts().find_structure(pending.id)->status, "validee");
  EXPECT_EQ(store().accounts().find_structure(pending.id)->validated_by, coordinator.id);

  const auto visible = accounts().visible_structures(p);
  EXPECT_EQ(visible.size(), 2u);  // the two of the Rhône, not Marseille's
  // Never a structure's records.
  EXPECT_THROW(accounts().members(p, id), AccountError);
}

TEST_F(AccountsTest, AttachPlaceWithinTerritory) {
  import_place("Hinaura", "155", "69266");
  import_place("Hinaura", "156", "13055");
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const auto p = *accounts().authenticate(sign_in(coordinator), client());
  const auto structure = add_structure("Un", "69266");
  accounts().attach_place(p, structure, {"Hinaura", "155"});
  EXPECT_EQ(store().accounts().structure_of_place({"Hinaura", "155"}), structure);
  EXPECT_THROW(accounts().attach_place(p, structure, {"Hinaura", "156"}), AccountError);  // place outside
  EXPECT_THROW(accounts().attach_place(p, structure, {"Hinaura", "999"}), AccountError);  // unknown
  accounts().operator_attach_place(structure, {"Hinaura", "156"});  // the operator may
  EXPECT_EQ(store().accounts().places_of_structure(structure).size(), 2u);
}

// La Poste's establishments escape the Luhn key: their digits sum to a multiple of 5.
TEST_F(AccountsTest, LaPosteSiretsHaveTheirOwnKey) {
  store::Structure s = described("Bureau de poste", "france_services");
  s.siret = "35600000000011";
  EXPECT_THROW(accounts().operator_create_structure(s), AccountError);
  s.siret = "35600000000010";
  const auto id = accounts().operator_create_structure(s);
  EXPECT_EQ(store().accounts().find_structure(id)->siret, "35600000000010");
}

// The public registration form's request: pending, the territory's
// coordinateur told, validated, the requester invited as référent and
// forgotten on the structure.
TEST_F(AccountsTest, RequestedStructureIsValidatedAndItsRequesterInvited) {
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const auto far = add_coordinator("far@example.org", {0, "departement", "13"});
  mails.clear();
  const store::Structure s = described("Espace numérique des Buers", "tiers_lieu", "12 rue Léon Blum");
  const auto id = accounts().request_structure(s, " Inès Martin ", "Ines.Martin@Example.org", client());
  auto stored = *store().accounts().find_structure(id);
  EXPECT_EQ(stored.status, "en_attente");
  EXPECT_EQ(stored.contact_name, "Inès Martin");
  EXPECT_EQ(stored.contact_email, "ines.martin@example.org");
  EXPECT_EQ(stored.code_postal, "69100");
  ASSERT_EQ(mails.size(), 1u);  // the Rhône's coordinateur, not the Bouches-du-Rhône's
  EXPECT_EQ(mails[0].to, "c@example.org");
  EXPECT_NE(mails[0].text.find("Espace numérique des Buers"), std::string::npos);
  EXPECT_TRUE(journalled(store(), journal::action::kStructureRequested));

  const auto other = *accounts().authenticate(sign_in(far), client());
  EXPECT_THROW(accounts().validate_structure(other, id), AccountError);
  const auto p = *accounts().authenticate(sign_in(coordinator), client());
  mails.clear();
  const auto link = accounts().validate_structure(p, id);
  ASSERT_FALSE(link.empty());
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "ines.martin@example.org");
  EXPECT_NE(mails[0].text.find(link), std::string::npos);
  stored = *store().accounts().find_structure(id);
  EXPECT_EQ(stored.status, "validee");
  EXPECT_TRUE(stored.contact_email.empty());
  EXPECT_TRUE(stored.contact_name.empty());
  EXPECT_TRUE(accounts().validate_structure(p, id).empty());  // once
  // The requester accepts: référente of the structure.
  const auto referent = accept_and_enrol(link);
  const auto memberships = store().accounts().memberships_of_user(referent.id);
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_EQ(memberships[0].structure_id, id);
  EXPECT_EQ(memberships[0].role, "referent");
  // It has a référent now: the coordinateur no longer invites one.
  EXPECT_THROW(accounts().invite_first_referent(p, id, "autre@example.org"), AccountError);
}

TEST_F(AccountsTest, RefusedRequestIsDeactivatedAndItsRequesterTold) {
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const store::Structure s = described("Demande", "association");
  const auto id = accounts().request_structure(s, "Jo", "jo@example.org", client());
  const auto p = *accounts().authenticate(sign_in(coordinator), client());
  mails.clear();
  accounts().refuse_structure(p, id, "Structure déjà inscrite sous un autre nom");
  const auto stored = *store().accounts().find_structure(id);
  EXPECT_EQ(stored.status, "desactivee");
  EXPECT_TRUE(stored.contact_email.empty());
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "jo@example.org");
  EXPECT_NE(mails[0].text.find("déjà inscrite"), std::string::npos);
  EXPECT_THROW(accounts().refuse_structure(p, id, ""), AccountError);    // already handled
  EXPECT_THROW(accounts().validate_structure(p, id), AccountError);      // deactivated
  EXPECT_TRUE(journalled(store(), journal::action::kStructureRefused));
}

TEST_F(AccountsTest, RequestsAreCheckedAndThrottledPerAddress) {
  store::Structure s = described("Demande", "association");
  EXPECT_THROW(accounts().request_structure(s, "", "jo@example.org", client()), AccountError);
  EXPECT_THROW(accounts().request_structure(s, "Jo", "pas une adresse", client()), AccountError);
  store::Structure unknown = s;
  unknown.code_insee = "99999";
  EXPECT_THROW(accounts().request_structure(unknown, "Jo", "jo@example.org", client()), AccountError);
  int throttled = 0;
  for (int i = 0; i < 8; ++i) {
    s.name = "Demande " + std::to_string(i);
    try {
      accounts().request_structure(s, "Jo", "jo@example.org", client());
    } catch (const AccountError& e) {
      throttled += e.status() == 429 ? 1 : 0;
    }
  }
  EXPECT_GT(throttled, 0);
  // Another address is not slowed down.
  s.name = "Ailleurs";
  EXPECT_NO_THROW(accounts().request_structure(s, "Jo", "jo@example.org", {"198.51.100.9", "Other"}));
}

TEST_F(AccountsTest, CoordinatorInvitesTheFirstReferentOfAStructureItCreated) {
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const auto p = *accounts().authenticate(sign_in(coordinator), client());
  const store::Structure s = described("Créée par la coordination", "mediatheque");
  const auto id = accounts().create_structure(p, s);
  mails.clear();
  const auto link = accounts().invite_first_referent(p, id, "Ref@Example.org");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "ref@example.org");
  accept_and_enrol(link);
  EXPECT_THROW(accounts().invite_first_referent(p, id, "deux@example.org"), AccountError);
  const auto far = add_coordinator("far@example.org", {0, "departement", "13"});
  const auto q = *accounts().authenticate(sign_in(far), client());
  const auto other = add_structure("Autre", "69266");
  EXPECT_THROW(accounts().invite_first_referent(q, other, "x@example.org"), AccountError);
}

// Most sources give no code INSEE: the caller passes the catalogue's.
TEST_F(AccountsTest, AttachPlaceUsesTheDerivedCommuneAndDetaches) {
  import_place("Autre", "158", std::nullopt);
  const auto coordinator = add_coordinator("c@example.org", {0, "departement", "69"});
  const auto principal = *accounts().authenticate(sign_in(coordinator), client());
  const auto structure = add_structure("Un", "69266");
  EXPECT_THROW(accounts().attach_place(principal, structure, {"Autre", "158"}), AccountError);  // commune unknown
  accounts().attach_place(principal, structure, {"Autre", "158"}, "69266");
  EXPECT_EQ(store().accounts().structure_of_place({"Autre", "158"}), structure);
  accounts().detach_place(principal, structure, {"Autre", "158"});
  EXPECT_FALSE(store().accounts().structure_of_place({"Autre", "158"}).has_value());
  EXPECT_THROW(accounts().detach_place(principal, structure, {"Autre", "158"}), AccountError);  // not attached
  EXPECT_TRUE(journalled(store(), journal::action::kPlaceDetached));
}

TEST_F(AccountsTest, AdminBootstrapAndTerritoryGrants) {
  const std::string link = accounts().bootstrap_admin("Admin@Example.org");
  const auto r = accounts().accept_invitation(link.substr(link.rfind('/') + 1), "Admin", kPassword, client());
  ASSERT_EQ(r.stage, SignInStage::EnrolmentNeeded);
  const auto secret = *security::base32_decode(accounts().begin_enrolment(r.session_token).secret_base32);
  const auto done = accounts().confirm_enrolment(r.session_token, code_now(secret), client());
  const auto admin = *accounts().authenticate(done.session_token, client());
  EXPECT_TRUE(admin.admin);

  const std::string coordinator_link =
      accounts().operator_grant_territory("coord@example.org", {0, "departement", "69"});
  EXPECT_FALSE(coordinator_link.empty());
  const auto coord = *store().accounts().find_user_by_email("coord@example.org");
  EXPECT_EQ(store().accounts().territory_roles_of_user(coord.id).size(), 1u);
  EXPECT_TRUE(accounts().operator_grant_territory("coord@example.org", {0, "region", "84"}).empty());
  accounts().grant_territory(admin, coord.id, {coord.id, "commune", "69266"});
  EXPECT_EQ(store().accounts().territory_roles_of_user(coord.id).size(), 3u);
  EXPECT_THROW(accounts().grant_territory(admin, coord.id, {coord.id, "pays", "FR"}), AccountError);
  // The coordinateur accepts: the territory roles are there at sign-in.
  const auto accepted = accounts().accept_invitation(coordinator_link.substr(coordinator_link.rfind('/') + 1),
                                                     "Coord", kPassword, client());
  EXPECT_EQ(accepted.stage, SignInStage::EnrolmentNeeded);
}

// --- Personal data ----------------------------------------------------------------------------

TEST_F(AccountsTest, ChangePassword) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string other = sign_in(member);
  const auto p = *accounts().authenticate(sign_in(member), client());
  EXPECT_THROW(accounts().change_password(p, "faux", "un autre mot de passe assez long"), AccountError);
  EXPECT_THROW(accounts().change_password(p, kPassword, "court"), AccountError);
  accounts().change_password(p, kPassword, "un autre mot de passe assez long");
  EXPECT_FALSE(accounts().authenticate(other, client()).has_value());  // other sessions ended
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", "un autre mot de passe assez long", client()).stage,
            SignInStage::SecondFactorNeeded);
}

TEST_F(AccountsTest, ExportHoldsEverythingAboutTheAccount) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto p = *accounts().authenticate(sign_in(member, {"203.0.113.9", "Firefox"}), client());
  const auto data = accounts().export_account_data(p);
  EXPECT_EQ(data["compte"]["email"], "a@example.org");
  EXPECT_EQ(data["structures"].size(), 1u);
  EXPECT_GE(data["sessions"].size(), 1u);
  const std::string text = data.dump();
  EXPECT_NE(text.find("203.0.113.9"), std::string::npos);    // from the journal's personal fields
  EXPECT_EQ(text.find("argon2id"), std::string::npos);       // never secrets
  EXPECT_NE(text.find(journal::action::kLogin), std::string::npos);
  EXPECT_TRUE(journalled(store(), journal::action::kAccountDataExported));
  Principal stale = p;
  stale.second_factor_fresh = false;
  EXPECT_THROW(accounts().export_account_data(stale), AccountError);
}

TEST_F(AccountsTest, DeletionAnonymisesAndTheJournalStillVerifies) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string token = sign_in(member, {"203.0.113.9", "Firefox"});
  const auto p = *accounts().authenticate(token, client());
  accounts().delete_account(p);
  const auto user = *store().accounts().find_user(member.id);
  EXPECT_EQ(user.email, "supprime-" + std::to_string(member.id) + "@invalid");
  EXPECT_EQ(user.status, "supprime");
  EXPECT_TRUE(user.display_name.empty());
  EXPECT_TRUE(user.password_hash.empty());
  EXPECT_TRUE(user.totp_sealed_seed.empty());
  EXPECT_FALSE(store().accounts().memberships_of_user(member.id)[0].active);
  EXPECT_EQ(store().accounts().unused_recovery_codes(member.id), 0u);
  EXPECT_FALSE(accounts().authenticate(token, client()).has_value());
  // Every personal row about the account is blanked. (The invitation's row,
  // written before the account existed, has no user and waits for the
  // retention period: maintenance_test.cpp.)
  std::size_t erased = 0;
  for (const auto& row : store().journal().personal_rows(1, 100000)) {
    if (row.user_id == member.id) {
      EXPECT_TRUE(row.fields.empty());
      ++erased;
    }
    EXPECT_EQ(row.fields.find("203.0.113.9"), std::string::npos);
  }
  EXPECT_GE(erased, 2u);
  EXPECT_TRUE(journal::verify(store().journal(), keys.journal_public).ok());
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", kPassword, client()).stage, SignInStage::Refused);
  EXPECT_TRUE(journalled(store(), journal::action::kAccountDeleted));
}

TEST_F(AccountsTest, RequireJournalsRefusals) {
  const auto member = add_member("a@example.org", "mediateur");
  const auto p = *accounts().authenticate(sign_in(member), client());
  try {
    accounts().require(p, Action::ViewJournal, {});
    FAIL();
  } catch (const AccountError& e) {
    EXPECT_EQ(e.status(), 403);
  }
  const auto entries = store().journal().entries(1, 100000);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, journal::action::kAccessDenied);
  EXPECT_NE(entries.back().details.find("ViewJournal"), std::string::npos);
  EXPECT_EQ(entries.back().actor_user_id, member.id);
}

TEST(TimeText, RoundTrip) {
  const sys_seconds t = sys_days{2026y / 12 / 1} + 10h + 5min + 7s;
  EXPECT_EQ(time_text(t), "2026-12-01T10:05:07Z");
  EXPECT_EQ(parse_time_text("2026-12-01T10:05:07Z"), t);
  EXPECT_THROW(parse_time_text("2026-12-01 10:05:07"), std::invalid_argument);
  EXPECT_THROW(parse_time_text("2026-02-30T10:05:07Z"), std::invalid_argument);
}

}  // namespace
}  // namespace relais::accounts
