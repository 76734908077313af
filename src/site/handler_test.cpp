// The site as a function: routes, filters in the URL, the place page, the
// report form stored through the sink, and French error pages.
#include "site/handler.h"

#include <gtest/gtest.h>

#include "catalog/testing.h"
#include "hours/paris_time.h"

namespace relais::site {
namespace {

using namespace std::chrono;

using catalog::testing::place;

std::vector<territory::Commune> communes() { return {catalog::testing::lyon(), catalog::testing::villeurbanne()}; }

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = place("1", "Médiathèque <script>alert(1)</script>", 45.77, 4.88, "69266");
    a.horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";
    a.frais_a_charge = {Frais::Gratuit};
    auto b = place("2", "France services Lyon", 45.76, 4.83, "69123");
    b.dispositif_programmes_nationaux = {Dispositif::FranceServices};
    b.date_maj = 2024y / 3 / 1;  // outdated on 2026-11-24
    auto c = place("3", "Atelier numérique", 45.761, 4.831, "69123");
    c.services = {Service::MaitriseOutilsNumeriques};
    std::vector<store::StoredPlace> stored{{"A", a}, {"A", b}, {"A", c}};
    dataset_ = api::Dataset::make(catalog::Catalog(stored, {}, communes(), {.today = 2026y / 11 / 24}), {}, "1");
  }

  Response call(std::string_view method, std::string_view target, std::string_view body = "",
                std::string_view type = "application/x-www-form-urlencoded") {
    auto q = target.find('?');
    Request request;
    request.method = method;
    request.path = target.substr(0, q);
    request.query = q == std::string_view::npos ? "" : target.substr(q + 1);
    request.body = body;
    request.content_type = type;
    request.now = *hours::parse_paris_local("2026-11-24T10:00");  // a Tuesday
    return handle(request, dataset_, [this](const store::PlaceReport& r) {
      if (fail_sink_) throw std::runtime_error("disk full");
      reports_.push_back(r);
    });
  }
  Response get(std::string_view target) { return call("GET", target); }

  std::shared_ptr<const api::Dataset> dataset_;
  std::vector<store::PlaceReport> reports_;
  bool fail_sink_ = false;
};

TEST_F(SiteTest, HomeIsFrenchHtml) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("lang=\"fr\""), std::string::npos);
  EXPECT_NE(r.body.find("action=\"/recherche\""), std::string::npos);
}

TEST_F(SiteTest, ResultsNearACommuneWithFilters) {
  auto r = get("/recherche?ou=Villeurbanne&services=Aide+aux+d%C3%A9marches+administratives");
  ASSERT_EQ(r.status, 200);
  // Nearest first: the Villeurbanne place, then Lyon's.
  auto first = r.body.find("/lieux/A:1");
  auto second = r.body.find("/lieux/A:2");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_EQ(r.body.find("/lieux/A:3"), std::string::npos);  // other service
  EXPECT_NE(r.body.find("Villeurbanne (69100)"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);  // escaped
  EXPECT_NE(r.body.find("Ouvert"), std::string::npos);          // Tuesday 10:00
}

TEST_F(SiteTest, ResultsWithAnAddressAndRadius) {
  auto r = get("/recherche?ou=5+rue+Paul+Verlaine%2C+69100+Villeurbanne&radius=2km");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("/lieux/A:1"), std::string::npos);
  EXPECT_EQ(r.body.find("/lieux/A:2"), std::string::npos);  // 4 km away
}

TEST_F(SiteTest, UnknownPlaceNameIsExplainedNotAnError) {
  auto r = get("/recherche?ou=Nulle-part");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Nous n’avons pas trouvé « Nulle-part »"), std::string::npos);
}

TEST_F(SiteTest, BadParametersGiveAFrench400Page) {
  for (auto target : {"/recherche?services=Cours+de+cuisine", "/recherche?page=0", "/recherche?page=abc",
                      "/recherche?near=45,4", "/recherche?ou=%ZZ", "/recherche?inconnu=1"}) {
    auto r = get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("lang=\"fr\""), std::string::npos) << target;
  }
}

TEST_F(SiteTest, PagingKeepsFilters) {
  auto r = get("/recherche?services=Aide+aux+d%C3%A9marches+administratives&page=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("/lieux/A:1"), std::string::npos);
  auto r2 = get("/recherche?services=Aide+aux+d%C3%A9marches+administratives&page=2");
  ASSERT_EQ(r2.status, 200);
  EXPECT_EQ(r2.body.find("/lieux/A:1"), std::string::npos);  // two matches, one page
}

TEST_F(SiteTest, PlacePageShowsHoursAndOutdatedNotice) {
  auto r = get("/lieux/A:1");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Lundi"), std::string::npos);
  EXPECT_NE(r.body.find("/lieux/A:1/signaler"), std::string::npos);
  auto old = get("/lieux/A%3A2");  // percent-encoded ':'
  ASSERT_EQ(old.status, 200);
  EXPECT_NE(old.body.find("plus d’un an"), std::string::npos);
  EXPECT_EQ(r.body.find("plus d’un an"), std::string::npos);
}

TEST_F(SiteTest, PlaceByPlainIdWhenUnique) {
  EXPECT_EQ(get("/lieux/3").status, 200);
  EXPECT_EQ(get("/lieux/nope").status, 404);
  EXPECT_EQ(get("/lieux/A:1/autre").status, 404);
  EXPECT_EQ(get("/ailleurs").status, 404);
  EXPECT_EQ(call("POST", "/lieux/A:1").status, 405);
}

TEST_F(SiteTest, ReportIsValidatedThenStored) {
  EXPECT_EQ(get("/lieux/A:1/signaler").status, 200);

  auto missing = call("POST", "/lieux/A:1/signaler", "precision=");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(reports_.empty());

  auto ok = call("POST", "/lieux/A:1/signaler",
                 "categories=horaires&categories=lieu_ferme&precision=Ferm%C3%A9+le+mardi&courriel=");
  EXPECT_EQ(ok.status, 200);
  ASSERT_EQ(reports_.size(), 1u);
  EXPECT_EQ(reports_[0].place_ref, "A:1");
  EXPECT_EQ(reports_[0].categories, (std::vector<std::string>{"horaires", "lieu_ferme"}));
  EXPECT_EQ(reports_[0].message, "Fermé le mardi");

  EXPECT_EQ(call("POST", "/lieux/A:1/signaler", "{}", "application/json").status, 415);
  EXPECT_EQ(call("POST", "/lieux/A:1/signaler", std::string(kMaxFormBytes + 1, 'a')).status, 413);
  fail_sink_ = true;
  EXPECT_EQ(call("POST", "/lieux/A:1/signaler", "categories=horaires&precision=x").status, 500);
}

}  // namespace
}  // namespace relais::site
