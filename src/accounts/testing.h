// Test support for the accounts module (tests only): a store in memory with
// two communes, a clock the test moves, e-mails captured, and helpers that go
// through the real flows (invitation, enrolment, sign-in with TOTP).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "security/keys.h"
#include "security/totp.h"
#include "store/account_store.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::accounts::testing {

inline constexpr const char* kPassword = "correct cheval pile agrafe 2026";

class AccountsFixture : public ::testing::Test {
 protected:
  struct Member {
    std::int64_t id = 0;
    std::int64_t structure_id = 0;
    std::vector<std::uint8_t> secret;
    std::vector<std::string> recovery_codes;
  };

  AccountsFixture() : store_(store::open_store({store::testing::test_database_url(":memory:")})) {
    settings.base_url = "http://relais.test";
    territory::Commune villeurbanne;
    villeurbanne.code_insee = "69266";
    villeurbanne.nom = "Villeurbanne";
    villeurbanne.code_departement = "69";
    villeurbanne.code_region = "84";
    villeurbanne.code_epci = "200046977";
    villeurbanne.codes_postaux = {"69100"};
    territory::Commune marseille;
    marseille.code_insee = "13055";
    marseille.nom = "Marseille";
    marseille.code_departement = "13";
    marseille.code_region = "93";
    marseille.code_epci = "200054807";
    marseille.codes_postaux = {"13001"};
    const std::vector<territory::Commune> communes{villeurbanne, marseille};
    store_->replace_communes(communes);
  }

  store::Store& store() { return *store_; }

  // Built on first use, with the settings as they are then.
  Accounts& accounts() {
    if (!accounts_) {
      accounts_ = std::make_unique<Accounts>(
          *store_, keys, settings, [this](const mail::Message& m) { mails.push_back(m); },
          journal::JournalSettings{}, [this] { return now; });
    }
    return *accounts_;
  }

  static Client client() { return {"192.0.2.10", "TestAgent/1.0"}; }

  std::string code_now(const std::vector<std::uint8_t>& secret) const {
    return security::totp_code(secret, security::totp_counter(now));
  }

  std::int64_t add_structure(const std::string& name, const std::string& code_insee) {
    store::Structure s;
    s.name = name;
    s.type = "association";
    s.code_insee = code_insee;
    s.commune = code_insee == "69266" ? "Villeurbanne" : "Marseille";
    s.code_postal = code_insee == "69266" ? "69100" : "13001";
    s.status = "validee";
    s.created_at = "2026-01-01T00:00:00Z";
    return store_->accounts().add_structure(s);
  }

  // Accepts an invitation link with a password and enrols TOTP.
  Member accept_and_enrol(const std::string& link) {
    const auto r = accounts().accept_invitation(link.substr(link.rfind('/') + 1), "Membre", kPassword, client());
    EXPECT_EQ(r.stage, SignInStage::EnrolmentNeeded);
    Member m;
    m.id = *accounts().pending_user(r.session_token);
    m.secret = *security::base32_decode(accounts().begin_enrolment(r.session_token).secret_base32);
    m.recovery_codes = accounts().confirm_enrolment(r.session_token, code_now(m.secret), client()).recovery_codes;
    now += std::chrono::seconds(30);  // the next code is a new one
    return m;
  }

  // An active, enrolled member of `structure_id` (a new structure in Villeurbanne when 0).
  Member add_member(const std::string& email, const std::string& role, std::int64_t structure_id = 0) {
    if (structure_id == 0) structure_id = add_structure("Structure de " + email, "69266");
    Member m = accept_and_enrol(accounts().operator_invite(structure_id, email, role));
    m.structure_id = structure_id;
    return m;
  }

  Member add_coordinator(const std::string& email, const store::TerritoryRole& role) {
    return accept_and_enrol(accounts().operator_grant_territory(email, role));
  }

  // Signs in with password and TOTP; returns the complete session's token.
  std::string sign_in(const Member& m, const Client& c = client()) {
    now += std::chrono::seconds(30);
    const auto user = store_->accounts().find_user(m.id);
    const auto first = accounts().sign_in_with_password(user->email, kPassword, c);
    EXPECT_EQ(first.stage, SignInStage::SecondFactorNeeded) << first.message;
    const auto second = accounts().verify_second_factor(first.session_token, code_now(m.secret), c);
    EXPECT_EQ(second.stage, SignInStage::SignedIn) << second.message;
    return second.session_token;
  }

  // A place of the Rhône; `code_insee` nothing: the record has none, as most sources.
  void import_place(const std::string& source, const std::string& id, const std::optional<std::string>& code_insee) {
    Place p;
    p.id = id;
    p.pivot = std::string(kUnknownPivot);
    p.nom = "Lieu " + id;
    p.commune = "Commune";
    p.code_postal = "69100";
    p.code_insee = code_insee;
    p.adresse = "1 rue A";
    p.coordinates = Coordinates{45.77, 4.88};
    p.services = {Service::AideDemarchesAdministratives};
    p.date_maj = std::chrono::year{2024} / 5 / 1;
    const std::vector<Place> places{p};
    store_->import_places(source, "test-" + id + ".csv", "sha-" + id, places, "{}");
  }

  security::KeyRing keys = security::keys_for_tests();
  Settings settings;
  std::chrono::sys_seconds now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{9};
  std::vector<mail::Message> mails;

 private:
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Accounts> accounts_;
};

}  // namespace relais::accounts::testing
