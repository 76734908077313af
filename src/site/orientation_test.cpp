// The orientation routes over an in-memory catalogue: every step, the state
// carried in the URL, availability filtering, the sheet, and the send form
// (validation, 503 without SMTP, 429 when the sink rate-limits, 502 when the
// relay fails). The real SMTP path is tested end to end by
// orientation_mail_test.sh.
#include "site/orientation.h"

#include <gtest/gtest.h>

#include "catalog/testing.h"
#include "hours/paris_time.h"
#include "site/handler.h"

namespace relais::site {
namespace {

using namespace std::chrono;

// A place of Villeurbanne (catalog::testing::place) with its hours and phone.
Place make_place(std::string id, std::string nom, double lat, double lon, std::string horaires) {
  Place p = catalog::testing::place(std::move(id), std::move(nom), lat, lon, "69266");
  if (!horaires.empty()) p.horaires = std::move(horaires);
  p.telephone = "04 78 00 00 00";
  return p;
}

class OrientationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto morning = make_place("1", "Maison France Services", 45.771, 4.881, "Mo-Fr 09:00-12:00");
    morning.prise_en_charge_specifique = {PriseEnCharge::Surdite};
    auto afternoon = make_place("2", "Médiathèque", 45.772, 4.882, "Tu,Th 14:00-18:00");
    auto unknown = make_place("3", "Association sans horaires", 45.773, 4.883, "");
    auto other = make_place("4", "Atelier ordinateur", 45.774, 4.884, "Mo-Fr 09:00-17:00");
    other.services = {Service::MaitriseOutilsNumeriques};
    std::vector<store::StoredPlace> stored{{"A", morning}, {"A", afternoon}, {"A", unknown}, {"A", other}};
    dataset_ = api::Dataset::make(catalog::Catalog(stored, {}, {catalog::testing::villeurbanne()}, {.today = 2026y / 11 / 24}), {}, "1");
  }

  Response call(std::string_view method, std::string_view target, std::string_view body = "",
                const MailSink& mail = {}) {
    auto q = target.find('?');
    Request request;
    request.method = method;
    request.path = target.substr(0, q);
    request.query = q == std::string_view::npos ? "" : target.substr(q + 1);
    request.body = body;
    request.content_type = "application/x-www-form-urlencoded";
    request.now = *hours::parse_paris_local("2026-11-24T10:00");  // a Tuesday
    return handle(request, dataset_, [](const store::PlaceReport&) {}, {}, mail);
  }

  static std::string header(const Response& r, std::string_view name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return "";
  }

  std::shared_ptr<const api::Dataset> dataset_;
};

constexpr std::string_view kDemarches = "services=Aide+aux+d%C3%A9marches+administratives";

TEST_F(OrientationTest, StepsAreRoutedAndNeverCached) {
  EXPECT_TRUE(is_site_path("/orientation"));
  EXPECT_TRUE(is_site_path("/orientation/fiche"));
  EXPECT_FALSE(is_orientation_path("/orientations"));
  for (std::string target : {std::string("/orientation"), "/orientation/disponibilite?" + std::string(kDemarches),
                             "/orientation/lieu?" + std::string(kDemarches)}) {
    auto r = call("GET", target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(header(r, "Cache-Control"), "no-store") << target;
    EXPECT_NE(r.body.find("/orientation/fiche.css"), std::string::npos);
  }
  auto css = call("GET", "/orientation/fiche.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(call("GET", "/orientation/autre").status, 404);
  EXPECT_EQ(call("POST", "/orientation/lieu").status, 405);
  EXPECT_EQ(call("GET", "/orientation/lieu?services=Cuisine").status, 400);
  EXPECT_EQ(call("GET", "/orientation/fiche").status, 400);          // no place chosen
  EXPECT_EQ(call("GET", "/orientation/fiche?lieu=A:99").status, 404);
}

TEST_F(OrientationTest, PlacesFilteredByNeedAndHalfDays) {
  // Monday morning: the morning place only; the one without hours is left out and said so.
  auto r = call("GET", "/orientation/lieu?" + std::string(kDemarches) + "&dispo=lundi-matin&ou=Villeurbanne&radius=5km");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Maison France Services"), std::string::npos);
  EXPECT_EQ(r.body.find("Médiathèque"), std::string::npos);
  EXPECT_EQ(r.body.find("Atelier ordinateur"), std::string::npos);  // another need
  EXPECT_NE(r.body.find("1 lieu n’a pas donné ses horaires"), std::string::npos);
  // Thursday afternoon: the médiathèque.
  r = call("GET", "/orientation/lieu?" + std::string(kDemarches) + "&dispo=jeudi-apres-midi&ou=69100");
  EXPECT_NE(r.body.find("Médiathèque"), std::string::npos);
  EXPECT_EQ(r.body.find("Maison France Services"), std::string::npos);
  EXPECT_NE(r.body.find("jeudi après-midi"), std::string::npos);
  // The choice link carries the whole state.
  EXPECT_NE(r.body.find("/orientation/accessibilite?services=Aide+aux+d%C3%A9marches+administratives&amp;dispo="
                        "jeudi-apres-midi&amp;ou=69100&amp;radius=10km&amp;lieu=A%3A2"),
            std::string::npos);
  // No availability: every place of the need, with or without hours.
  r = call("GET", "/orientation/lieu?" + std::string(kDemarches) + "&ou=Villeurbanne");
  EXPECT_NE(r.body.find("3 lieux trouvés"), std::string::npos);
  r = call("GET", "/orientation/lieu?ou=Nulle-part-sur-terre");
  EXPECT_NE(r.body.find("Nous n’avons pas trouvé"), std::string::npos);
}

TEST_F(OrientationTest, AccessibilityAndSheet) {
  auto r = call("GET", "/orientation/accessibilite?lieu=A:1&" + std::string(kDemarches));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Le lieu indique qu’il accueille ces personnes."), std::string::npos);
  EXPECT_NE(r.body.find("Chercher plutôt un lieu qui l’indique"), std::string::npos);
  std::string sheet_target = "/orientation/fiche?lieu=A%3A1&" + std::string(kDemarches) +
                             "&dispo=lundi-matin&ou=Villeurbanne&prise_en_charge=Surdit%C3%A9&prenom=%C3%89lodie"
                             "&orienteur=Camille+Martin&structure=CCAS";
  r = call("GET", sheet_target);
  ASSERT_EQ(r.status, 200);
  for (std::string want : {"Fiche d’orientation pour Élodie", "Maison France Services", "lundi matin",
                           "Personnes sourdes ou malentendantes (indiqué par le lieu)", "Camille Martin, CCAS",
                           "à vol d’oiseau du centre de Villeurbanne (69100)", "04\u00a078\u00a000\u00a000\u00a000", "Lundi"}) {
    EXPECT_NE(r.body.find(want), std::string::npos) << want;
  }
  EXPECT_EQ(r.body.find("/orientation/envoyer"), std::string::npos);  // no SMTP: no e-mail form
  MailSink sink = [](const mail::Message&) { return MailResult::Sent; };
  EXPECT_NE(call("GET", sheet_target, "", sink).body.find("action=\"/orientation/envoyer\""), std::string::npos);
}

TEST_F(OrientationTest, SendValidatesAndReportsEveryOutcome) {
  std::string form = "lieu=A%3A1&" + std::string(kDemarches) + "&prenom=%C3%89lodie&destinataire=";
  EXPECT_EQ(call("POST", "/orientation/envoyer", form + "camille%40example.org").status, 503);  // no SMTP
  std::vector<mail::Message> sent;
  MailSink sink = [&](const mail::Message& m) {
    sent.push_back(m);
    return MailResult::Sent;
  };
  auto r = call("POST", "/orientation/envoyer", form + "pas-une-adresse", sink);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("L’adresse e-mail n’est pas valide"), std::string::npos);
  EXPECT_EQ(call("POST", "/orientation/envoyer", form + "a%40b.fr%0D%0ABcc%3A+x%40y.fr", sink).status, 400);
  EXPECT_EQ(call("POST", "/orientation/envoyer", form + "a%40b.fr&destinataire=c%40d.fr", sink).status, 400);
  EXPECT_TRUE(sent.empty());
  EXPECT_EQ(call("GET", "/orientation/envoyer").status, 405);

  r = call("POST", "/orientation/envoyer", form + "+camille%40example.org+", sink);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("Fiche envoyée"), std::string::npos);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].to, "camille@example.org");
  EXPECT_EQ(sent[0].subject, "Fiche d’orientation : Maison France Services");
  EXPECT_NE(sent[0].text.find("Élodie"), std::string::npos);
  EXPECT_NE(sent[0].html.find("Élodie"), std::string::npos);

  MailSink limited = [](const mail::Message&) { return MailResult::RateLimited; };
  r = call("POST", "/orientation/envoyer", form + "camille%40example.org", limited);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(header(r, "Retry-After"), "60");
  MailSink no_database = [](const mail::Message&) -> MailResult { throw store::StoreUnavailable("gone"); };
  r = call("POST", "/orientation/envoyer", form + "camille%40example.org", no_database);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(header(r, "Retry-After"), "30");
  EXPECT_EQ(r.body.find("gone"), std::string::npos);
  MailSink failing = [](const mail::Message&) -> MailResult { throw std::runtime_error("relay down"); };
  r = call("POST", "/orientation/envoyer", form + "camille%40example.org", failing);
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(r.body.find("relay down"), std::string::npos);
}

}  // namespace
}  // namespace relais::site
