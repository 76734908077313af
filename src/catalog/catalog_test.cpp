#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "catalog/testing.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::catalog {
namespace {

using namespace std::chrono;

Place make_place(std::string id, std::string nom, double lat, double lon, std::string code_postal, std::string commune,
                 std::optional<std::string> code_insee, year_month_day date_maj) {
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = std::move(nom);
  p.commune = std::move(commune);
  p.code_postal = std::move(code_postal);
  p.code_insee = std::move(code_insee);
  p.adresse = "1 rue de la République";
  p.coordinates = Coordinates{lat, lon};
  p.date_maj = date_maj;
  p.services = {Service::AideDemarchesAdministratives};
  return p;
}

std::vector<territory::Commune> two_communes() {
  return {testing::lyon(), testing::lyon_1er(), testing::villeurbanne()};
}

TEST(CatalogTest, MergesGroupsAndKeepsTheOthers) {
  std::vector<store::StoredPlace> stored{
      {"A", make_place("a1", "Espace numérique", 45.77, 4.88, "69100", "Villeurbanne", "69266", 2024y / 1 / 10)},
      {"B", make_place("b1", "Espace Numerique", 45.7701, 4.8801, "69100", "Villeurbanne", "69266", 2024y / 3 / 1)},
      {"B", make_place("b2", "Médiathèque", 45.76, 4.83, "69001", "Lyon", std::nullopt, 2024y / 3 / 1)},
  };
  std::vector<store::DuplicateMember> groups{{"g1", "A", "a1"}, {"g1", "B", "b1"}};
  Catalog catalog(stored, groups, two_communes(), {.today = 2024y / 4 / 1, .deduplicated = true});

  ASSERT_EQ(catalog.places().size(), 2u);
  EXPECT_EQ(catalog.stored_count(), 3u);
  EXPECT_EQ(catalog.places()[0].id, "b2");
  ASSERT_EQ(catalog.records_of(1).size(), 2u);
  EXPECT_EQ(catalog.places()[1].id, "a1__b1");
  EXPECT_EQ(catalog.places()[1].nom, "Espace Numerique");  // the newer record wins scalars

  // b2 has no code INSEE: derived from its postcode and name.
  EXPECT_EQ(catalog.extras(0).code_insee, "69123");
  EXPECT_EQ(catalog.extras(0).departement, "69");
  EXPECT_EQ(catalog.extras(0).epci, "200046977");
  EXPECT_EQ(catalog.derived_code_count(), 1u);
}

// A record kept by its structure's team has the last word over its
// duplicates: what the team removed (a service, opening hours) stays removed.
TEST(CatalogTest, TheTeamsRecordWinsItsGroupWhole) {
  auto team = make_place("a1", "Espace numérique", 45.77, 4.88, "69100", "Villeurbanne", "69266", 2024y / 3 / 20);
  team.horaires = "Mo 08:30-12:15";
  auto other = make_place("b1", "Espace Numerique", 45.7701, 4.8801, "69100", "Villeurbanne", "69266", 2024y / 3 / 1);
  other.services = {Service::AideDemarchesAdministratives, Service::MaitriseOutilsNumeriques};
  other.horaires = "Mo-Fr 09:00-17:00";
  other.telephone = "+33478000000";
  std::vector<store::StoredPlace> stored{{"A", team, true}, {"B", other, false}};
  std::vector<store::DuplicateMember> groups{{"g1", "A", "a1"}, {"g1", "B", "b1"}};
  Catalog catalog(stored, groups, two_communes(), {.today = 2024y / 4 / 1, .deduplicated = true});
  ASSERT_EQ(catalog.places().size(), 1u);
  const Place& shown = catalog.places()[0];
  EXPECT_EQ(shown.id, "a1__b1");  // the group's identity
  EXPECT_EQ(shown.horaires, "Mo 08:30-12:15");
  EXPECT_EQ(shown.services, team.services);  // not unioned with the duplicate's
  EXPECT_FALSE(shown.telephone.has_value());
  EXPECT_EQ(catalog.records_of(0).size(), 2u);
  // Without a team record, the pipeline's merge as before.
  stored[0].edited_by_team = false;
  Catalog merged(stored, groups, two_communes(), {.today = 2024y / 4 / 1, .deduplicated = true});
  EXPECT_EQ(merged.places()[0].services.size(), 2u);
  EXPECT_EQ(merged.places()[0].telephone, "+33478000000");
}

TEST(CatalogTest, WithoutDeduplicationEveryRecordStands) {
  std::vector<store::StoredPlace> stored{
      {"A", make_place("a1", "Espace numérique", 45.77, 4.88, "69100", "Villeurbanne", "69266", 2024y / 1 / 10)},
      {"B", make_place("b1", "Espace Numerique", 45.7701, 4.8801, "69100", "Villeurbanne", "69266", 2024y / 3 / 1)},
  };
  std::vector<store::DuplicateMember> groups{{"g1", "A", "a1"}, {"g1", "B", "b1"}};
  Catalog catalog(stored, groups, two_communes(), {.today = 2024y / 4 / 1, .deduplicated = false});
  EXPECT_EQ(catalog.places().size(), 2u);
}

TEST(CatalogTest, IndexAnswersTerritoryAndDistance) {
  std::vector<store::StoredPlace> stored{
      {"A", make_place("a1", "Espace numérique", 45.77, 4.88, "69100", "Villeurbanne", "69266", 2024y / 1 / 10)},
      {"B", make_place("b2", "Médiathèque", 45.76, 4.83, "69001", "Lyon", "69381", 2024y / 3 / 1)},
  };
  Catalog catalog(stored, {}, two_communes(), {.today = 2024y / 4 / 1});
  geo::Query query;
  query.territory.communes = {"69123"};  // Lyon contains its arrondissements
  auto results = catalog.search(query);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_EQ(catalog.places()[results.hits[0].place].id, "b2");

  geo::Query near;
  near.near = Coordinates{45.77, 4.88};
  near.limit = 1;
  auto nearest = catalog.index().search(near);
  ASSERT_EQ(nearest.hits.size(), 1u);
  EXPECT_EQ(catalog.places()[nearest.hits[0].place].id, "a1");
  EXPECT_LT(*nearest.hits[0].distance_metres, 1.0);
}

TEST(CatalogTest, LoadsFromTheStore) {
  auto store = store::open_store({store::testing::test_database_url(":memory:")});
  std::vector<Place> places{
      make_place("a1", "Espace numérique", 45.77, 4.88, "69100", "Villeurbanne", "69266", 2024y / 1 / 10)};
  store->import_places("A", "a.json", "00", places, "{}");
  auto communes = two_communes();
  store->replace_communes(communes);
  auto catalog = Catalog::load(*store, {.today = 2024y / 4 / 1});
  ASSERT_EQ(catalog.places().size(), 1u);
  EXPECT_EQ(catalog.extras(0).region, "84");
}

TEST(LocateCommuneTest, ByNamePostcodeOrCode) {
  territory::CommuneIndex index(two_communes());
  auto by_name = locate_commune(index, "Villeurbanne");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->commune->code_insee, "69266");
  auto by_postcode = locate_commune(index, "69100");
  ASSERT_TRUE(by_postcode);
  EXPECT_EQ(by_postcode->commune->code_insee, "69266");
  EXPECT_FALSE(locate_commune(index, "Nowhere-sur-Mer"));
}

}  // namespace
}  // namespace relais::catalog
