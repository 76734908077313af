// The territory pages as a function: the choice page, the diagnosis page and
// its downloads, the cache, and French errors for what is not a territory.
#include "site/territory.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "catalog/testing.h"
#include "hours/paris_time.h"

namespace relais::site {
namespace {

using namespace std::chrono;
using catalog::testing::place;

class SiteTerritory : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = place("1", "France services Lyon", 45.76, 4.83, "69123");
    a.dispositif_programmes_nationaux = {Dispositif::FranceServices};
    std::vector<store::StoredPlace> stored{{"A", a}};
    api::TerritoryNames names;
    names.departements = {{"69", "Rhône"}, {"2A", "Corse-du-Sud"}};
    names.regions = {{"84", "Auvergne-Rhône-Alpes"}};
    dataset_ = api::Dataset::make(
        catalog::Catalog(stored, {},
                         {catalog::testing::lyon(), catalog::testing::villeurbanne(), catalog::testing::ajaccio()},
                         {.today = 2026y / 11 / 24}),
        names, "1");
    auto data = std::make_shared<report::DiagnosisData>();
    data->index = {{"69123", 4.5}, {"69266", 7.5}};
    data->index_label = "IFN 2023";
    data->sources = {{"Indice de fragilité numérique", "La MedNum", "2023-08"}};
    diagnosis_ = data;
  }

  Response get(std::string_view target, std::string_view method = "GET") {
    auto q = target.find('?');
    Request request;
    request.method = method;
    request.path = target.substr(0, q);
    request.query = q == std::string_view::npos ? "" : target.substr(q + 1);
    request.now = *hours::parse_paris_local("2026-12-01T10:00");
    return pages_.handle(request, dataset_, diagnosis_, {});
  }

  TerritoryPages pages_;
  std::shared_ptr<const api::Dataset> dataset_;
  std::shared_ptr<const report::DiagnosisData> diagnosis_;
};

TEST_F(SiteTerritory, Paths) {
  EXPECT_TRUE(is_territory_path("/territoire"));
  EXPECT_TRUE(is_territory_path("/territoire/departement/69"));
  EXPECT_FALSE(is_territory_path("/territoires"));
  EXPECT_FALSE(is_territory_path("/"));
}

TEST_F(SiteTerritory, ChoicePageAndRedirect) {
  auto r = get("/territoire");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<option value=\"69\">69 – Rhône</option>"), std::string::npos);
  auto redirect = get("/territoire?departement=69");
  EXPECT_EQ(redirect.status, 303);
  ASSERT_EQ(redirect.headers.size(), 1u);
  EXPECT_EQ(redirect.headers[0].second, "/territoire/departement/69");
  EXPECT_EQ(get("/territoire?departement=%3Cscript%3E").status, 400);
}

TEST_F(SiteTerritory, PageAndDownloads) {
  auto page = get("/territoire/departement/69");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Rhône (département 69)"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/territoire/departement/69/communes.geojson\""), std::string::npos);

  auto csv = get("/territoire/departement/69/communes.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("69266"), std::string::npos);
  EXPECT_EQ(csv.body.find("2A004"), std::string::npos) << "only the territory's communes";
  ASSERT_FALSE(csv.headers.empty());
  EXPECT_EQ(csv.headers[0].second, "attachment; filename=\"diagnostic-departement-69.csv\"");

  auto geojson = get("/territoire/departement/69/communes.geojson");
  EXPECT_EQ(geojson.content_type, "application/geo+json");
  const auto json = nlohmann::json::parse(geojson.body);
  EXPECT_EQ(json["type"], "FeatureCollection");

  auto document = get("/territoire/departement/69/rapport.html");
  EXPECT_EQ(document.status, 200);
  EXPECT_NE(document.body.find("href=\"/territoire/rapport.css\""), std::string::npos);
  EXPECT_EQ(document.body.find("<style>"), std::string::npos) << "the server's CSP forbids inline styles";

  EXPECT_EQ(get("/territoire/rapport.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("/territoire/territoire.css").status, 200);
}

TEST_F(SiteTerritory, CachedPerDatasetAndTerritory) {
  const auto first = get("/territoire/departement/69");
  const auto second = get("/territoire/departement/69");
  EXPECT_EQ(first.body, second.body);
  // New diagnosis data: a new report.
  auto data = std::make_shared<report::DiagnosisData>(*diagnosis_);
  data->index["69266"] = 2.0;
  diagnosis_ = data;
  const auto third = get("/territoire/departement/69");
  EXPECT_NE(third.body, first.body);
}

TEST_F(SiteTerritory, FrenchErrorsForWhatIsNotATerritory) {
  EXPECT_EQ(get("/territoire/canton/69").status, 404);
  EXPECT_EQ(get("/territoire/departement/6%2F9").status, 404);
  EXPECT_EQ(get("/territoire/departement/../../etc").status, 404);
  EXPECT_EQ(get("/territoire/departement/69/autre.txt").status, 404);
  auto empty = get("/territoire/departement/75");
  EXPECT_EQ(empty.status, 404);
  EXPECT_NE(empty.body.find("Aucune commune connue"), std::string::npos);
  auto post = get("/territoire/departement/69", "POST");
  EXPECT_EQ(post.status, 405);
  // Without diagnosis data the page still shows the offer.
  diagnosis_ = nullptr;
  EXPECT_EQ(get("/territoire/departement/69").status, 200);
}

}  // namespace
}  // namespace relais::site
