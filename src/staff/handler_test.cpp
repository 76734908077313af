// The staff handler end to end on a real SQLite store: invitation, TOTP
// enrolment from the page's secret, sign-in with a real TOTP code, session
// fixation, sign-out, idle re-authentication, CSRF and Origin refusals
// journalled, limits, the file check upload.
#include "staff/handler.h"

#include <gtest/gtest.h>

#include "staff/testing.h"
#include "store/journal_store.h"

namespace relais::staff {
namespace {

using namespace std::chrono_literals;
using testing::Browser;

class HandlerTest : public testing::StaffFixture {
 protected:
  void SetUp() override {
    structure_a = add_structure("Association A", "69266");
    auto link = accounts().operator_invite(structure_a, "referente@a.fr", "referent");
    referent = join(link, "referente@a.fr", "Camille Référente");
  }

  std::int64_t journal_count() { return store().journal().entry_count(); }
  std::string last_action() { return store().journal().last_entry()->action; }

  std::int64_t structure_a = 0;
  Person referent;
};

TEST_F(HandlerTest, InvitationThenEnrolmentSignsIn) {
  auto home = get(referent.browser, "/espace");
  EXPECT_EQ(home.status, 200) << home.body;
  EXPECT_NE(home.body.find("Camille Référente"), std::string::npos);
  EXPECT_NE(home.body.find("Se déconnecter"), std::string::npos);
  EXPECT_NE(home.body.find("Association A"), std::string::npos);
}

TEST_F(HandlerTest, PasswordThenTotpSignIn) {
  Browser b;
  auto page = get(b, "/espace/connexion");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("autocomplete=\"current-password\""), std::string::npos);
  EXPECT_NE(page.body.find("Recevoir un lien de connexion par e-mail"), std::string::npos);
  auto first = post(b, "/espace/connexion", "courriel=referente%40a.fr&mot_de_passe=" +
                                                api::encode_component(testing::kPassword) + "&suite=%2Fespace%2Fcompte");
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(header(first, "Location"), "/espace/connexion/code?suite=%2Fespace%2Fcompte");
  EXPECT_NE(header(first, "Set-Cookie").find("HttpOnly"), std::string::npos);
  // A first-factor session is not signed in.
  EXPECT_EQ(get(b, "/espace").status, 303);
  auto code_page = get(b, "/espace/connexion/code?suite=%2Fespace%2Fcompte");
  ASSERT_EQ(code_page.status, 200);
  EXPECT_NE(code_page.body.find("inputmode=\"numeric\""), std::string::npos);
  EXPECT_NE(code_page.body.find("Utiliser un code de secours"), std::string::npos);
  auto pending_cookie = b.cookie;
  auto second = post(b, "/espace/connexion/code",
                     "csrf=" + csrf_of(code_page.body) + "&suite=%2Fespace%2Fcompte&code=" + code_now(referent.secret));
  ASSERT_EQ(second.status, 303) << second.body;
  EXPECT_EQ(header(second, "Location"), "/espace/compte");
  EXPECT_NE(b.cookie, pending_cookie);  // new id after the second factor
  EXPECT_EQ(get(b, "/espace/compte").status, 200);
  // The same code cannot be used again.
  Browser other;
  post(other, "/espace/connexion", "courriel=referente%40a.fr&mot_de_passe=" + api::encode_component(testing::kPassword));
  auto again = get(other, "/espace/connexion/code");
  auto replay = post(other, "/espace/connexion/code", "csrf=" + csrf_of(again.body) + "&code=" + code_now(referent.secret));
  EXPECT_EQ(replay.status, 400);
}

TEST_F(HandlerTest, SessionFixationIdIsNotKept) {
  Browser b;
  b.cookie = "relais_session=attacker-chosen-value-000000";
  auto first = post(b, "/espace/connexion", "courriel=referente%40a.fr&mot_de_passe=" +
                                                api::encode_component(testing::kPassword));
  ASSERT_EQ(first.status, 303);
  EXPECT_EQ(b.cookie.find("attacker"), std::string::npos);
  auto code_page = get(b, "/espace/connexion/code");
  post(b, "/espace/connexion/code", "csrf=" + csrf_of(code_page.body) + "&code=" + code_now(referent.secret));
  EXPECT_EQ(get(b, "/espace").status, 200);
  Browser attacker;
  attacker.cookie = "relais_session=attacker-chosen-value-000000";
  EXPECT_EQ(get(attacker, "/espace").status, 303);
}

TEST_F(HandlerTest, SignOutInvalidatesTheSession) {
  auto stolen = referent.browser;  // a copy of the cookie
  auto home = get(referent.browser, "/espace");
  auto out = post(referent.browser, "/espace/deconnexion", "csrf=" + csrf_of(home.body));
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(header(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(referent.browser.cookie, "");
  auto after = get(stolen, "/espace");
  EXPECT_EQ(after.status, 303);
  EXPECT_EQ(header(after, "Location").rfind("/espace/connexion", 0), 0u);
}

TEST_F(HandlerTest, IdleSessionAsksTheCodeAgainAndComesBack) {
  now += 16min;
  auto members = get(referent.browser, "/espace/structures/" + std::to_string(structure_a) + "/membres");
  ASSERT_EQ(members.status, 401) << members.body;
  EXPECT_NE(members.body.find("Confirmez votre identité"), std::string::npos);
  auto suite = "/espace/structures/" + std::to_string(structure_a) + "/membres";
  auto back = post(referent.browser, "/espace/connexion/code",
                   "csrf=" + csrf_of(members.body) + "&suite=" + api::encode_component(suite) + "&code=" +
                       code_now(referent.secret));
  ASSERT_EQ(back.status, 303) << back.body;
  EXPECT_EQ(header(back, "Location"), suite);
  EXPECT_EQ(get(referent.browser, suite).status, 200);
}

TEST_F(HandlerTest, ReferentInvitesAMediateurWhoJoins) {
  auto page = get(referent.browser, "/espace/structures/" + std::to_string(structure_a) + "/membres");
  ASSERT_EQ(page.status, 200) << page.body;
  auto sent = post(referent.browser, "/espace/structures/" + std::to_string(structure_a) + "/invitations",
                   "csrf=" + csrf_of(page.body) + "&courriel=dominique%40a.fr&role=mediateur");
  ASSERT_EQ(sent.status, 303) << sent.body;
  ASSERT_FALSE(mails.empty());
  const auto& text = mails.back().text;
  auto at = text.find("/espace/invitation/");
  ASSERT_NE(at, std::string::npos);
  auto link = text.substr(at, text.find_first_of(" \r\n", at) - at);
  auto mediateur = join(link, "dominique@a.fr", "Dominique");
  EXPECT_EQ(get(mediateur.browser, "/espace").status, 200);
  // A mediateur does not manage members.
  EXPECT_EQ(get(mediateur.browser, "/espace/structures/" + std::to_string(structure_a) + "/membres").status, 403);
  // The invitation works once.
  Browser late;
  EXPECT_EQ(get(late, link).status, 404);
}

TEST_F(HandlerTest, CrossSiteAndTokenlessPostsAreRefusedAndJournalled) {
  auto page = get(referent.browser, "/espace/compte");
  auto token = csrf_of(page.body);
  ASSERT_FALSE(token.empty());
  auto before = journal_count();
  EXPECT_EQ(post(referent.browser, "/espace/compte/codes-secours", "").status, 403);
  EXPECT_EQ(last_action(), journal::action::kRequestRejected);
  EXPECT_EQ(post(referent.browser, "/espace/compte/codes-secours", "csrf=wrong").status, 403);
  Browser evil = referent.browser;
  evil.origin = "https://evil.example";
  EXPECT_EQ(post(evil, "/espace/compte/codes-secours", "csrf=" + token).status, 403);
  evil.origin = "";
  EXPECT_EQ(post(evil, "/espace/compte/codes-secours", "csrf=" + token).status, 403);
  EXPECT_EQ(journal_count(), before + 4);
  auto ok = post(referent.browser, "/espace/compte/codes-secours", "csrf=" + token);
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(HandlerTest, EveryResponseIsNoStoreAndErrorsHaveTheirStatus) {
  Browser anonymous;
  for (auto* target : {"/espace/connexion", "/espace/nulle-part", "/espace/compte"}) {
    EXPECT_EQ(header(get(anonymous, target), "Cache-Control"), "no-store") << target;
  }
  EXPECT_EQ(get(anonymous, "/espace/nulle-part").status, 404);
  auto wrong_method = call(anonymous, "DELETE", "/espace/compte");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(header(wrong_method, "Allow"), "GET");
  EXPECT_EQ(get(anonymous, "/espace/compte").status, 303);
  EXPECT_EQ(post(anonymous, "/espace/compte/codes-secours", "").status, 401);
  EXPECT_EQ(call(anonymous, "POST", "/espace/connexion", "{}", "application/json").status, 415);
  std::string huge(kMaxStaffBodyBytes + 1, 'a');
  EXPECT_EQ(post(anonymous, "/espace/connexion", huge).status, 413);
  EXPECT_EQ(get(anonymous, "/espace/structures/%ZZ").status, 400);
}

TEST_F(HandlerTest, ManyWrongPasswordsAreThrottledWith429) {
  Browser b;
  int status = 0;
  api::Response last;
  for (int i = 0; i < 8 && status != 429; ++i) {
    last = post(b, "/espace/connexion", "courriel=referente%40a.fr&mot_de_passe=pas-le-bon-mot-de-passe");
    status = last.status;
  }
  EXPECT_EQ(status, 429);
  EXPECT_FALSE(header(last, "Retry-After").empty());
}

TEST_F(HandlerTest, FileCheckValidatesAnUploadWithoutStoringIt) {
  auto page = get(referent.browser, "/espace/valider");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  std::string csv = "id,nom,adresse,commune,code_postal,date_maj,services,latitude,longitude,pivot,source\r\n"
                    "x1,Lieu X,1 rue A,Lyon,69001,2026-01-01,Aide aux démarches administratives,99,4.8,00000000000000,t\r\n";
  std::string body = "--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf_of(page.body) +
                     "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"lieux.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b0undary--\r\n";
  auto places_before = store().count_places();
  auto result = call(referent.browser, "POST", "/espace/valider", body, "multipart/form-data; boundary=b0undary");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_NE(result.body.find("Résultat de la vérification"), std::string::npos);
  EXPECT_NE(result.body.find("latitude"), std::string::npos);
  EXPECT_EQ(store().count_places(), places_before);
  // Oversized: refused before parsing, journalled.
  std::string huge = "--b0undary\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"x.csv\"\r\n\r\n" +
                     std::string(kMaxStaffBodyBytes, 'x') + "\r\n--b0undary--\r\n";
  auto big = call(referent.browser, "POST", "/espace/valider", huge, "multipart/form-data; boundary=b0undary");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(last_action(), journal::action::kRequestRejected);
  // Without the token, the multipart form is refused like any other.
  std::string tokenless = "--b0undary\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"x.csv\"\r\n\r\n"
                          "id\r\n--b0undary--\r\n";
  EXPECT_EQ(call(referent.browser, "POST", "/espace/valider", tokenless, "multipart/form-data; boundary=b0undary").status,
            403);
}

TEST_F(HandlerTest, AccountPageListsSessionsAndExportsData) {
  auto page = get(referent.browser, "/espace/compte");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Cette session"), std::string::npos);
  auto data = post(referent.browser, "/espace/compte/donnees", "csrf=" + csrf_of(page.body));
  ASSERT_EQ(data.status, 200) << data.body;
  EXPECT_EQ(data.content_type, "application/json; charset=utf-8");
  EXPECT_NE(data.body.find("referente@a.fr"), std::string::npos);
  EXPECT_NE(header(data, "Content-Disposition").find("attachment"), std::string::npos);
}

// GDPR art. 16: the person corrects the name their colleagues see.
TEST_F(HandlerTest, ThePersonCorrectsTheirName) {
  auto page = get(referent.browser, "/espace/compte");
  EXPECT_NE(page.body.find("value=\"Camille Référente\""), std::string::npos);
  auto empty = post(referent.browser, "/espace/compte/nom", "csrf=" + csrf_of(page.body) + "&nom=+++");
  EXPECT_EQ(empty.status, 400);
  auto changed = post(referent.browser, "/espace/compte/nom",
                      "csrf=" + csrf_of(page.body) + "&nom=Camille+Martin+%3Cb%3E");
  ASSERT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(store().accounts().find_user(referent.id)->display_name, "Camille Martin <b>");
  auto home = get(referent.browser, "/espace");
  EXPECT_NE(home.body.find("Camille Martin &lt;b&gt;"), std::string::npos);  // escaped on the pages
  EXPECT_EQ(store().journal().last_entry()->action, journal::action::kProfileChanged);
  EXPECT_EQ(store().journal().last_entry()->details.find("Martin"), std::string::npos);  // no name in the entry
}

}  // namespace
}  // namespace relais::staff
