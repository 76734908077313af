#include "planning/territory_problem.h"

#include <gtest/gtest.h>

#include "catalog/testing.h"

namespace relais::planning {
namespace {

using namespace std::chrono;
namespace t = catalog::testing;

territory::Commune village(std::string code, double lat, double lon, std::int64_t population) {
  return {.code_insee = std::move(code), .nom = "Village", .code_departement = "69", .code_region = "84",
          .code_epci = std::nullopt, .population = population, .position = Coordinates{lat, lon},
          .codes_postaux = {}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

TEST(PlanningTerritoryProblem, DemandIsWhatIsOutOfReachWeightedByPopulationAndIndex) {
  std::vector<store::StoredPlace> stored{{"A", t::place("fs", "France Services", 45.771, 4.881, "69266")}};
  auto no_position = village("69995", 0, 0, 500);
  no_position.position.reset();
  catalog::Catalog catalog(stored, {},
                           {t::lyon(), t::lyon_1er(), t::villeurbanne(), village("69999", 45.76, 5.34, 1000),
                            village("69998", 45.78, 5.36, 2000), village("69997", 45.76, 5.80, 3000),
                            village("69996", 45.70, 5.30, 400), no_position},
                           {.today = 2026y / 11 / 24});
  std::map<std::string, double> index{{"69123", 6}, {"69266", 5}, {"69999", 8}, {"69998", 7}, {"69997", 9}};
  auto tp = territory_problem(catalog, {territory::TerritoryLevel::Departement, "69"}, index,
                              Service::AideDemarchesAdministratives, 10, 1);
  EXPECT_EQ(tp.communes, 7u);
  EXPECT_EQ(tp.already_within_reach, 2u);  // Lyon and Villeurbanne
  EXPECT_EQ(tp.without_index, 1u);         // 69996
  ASSERT_EQ(tp.demand.size(), 3u);
  EXPECT_EQ(tp.candidates.size(), 6u) << "every whole commune with a position";
  EXPECT_EQ(tp.demand_population, 6000);
  // k = 1: the far village alone (3000 × 9 = 27,000) beats the two near ones (8,000 + 14,000 = 22,000).
  auto best = solve_heuristic(tp.problem);
  ASSERT_EQ(best.chosen.size(), 1u);
  EXPECT_EQ(tp.candidates[best.chosen[0]]->code_insee, "69997");
  EXPECT_DOUBLE_EQ(best.covered_weight, 27000);
  tp.problem.k = 2;
  EXPECT_DOUBLE_EQ(solve_heuristic(tp.problem).covered_weight, 27000 + 22000);
  // A service nobody offers: Lyon and Villeurbanne become demand too.
  auto none = territory_problem(catalog, {territory::TerritoryLevel::Departement, "69"}, index,
                                Service::LoisirsCreations, 10, 1);
  EXPECT_EQ(none.already_within_reach, 0u);
  EXPECT_EQ(none.demand.size(), 5u);
  // Every commune with an index as demand, whatever is within reach today.
  auto all = territory_problem(catalog, {territory::TerritoryLevel::Departement, "69"}, index,
                               Service::AideDemarchesAdministratives, 10, 1, {.include_within_reach = true});
  EXPECT_EQ(all.already_within_reach, 2u);
  EXPECT_EQ(all.demand.size(), 5u);
  EXPECT_EQ(all.problem.covers, none.problem.covers);
}

TEST(PlanningTerritoryProblem, GreatCircleDistance) {
  EXPECT_NEAR(distance_km({48.8566, 2.3522}, {45.7640, 4.8357}), 391.5, 1.0);  // Paris - Lyon
  EXPECT_EQ(distance_km({45, 5}, {45, 5}), 0.0);
}

}  // namespace
}  // namespace relais::planning
