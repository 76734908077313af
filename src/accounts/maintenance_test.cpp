#include "accounts/maintenance.h"

#include <gtest/gtest.h>

#include "accounts/testing.h"
#include "accounts/time_text.h"
#include "store/journal_store.h"
#include "security/random.h"
#include "store/place_edit_store.h"

namespace relais::accounts {
namespace {

using namespace std::chrono;
using testing::AccountsFixture;
using testing::kPassword;

class MaintenanceTest : public AccountsFixture {
 protected:
  MaintenanceTest() {
    // The store stamps imports and reports with the real time: start there.
    now = floor<seconds>(system_clock::now());
  }

  MaintenanceReport run(bool dry_run = false, bool with_mail = true) {
    MailSender sender;
    if (with_mail) sender = [this](const mail::Message& m) { sent.push_back(m); };
    MaintenanceOptions options;
    options.dry_run = dry_run;
    options.base_url = "http://relais.test";
    return run_maintenance(store(), keys, sender, options, {}, [this] { return now; });
  }

  std::vector<mail::Message> sent;
};

TEST_F(MaintenanceTest, DeletesEndedSessionsTokensAndThrottleRows) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string token = sign_in(member);
  accounts().sign_out(token);
  accounts().sign_in_with_password("personne@example.org", "faux", client());  // a throttle row
  accounts().operator_invite(member.structure_id, "b@example.org", "mediateur");  // a token, 72 h

  const auto now_ms = [this] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  };
  ASSERT_TRUE(store().accounts().admit_rate_event({"courriel_fiche", 60'000, 5, 300}, "pseudonyme", now_ms()));

  auto report = run();
  EXPECT_EQ(report.sessions_deleted, 0u);  // ended today: still listed for a while
  EXPECT_EQ(report.throttle_rows_deleted, 0u);
  EXPECT_EQ(report.rate_events_deleted, 0u);  // still in its minute's window
  now += days(31);
  sign_in(member);  // stays active
  report = run();
  EXPECT_GE(*report.sessions_deleted, 2u);  // the signed-out one and the first-factor ones
  EXPECT_EQ(report.tokens_deleted, 2u);     // the two invitations
  EXPECT_GE(*report.throttle_rows_deleted, 1u);
  EXPECT_EQ(report.rate_events_deleted, 1u);
  EXPECT_FALSE(store().accounts().find_session(security::sha256_hex(token)).has_value());
  EXPECT_FALSE(store().accounts().find_throttle("compte:personne@example.org").has_value());
  // The run is journalled with its counts.
  const auto last = store().journal().last_entry();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->action, journal::action::kRetentionRun);
  EXPECT_NE(last->details.find("sessions_supprimees"), std::string::npos);
}

TEST_F(MaintenanceTest, SealsTheJournalEveryRun) {
  add_member("a@example.org", "mediateur");
  const auto before = store().journal().entry_count();
  ASSERT_GT(before, 0);
  ASSERT_LT(before, journal::JournalSettings{}.seal_every);  // not sealed by count yet
  EXPECT_FALSE(store().journal().last_checkpoint().has_value());
  auto report = run();
  ASSERT_TRUE(report.sealed_tree_size.has_value());
  // Every entry, the run's own included, is under the signed checkpoint.
  EXPECT_EQ(*report.sealed_tree_size, store().journal().entry_count());
  EXPECT_EQ(store().journal().last_checkpoint()->tree_size, store().journal().entry_count());
  EXPECT_TRUE(journal::verify(store().journal(), keys.journal_public).ok());
  // A dry run writes nothing, not even a checkpoint.
  const auto checkpoints = store().journal().checkpoints().size();
  report = run(true);
  EXPECT_FALSE(report.sealed_tree_size.has_value());
  EXPECT_EQ(store().journal().checkpoints().size(), checkpoints);
}

TEST_F(MaintenanceTest, ErasesOldPersonalFieldsAndKeepsTheChain) {
  add_member("a@example.org", "mediateur");
  accounts().sign_in_with_password("personne@example.org", "faux", client());
  now += kJournalPersonalRetention - days(1);
  auto report = run(false, false);
  EXPECT_EQ(report.journal_personal_erased, 0u);
  now += days(2);
  report = run(false, false);
  EXPECT_GE(*report.journal_personal_erased, 3u);
  for (const auto& row : store().journal().personal_rows(1, 100000)) {
    EXPECT_EQ(row.fields.find("example.org"), std::string::npos) << row.seq;
  }
  EXPECT_TRUE(journal::verify(store().journal(), keys.journal_public).ok());
}

TEST_F(MaintenanceTest, ForgetsReportEmails) {
  store::PlaceReport r;
  r.place_ref = "Hinaura:155";
  r.categories = {"horaires"};
  r.message = "Fermé le lundi";
  r.email = "public@example.org";
  store().add_place_report(r);
  EXPECT_EQ(run().report_emails_forgotten, 0u);
  now += kReportEmailRetention + days(1);
  EXPECT_EQ(run().report_emails_forgotten, 1u);
  EXPECT_EQ(store().list_place_reports()[0].email, "");
  EXPECT_EQ(store().list_place_reports()[0].message, "Fermé le lundi");
}

TEST_F(MaintenanceTest, WarnsThenDeactivatesInactiveAccounts) {
  const auto member = add_member("a@example.org", "mediateur");
  const std::string token = sign_in(member);
  now += days(140);
  auto report = run();
  EXPECT_EQ(report.accounts_warned, 0u);

  now += days(14);  // 154 days without sign-in
  report = run(true);  // dry run: listed, not sent
  EXPECT_EQ(report.accounts_warned, 1u);
  ASSERT_EQ(report.mails.size(), 1u);
  EXPECT_FALSE(report.mails[0].sent);
  EXPECT_TRUE(sent.empty());
  EXPECT_FALSE(report.sessions_deleted.has_value());

  report = run();
  EXPECT_EQ(report.accounts_warned, 1u);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "a@example.org");
  EXPECT_NE(sent[0].text.find("désactivé"), std::string::npos);
  EXPECT_EQ(run().accounts_warned, 0u);  // once
  EXPECT_EQ(sent.size(), 1u);

  now += days(30);  // 184 days
  report = run();
  EXPECT_EQ(report.accounts_deactivated, 1u);
  EXPECT_EQ(store().accounts().find_user(member.id)->status, "desactive");
  EXPECT_FALSE(accounts().authenticate(token, client()).has_value());
  EXPECT_EQ(accounts().sign_in_with_password("a@example.org", kPassword, client()).stage, SignInStage::Refused);
  EXPECT_EQ(run().accounts_deactivated, 0u);
}

TEST_F(MaintenanceTest, ErasesAccountsThreeYearsAfterTheLastSignIn) {
  const auto member = add_member("a@example.org", "mediateur");
  sign_in(member);
  const auto seq_with_personal = store().journal().entry_count();
  now += days(200);
  EXPECT_EQ(run().accounts_deactivated, 1u);
  now += kAccountRetention - days(200) - days(1);
  EXPECT_EQ(run().accounts_erased, 0u);  // deactivated, kept until 3 years after the last sign-in
  EXPECT_EQ(store().accounts().find_user(member.id)->email, "a@example.org");
  now += days(2);
  auto report = run(true);
  EXPECT_EQ(report.accounts_erased, 1u);  // dry run: counted only
  EXPECT_EQ(store().accounts().find_user(member.id)->email, "a@example.org");
  report = run();
  EXPECT_EQ(report.accounts_erased, 1u);
  const auto user = store().accounts().find_user(member.id);
  EXPECT_EQ(user->status, "supprime");
  EXPECT_EQ(user->email.find("example.org"), std::string::npos);
  EXPECT_TRUE(user->display_name.empty());
  EXPECT_TRUE(user->password_hash.empty());
  EXPECT_TRUE(user->totp_sealed_seed.empty());
  for (const auto& m : store().accounts().memberships_of_user(member.id)) EXPECT_FALSE(m.active);
  for (const auto& row : store().journal().personal_rows(1, static_cast<std::size_t>(seq_with_personal))) {
    EXPECT_EQ(row.fields.find("a@example.org"), std::string::npos) << row.seq;
  }
  EXPECT_TRUE(journal::verify(store().journal(), keys.journal_public).ok());
  EXPECT_EQ(run().accounts_erased, 0u);  // once
}

TEST_F(MaintenanceTest, ErasesAccountsWhoseInvitationWasNeverAccepted) {
  // A coordinateur granted a territory before having an account: created
  // waiting for the invitation to be accepted.
  const auto link = accounts().operator_grant_territory("coord@example.org", {0, "departement", "69"});
  ASSERT_FALSE(link.empty());
  const auto waiting = store().accounts().find_user_by_email("coord@example.org");
  ASSERT_TRUE(waiting.has_value());
  EXPECT_EQ(waiting->status, "invite");
  now += kUnacceptedAccountRetention - days(1);
  EXPECT_EQ(run().accounts_erased, 0u);
  now += days(2);
  EXPECT_EQ(run().accounts_erased, 1u);
  EXPECT_FALSE(store().accounts().find_user_by_email("coord@example.org").has_value());
  EXPECT_TRUE(store().accounts().territory_roles_of_user(waiting->id).empty());
}

TEST_F(MaintenanceTest, SignInResetsTheInactivityClock) {
  const auto member = add_member("a@example.org", "mediateur");
  now += days(160);
  EXPECT_EQ(run().accounts_warned, 1u);
  sign_in(member);
  now += days(100);
  const auto report = run();
  EXPECT_EQ(report.accounts_warned, 0u);
  EXPECT_EQ(report.accounts_deactivated, 0u);
  now += days(60);  // 160 days after the sign-in: warned again
  EXPECT_EQ(run().accounts_warned, 1u);
}

TEST_F(MaintenanceTest, RemindsTeamsOfStalePlacesEvery30Days) {
  import_place("Hinaura", "155", "69266");
  import_place("Hinaura", "156", "69266");  // run by no structure: no reminder
  const auto member = add_member("a@example.org", "mediateur");
  const auto colleague = add_member("b@example.org", "referent", member.structure_id);
  store().accounts().attach_place(member.structure_id, {"Hinaura", "155"});

  EXPECT_EQ(run().reminders, 0u);  // fresh
  now += kFreshnessReminderAfter + days(1);
  sign_in(member);
  sign_in(colleague);

  auto report = run(false, false);  // no SMTP relay: listed, not marked as sent
  EXPECT_EQ(report.reminders, 1u);
  EXPECT_EQ(report.mails.size(), 2u);
  EXPECT_TRUE(store().place_edits().freshness()[0].last_reminder_at.empty());

  report = run();
  EXPECT_EQ(report.reminders, 1u);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[0].text.find("Lieu 155"), std::string::npos);
  EXPECT_NE(sent[0].text.find("http://relais.test/espace/lieux/Hinaura:155"), std::string::npos);
  EXPECT_FALSE(store().place_edits().freshness()[0].last_reminder_at.empty());

  now += days(10);
  EXPECT_EQ(run().reminders, 0u);  // at most one per 30 days
  now += days(21);
  sign_in(member);
  EXPECT_EQ(run().reminders, 1u);

  // Confirmed by the team: no reminder for 6 months.
  store().place_edits().confirm_place({"Hinaura", "155"}, member.id, member.structure_id, time_text(now));
  now += days(40);
  EXPECT_EQ(run().reminders, 0u);
}

TEST_F(MaintenanceTest, MailFailuresAreReportedAndRetried) {
  const auto member = add_member("a@example.org", "mediateur");
  now += days(155);
  MaintenanceOptions options;
  const MailSender failing = [](const mail::Message&) { throw std::runtime_error("relais injoignable"); };
  auto report = run_maintenance(store(), keys, failing, options, {}, [this] { return now; });
  ASSERT_EQ(report.mails.size(), 1u);
  EXPECT_FALSE(report.mails[0].sent);
  EXPECT_EQ(report.mails[0].error, "relais injoignable");
  EXPECT_EQ(run().accounts_warned, 1u);  // not recorded as warned: tried again
  (void)member;
}

}  // namespace
}  // namespace relais::accounts
