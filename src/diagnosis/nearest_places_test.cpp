#include "diagnosis/nearest_places.h"

#include <gtest/gtest.h>

#include <random>

#include "catalog/testing.h"

namespace relais::diagnosis {
namespace {

using namespace std::chrono;

// Agreement with the catalogue's geo::Index (the public search's nearest
// place) on random places and points over metropolitan France: same
// distance for every service and for "any".
TEST(DiagnosisNearestPlaces, AgreesWithTheGeoIndex) {
  std::mt19937 random(42);
  std::uniform_real_distribution<double> lat(42.3, 51.0), lon(-4.7, 8.2), coin(0, 1);
  std::vector<store::StoredPlace> stored;
  for (int i = 0; i < 400; ++i) {
    auto p = catalog::testing::place("p" + std::to_string(i), "Lieu " + std::to_string(i), lat(random), lon(random),
                                     "69266");
    p.services.clear();
    for (std::size_t s = 0; s < enum_count<Service>(); ++s) {
      if (coin(random) < 0.05 * static_cast<double>(s + 1)) p.services.push_back(static_cast<Service>(s));
    }
    if (i % 50 == 0) p.coordinates.reset();  // no position: never found
    stored.push_back({"A", p});
  }
  const catalog::Catalog catalog(stored, {}, {catalog::testing::villeurbanne()}, {.today = 2026y / 11 / 24});
  const NearestPlaces nearest(catalog);
  for (int q = 0; q < 2000; ++q) {
    const Coordinates at{lat(random), lon(random)};
    for (std::size_t s = 0; s <= enum_count<Service>(); ++s) {
      const std::optional<Service> service =
          s < enum_count<Service>() ? std::optional<Service>(static_cast<Service>(s)) : std::nullopt;
      geo::Query query;
      query.near = at;
      query.limit = 1;
      if (service) query.services = {*service};
      const auto expected = catalog.index().search(query);
      const auto found = nearest.nearest(at, service);
      ASSERT_EQ(found.has_value(), !expected.hits.empty());
      if (!found) continue;
      ASSERT_NEAR(found->metres, *expected.hits[0].distance_metres, 1e-6) << "query " << q << " service " << s;
      const auto& place = catalog.places()[found->place];
      ASSERT_TRUE(place.coordinates);
      if (service) {
        EXPECT_NE(std::find(place.services.begin(), place.services.end(), *service), place.services.end());
      }
    }
  }
}

TEST(DiagnosisNearestPlaces, NothingWhenNoPlaceOffersTheService) {
  auto p = catalog::testing::place("1", "Lieu", 45.77, 4.88, "69266");
  p.services = {Service::AideDemarchesAdministratives};
  std::vector<store::StoredPlace> stored{{"A", p}};
  const catalog::Catalog catalog(stored, {}, {catalog::testing::villeurbanne()}, {.today = 2026y / 11 / 24});
  const NearestPlaces nearest(catalog);
  EXPECT_FALSE(nearest.nearest(Coordinates{45.0, 4.0}, Service::LoisirsCreations));
  const auto any = nearest.nearest(Coordinates{45.77, 4.88}, std::nullopt);
  ASSERT_TRUE(any);
  EXPECT_EQ(any->place, 0u);
  EXPECT_NEAR(any->metres, 0, 1e-6);
}

}  // namespace
}  // namespace relais::diagnosis
