// Test support for the staff module (tests only): a real SQLite store in a
// temporary file, real accounts made through the web flows (invitation page,
// enrolment page with the secret read from it, TOTP codes computed with
// security::totp_code), a cookie jar per browser, a clock the test moves.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "api/query_string.h"
#include "catalog/testing.h"
#include "security/keys.h"
#include "security/totp.h"
#include "staff/handler.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::staff::testing {

inline constexpr const char* kPassword = "une phrase de passe assez longue 2026";
inline constexpr const char* kOrigin = "http://relais.test";

// One browser: its cookie and how it sends requests.
struct Browser {
  std::string cookie;  // "relais_session=…" or ""
  std::string origin = kOrigin;
  std::string ip = "192.0.2.20";
};

class StaffFixture : public ::testing::Test {
 protected:
  StaffFixture() {
    dir_ = std::filesystem::temp_directory_path() /
           ("relais-staff-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
    store_ = store::open_store({store::testing::test_database_url((dir_ / "relais.sqlite").string())});
    settings_.base_url = kOrigin;
    auto villeurbanne = catalog::testing::villeurbanne();
    territory::Commune marseille{.code_insee = "13055", .nom = "Marseille", .code_departement = "13",
                                 .code_region = "93", .code_epci = "200054807", .population = 870000,
                                 .position = Coordinates{43.3, 5.37}, .codes_postaux = {"13001"},
                                 .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
    std::vector<territory::Commune> communes{villeurbanne, marseille};
    store_->replace_communes(communes);
    auto a = catalog::testing::place("a1", "Médiathèque A", 45.77, 4.88, "69266");
    auto b = catalog::testing::place("b1", "Centre social B", 43.3, 5.37, "13055");
    b.commune = "Marseille";
    b.code_postal = "13001";
    std::vector<Place> places_a{a}, places_b{b};
    store_->import_places("src", "a.csv", "sha-a", places_a, "{}");
    store_->import_places("src", "b.csv", "sha-b", places_b, "{}");
    std::vector<store::StoredPlace> stored{{"src", a}, {"src", b}};
    dataset_ = api::Dataset::make(catalog::Catalog(stored, {}, communes, {.today = std::chrono::year{2026} / 11 / 24}),
                                  {}, "1");
  }
  ~StaffFixture() override {
    context_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  Context& context() {
    if (!context_) {
      context_ = std::make_unique<Context>(Context{
          .store = *store_, .keys = keys_, .settings = settings_,
          .mail = [this](const mail::Message& m) { mails.push_back(m); }, .journal = {}, .site = site_,
          .dataset = dataset_, .secure_cookies = false, .clock = [this] { return now; }});
    }
    return *context_;
  }
  accounts::Accounts accounts() {
    return accounts::Accounts(*store_, keys_, settings_, [this](const mail::Message& m) { mails.push_back(m); }, {},
                              [this] { return now; });
  }
  store::Store& store() { return *store_; }

  // One request from `browser`; its cookie jar follows Set-Cookie.
  api::Response call(Browser& browser, std::string_view method, std::string_view target, std::string_view body = "",
                     std::string_view type = "application/x-www-form-urlencoded") {
    auto q = target.find('?');
    Request request;
    request.method = method;
    request.path = target.substr(0, q);
    request.query = q == std::string_view::npos ? "" : target.substr(q + 1);
    request.body = body;
    request.content_type = method == "POST" ? type : "";
    request.cookie = browser.cookie;
    request.origin = method == "POST" ? std::string_view(browser.origin) : "";
    request.client = {browser.ip, "TestBrowser/1.0"};
    auto response = handle(request, context());
    for (const auto& [name, value] : response.headers) {
      if (name != "Set-Cookie") continue;
      auto pair = value.substr(0, value.find(';'));
      browser.cookie = value.find("Max-Age=0") != std::string::npos ? "" : pair;
    }
    return response;
  }
  api::Response get(Browser& b, std::string_view target) { return call(b, "GET", target); }
  api::Response post(Browser& b, std::string_view target, std::string body) { return call(b, "POST", target, body); }

  static std::string header(const api::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
  // The value of the first hidden csrf input of a page.
  static std::string csrf_of(const std::string& html) {
    auto at = html.find("name=\"csrf\" value=\"");
    if (at == std::string::npos) return "";
    at += 19;
    return html.substr(at, html.find('"', at) - at);
  }
  // The TOTP secret written on the enrolment page (<code>ABCD EFGH …</code>).
  static std::vector<std::uint8_t> secret_of(const std::string& html) {
    constexpr std::string_view kBefore = "<p class=\"fr-text--lg\"><code>";
    auto at = html.find(kBefore);
    EXPECT_NE(at, std::string::npos);
    at += kBefore.size();
    auto secret = security::base32_decode(html.substr(at, html.find('<', at) - at));
    EXPECT_TRUE(secret);
    return secret.value_or(std::vector<std::uint8_t>{});
  }
  std::string code_now(const std::vector<std::uint8_t>& secret) const {
    return security::totp_code(secret, security::totp_counter(now));
  }

  struct Person {
    std::int64_t id = 0;
    std::string email;
    std::vector<std::uint8_t> secret;
    Browser browser;  // signed in (complete session)
  };

  // Accepts an invitation link through the pages, enrols TOTP from the
  // enrolment page's secret, and returns the signed-in person.
  Person join(const std::string& link, const std::string& email, const std::string& name) {
    Person p;
    p.email = email;
    auto path = link.substr(link.find("/espace/"));
    auto page = get(p.browser, path);
    EXPECT_EQ(page.status, 200) << page.body;
    auto accepted = post(p.browser, path, "nom=" + api::encode_component(name) + "&mot_de_passe=" +
                                              api::encode_component(kPassword));
    EXPECT_EQ(accepted.status, 303) << accepted.body;
    EXPECT_EQ(header(accepted, "Location"), "/espace/enrolement");
    auto enrol = get(p.browser, "/espace/enrolement");
    EXPECT_EQ(enrol.status, 200) << enrol.body;
    p.secret = secret_of(enrol.body);
    auto done = post(p.browser, "/espace/enrolement", "csrf=" + csrf_of(enrol.body) + "&code=" + code_now(p.secret));
    EXPECT_EQ(done.status, 200) << done.body;
    EXPECT_NE(done.body.find("Vos codes de secours"), std::string::npos);
    now += std::chrono::seconds(30);
    auto user = store_->accounts().find_user_by_email(email);
    EXPECT_TRUE(user);
    p.id = user ? user->id : 0;
    return p;
  }

  // Signs `p` in again in a new browser (password, then a TOTP code), e.g.
  // after the clock moved past the session's lifetime.
  void sign_in(Person& p) {
    p.browser = Browser{};
    auto first = post(p.browser, "/espace/connexion", "courriel=" + api::encode_component(p.email) +
                                                          "&mot_de_passe=" + api::encode_component(kPassword));
    EXPECT_EQ(first.status, 303) << first.body;
    auto page = get(p.browser, "/espace/connexion/code");
    auto second = post(p.browser, "/espace/connexion/code", "csrf=" + csrf_of(page.body) + "&code=" + code_now(p.secret));
    EXPECT_EQ(second.status, 303) << second.body;
    now += std::chrono::seconds(30);
  }

  std::int64_t add_structure(const std::string& name, const std::string& code_insee) {
    store::Structure s;
    s.name = name;
    s.type = accounts::structure_types().front().first;
    s.code_insee = code_insee;
    s.commune = code_insee == "69266" ? "Villeurbanne" : "Marseille";
    s.code_postal = code_insee == "69266" ? "69100" : "13001";
    s.address = "1 rue de la République";
    return accounts().operator_create_structure(s);
  }

  security::KeyRing keys_ = security::keys_for_tests();
  accounts::Settings settings_;
  pages::Site site_;
  std::chrono::sys_seconds now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{9};
  std::vector<mail::Message> mails;
  std::shared_ptr<const api::Dataset> dataset_;

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Context> context_;
};

}  // namespace relais::staff::testing
