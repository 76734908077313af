// The API as a function: routes, parameters, shapes and errors on a small
// in-memory catalogue (the real-data, real-server checks are in
// server/openapi_conformance_test.cpp and server/serve_test.sh).
#include "api/handler.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/openapi.h"
#include "api/representation.h"
#include "catalog/testing.h"
#include "hours/paris_time.h"

namespace relais::api {
namespace {

using namespace std::chrono;
using nlohmann::json;

using catalog::testing::place;

std::vector<territory::Commune> communes() {
  return {catalog::testing::lyon(), catalog::testing::villeurbanne(), catalog::testing::ajaccio()};
}

class HandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = place("1", "Médiathèque de Villeurbanne", 45.77, 4.88, "69266");
    a.horaires = "Mo-Fr 09:00-12:00";
    a.frais_a_charge = {Frais::Gratuit};
    auto b = place("2", "France services Lyon", 45.76, 4.83, "69123");
    b.dispositif_programmes_nationaux = {Dispositif::FranceServices};
    b.prise_rdv = "https://rdv.example.fr";
    b.presentation_resume = "Texte avec \"guillemets\", virgule";
    auto c = place("1", "EPN d'Ajaccio", 41.93, 8.74, "2A004");
    c.services = {Service::MaitriseOutilsNumeriques};
    std::vector<store::StoredPlace> stored{{"A", a}, {"A", b}, {"B", c}};
    TerritoryNames names;
    names.departements = {{"69", "Rhône"}, {"2A", "Corse-du-Sud"}};
    names.regions = {{"84", "Auvergne-Rhône-Alpes"}};
    names.epcis = {{"200046977", "Métropole de Lyon"}};
    dataset_ = Dataset::make(catalog::Catalog(stored, {}, communes(), {.today = 2026y / 11 / 24}), names, "7");
  }

  Response get(std::string_view target, std::string_view accept = "") {
    auto q = target.find('?');
    Request request;
    request.path = target.substr(0, q);
    request.query = q == std::string_view::npos ? "" : target.substr(q + 1);
    request.accept = accept;
    request.now = *hours::parse_paris_local("2026-11-24T10:00");  // a Tuesday
    return handle(request, dataset_);
  }

  json get_json(std::string_view target, int status = 200) {
    auto response = get(target);
    EXPECT_EQ(response.status, status) << target << " " << response.body;
    return json::parse(response.body);
  }

  std::shared_ptr<const Dataset> dataset_;
};

TEST_F(HandlerTest, ListsAndSearchesPlaces) {
  auto all = get_json("/api/v1/lieux");
  EXPECT_EQ(all["total"], 3);
  ASSERT_EQ(all["lieux"].size(), 3u);
  auto near = get_json("/api/v1/lieux?near=45.76,4.83&limit=2");
  EXPECT_TRUE(near["total"].is_null());  // k nearest: no total
  ASSERT_EQ(near["lieux"].size(), 2u);
  EXPECT_EQ(near["lieux"][0]["ref"], "A:2");
  EXPECT_LT(near["lieux"][0]["distance_metres"].get<double>(), 1.0);
  EXPECT_TRUE(near["links"].contains("next"));
  auto radius = get_json("/api/v1/lieux?near=45.76,4.83&radius=10km");
  EXPECT_EQ(radius["total"], 2);
  auto fs = get_json("/api/v1/lieux?dispositifs=France%20Services");
  ASSERT_EQ(fs["total"], 1);
  EXPECT_EQ(fs["lieux"][0]["correspondances"]["dispositif_programmes_nationaux"][0], "France Services");
  EXPECT_EQ(get_json("/api/v1/lieux?open_now=true")["total"], 1);          // Tuesday 10:00
  EXPECT_EQ(get_json("/api/v1/lieux?open_at=2026-11-24T14:00")["total"], 0);
  EXPECT_EQ(get_json("/api/v1/lieux?prise_rdv=true")["total"], 1);
  EXPECT_EQ(get_json("/api/v1/lieux?departement=2A")["total"], 1);
  EXPECT_EQ(get_json("/api/v1/lieux?epci=200046977&frais=Gratuit")["total"], 1);
  EXPECT_EQ(get_json("/api/v1/lieux?text=mediatheque")["total"], 1);
  EXPECT_EQ(get_json("/api/v1/lieux?text=%27%20OR%201%3D1%20--")["total"], 0);
  auto page = get_json("/api/v1/lieux?limit=1&offset=1");
  EXPECT_EQ(page["lieux"].size(), 1u);
  EXPECT_EQ(page["links"]["prev"], "/api/v1/lieux?limit=1&offset=0");
  EXPECT_EQ(page["links"]["next"], "/api/v1/lieux?limit=1&offset=2");
}

// The search results' fast path (pre-rendered text, api/representation.h)
// writes exactly what dumping the nlohmann::json objects writes.
TEST_F(HandlerTest, PreRenderedPlacesEqualTheJsonObjects) {
  const auto now = *hours::parse_paris_local("2026-11-24T10:00");
  const auto later = *hours::parse_paris_local("2026-11-24T20:00");  // closed: "ouvert" changes
  const auto places = dataset_->catalog().places();
  ASSERT_EQ(places.size(), 3u);
  for (std::uint32_t i = 0; i < places.size(); ++i) {
    for (auto at : {now, later}) {
      std::string fast;
      append_place_json(fast, *dataset_, i, at);
      EXPECT_EQ(fast, dump(place_json(*dataset_, i, at))) << i;
      std::string feature;
      append_place_feature(feature, *dataset_, i, at);
      EXPECT_EQ(feature, dump(place_feature(*dataset_, i, at))) << i;
    }
  }
  // With search hits: distance_metres and correspondances inserted in key order.
  std::vector<geo::Query> queries(6);
  queries[4].near = Coordinates{45.77, 4.88};  // exactly on a place: distance 0.0
  queries[5].near = Coordinates{45.77, 4.88};
  queries[5].services = {Service::AideDemarchesAdministratives, Service::MaitriseOutilsNumeriques};
  queries[5].frais = {Frais::Gratuit, Frais::Payant};
  queries[5].text = "villeurbanne";
  queries[0].near = Coordinates{45.76, 4.84};
  queries[0].services = {Service::AideDemarchesAdministratives};
  queries[1].near = Coordinates{45.76, 4.84};
  queries[1].radius_metres = 5000;
  queries[1].frais = {Frais::Gratuit};
  queries[2].text = "lyon";
  queries[2].dispositifs = {Dispositif::FranceServices};
  queries[3].online_booking = true;
  std::size_t hits = 0;
  for (const auto& query : queries) {
    for (const auto& hit : dataset_->catalog().search(query).hits) {
      std::string fast;
      append_place_json(fast, *dataset_, hit.place, now, &hit);
      EXPECT_EQ(fast, dump(place_json(*dataset_, hit.place, now, &hit)));
      std::string feature;
      append_place_feature(feature, *dataset_, hit.place, now, &hit);
      EXPECT_EQ(feature, dump(place_feature(*dataset_, hit.place, now, &hit)));
      ++hits;
    }
  }
  EXPECT_GE(hits, 5u);
}

// Whole /lieux bodies are canonical nlohmann::json dumps (sorted keys, no
// duplicate member), in JSON and GeoJSON, with and without paging links.
TEST_F(HandlerTest, SearchBodiesAreCanonicalJson) {
  for (std::string_view target :
       {"/api/v1/lieux", "/api/v1/lieux?near=45.76,4.84&services=Aide+aux+d%C3%A9marches+administratives",
        "/api/v1/lieux?near=45.76,4.84&radius=5km&limit=1&offset=1", "/api/v1/lieux?text=lyon&limit=1",
        "/api/v1/lieux?departement=2B", "/api/v1/lieux?near=45.76,4.84&format=geojson&limit=2&offset=1",
        "/api/v1/lieux?frais=Gratuit&format=geojson"}) {
    for (std::string_view accept : {"", "application/geo+json"}) {
      auto response = get(target, accept);
      ASSERT_EQ(response.status, 200) << target;
      EXPECT_EQ(response.body, dump(json::parse(response.body))) << target;
    }
  }
}

TEST_F(HandlerTest, PlaceShape) {
  auto place = get_json("/api/v1/lieux/A:1");
  EXPECT_EQ(place["nom"], "Médiathèque de Villeurbanne");
  EXPECT_EQ(place["ouvert"], true);
  EXPECT_EQ(place["departement"], "69");
  EXPECT_EQ(place["region"], "84");
  EXPECT_EQ(place["frais_a_charge"], json::array({"Gratuit"}));
  EXPECT_TRUE(place["prise_rdv"].is_null());
  EXPECT_FALSE(place.contains("distance_metres"));  // only in search results
  EXPECT_EQ(get_json("/api/v1/lieux/A:2")["ouvert"], nullptr);  // no hours
  EXPECT_EQ(get_json("/api/v1/lieux/2")["ref"], "A:2");          // plain id, unique
  EXPECT_EQ(get_json("/api/v1/lieux/1", 409)["code"], "ambiguous_id");
  EXPECT_EQ(get_json("/api/v1/lieux/nope", 404)["code"], "not_found");
  EXPECT_EQ(get_json("/api/v1/lieux/B%3A1")["nom"], "EPN d'Ajaccio");
}

TEST_F(HandlerTest, GeoJson) {
  auto by_param = get("/api/v1/lieux?format=geojson");
  auto by_accept = get("/api/v1/lieux", "application/geo+json");
  EXPECT_EQ(by_param.content_type, "application/geo+json");
  auto collection = json::parse(by_param.body);
  EXPECT_EQ(collection["features"], json::parse(by_accept.body)["features"]);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_EQ(collection["features"].size(), 3u);
  auto& feature = collection["features"][0];
  EXPECT_EQ(feature["geometry"]["type"], "Point");
  EXPECT_EQ(feature["geometry"]["coordinates"][0], feature["properties"]["longitude"]);
}

TEST_F(HandlerTest, CsvExportIsTheStandardLayoutStreamed) {
  auto response = get("/api/v1/export/lieux.csv?departement=69");
  EXPECT_EQ(response.status, 200);
  ASSERT_TRUE(response.stream);
  std::string body;
  int pieces = 0;
  while (response.stream(body)) ++pieces;
  EXPECT_EQ(body.substr(0, body.find('\n')), "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,"
                                             "latitude,longitude,typologie,telephone,courriels,site_web,horaires,"
                                             "presentation_resume,presentation_detail,source,itinerance,"
                                             "structure_parente,date_maj,services,publics_specifiquement_adresses,"
                                             "prise_en_charge_specifique,frais_a_charge,dispositif_programmes_"
                                             "nationaux,formations_labels,autres_formations_labels,modalites_acces,"
                                             "modalites_accompagnement,fiche_acces_libre,prise_rdv");
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 3);  // header + 2 places of the Rhône
  EXPECT_NE(body.find("\"Texte avec \"\"guillemets\"\", virgule\""), std::string::npos);
  EXPECT_EQ(get("/api/v1/export/lieux.csv?limit=3").status, 400);
}

TEST_F(HandlerTest, Territories) {
  auto found = get_json("/api/v1/communes?q=villeur");
  ASSERT_EQ(found["communes"].size(), 1u);
  EXPECT_EQ(found["communes"][0]["code_insee"], "69266");
  EXPECT_EQ(get_json("/api/v1/communes?q=69100")["communes"][0]["nom"], "Villeurbanne");
  EXPECT_EQ(get_json("/api/v1/communes", 400)["code"], "invalid_parameter");
  EXPECT_EQ(get_json("/api/v1/communes/2A004")["nom"], "Ajaccio");
  EXPECT_EQ(get_json("/api/v1/communes/99999", 404)["code"], "not_found");
  auto epci = get_json("/api/v1/epci/200046977");
  EXPECT_EQ(epci["nom"], "Métropole de Lyon");
  EXPECT_EQ(epci["communes"].size(), 2u);
  EXPECT_EQ(get_json("/api/v1/epci?q=metropole")["epci"].size(), 1u);
  EXPECT_EQ(get_json("/api/v1/epci")["epci"].size(), 2u);
  EXPECT_EQ(get_json("/api/v1/departements")["departements"].size(), 2u);
  EXPECT_EQ(get_json("/api/v1/departements?q=rhone")["departements"][0]["code"], "69");
  auto rhone = get_json("/api/v1/departements/69");
  EXPECT_EQ(rhone["region_nom"], "Auvergne-Rhône-Alpes");
}

TEST_F(HandlerTest, Statistics) {
  auto all = get_json("/api/v1/statistiques");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["par_service"]["Aide aux démarches administratives"], 2);
  EXPECT_EQ(all["par_service"]["Loisirs et créations numériques"], 0);
  EXPECT_EQ(all["ouverts_maintenant"], 1);
  EXPECT_EQ(all["avec_prise_rdv"], 1);
  EXPECT_EQ(all["par_departement"]["2A"], 1);
  auto rhone = get_json("/api/v1/statistiques?departement=69");
  EXPECT_EQ(rhone["total"], 2);
  EXPECT_EQ(rhone["par_dispositif"]["France Services"], 1);
  EXPECT_EQ(get_json("/api/v1/statistiques?services=x", 400)["code"], "invalid_parameter");
}

TEST_F(HandlerTest, ErrorsAreJsonWithStableCodes) {
  EXPECT_EQ(get_json("/api/v1/nope", 404)["code"], "not_found");
  EXPECT_EQ(get_json("/api/v1/lieux?services=Cuisine", 400)["code"], "unknown_value");
  EXPECT_EQ(get_json("/api/v1/lieux?near=200,4", 400)["code"], "invalid_parameter");
  EXPECT_EQ(get_json("/api/v1/lieux?a=%ZZ", 400)["code"], "invalid_parameter");
  Request post;
  post.method = "POST";
  post.path = "/api/v1/lieux";
  auto response = handle(post, dataset_);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(json::parse(response.body)["code"], "method_not_allowed");
  Request loading;
  loading.path = "/api/v1/lieux";
  EXPECT_EQ(handle(loading, nullptr).status, 503);
}

TEST(Handler, WhichAnswersDependOnTheCurrentTime) {
  EXPECT_TRUE(depends_on_now("/api/v1/lieux"));
  EXPECT_TRUE(depends_on_now("/api/v1/lieux/A:1"));
  EXPECT_TRUE(depends_on_now("/api/v1/export/lieux.csv"));
  EXPECT_TRUE(depends_on_now("/api/v1/statistiques"));
  EXPECT_FALSE(depends_on_now("/api/v1/communes/69123"));
  EXPECT_FALSE(depends_on_now("/api/v1/openapi.json"));
}

TEST_F(HandlerTest, OpenApiDocumentIsServed) {
  auto doc = get_json("/api/v1/openapi.json");
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["paths"].contains("/api/v1/lieux"));
  EXPECT_EQ(doc, openapi_document());
}

}  // namespace
}  // namespace relais::api
