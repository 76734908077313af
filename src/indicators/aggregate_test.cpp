#include "indicators/aggregate.h"

#include <gtest/gtest.h>

#include "indicators/test_communes.h"

namespace relais::indicators {
namespace {

using territory::TerritoryLevel;

TEST(IndicatorsAggregate, IrisCodes) {
  EXPECT_TRUE(is_iris_code("010010101"));
  EXPECT_TRUE(is_iris_code("2A0040000"));
  EXPECT_FALSE(is_iris_code("01001"));
  EXPECT_FALSE(is_iris_code("01001010"));
  EXPECT_FALSE(is_iris_code("01001A101"));
}

// Synthetic IRIS (no IRIS file is shipped in ../shared/data).
TEST(IndicatorsAggregate, IrisToCommunesByPopulation) {
  const CodeValues values{{"010010101", 10}, {"010010102", 20}, {"010020101", 5},
                          {"01003", 30},     {"010030101", 99}, {"010040101", 7}};
  const CodeValues population{{"010010101", 100}, {"010010102", 300}, {"010020101", 0}, {"010030101", 10}};
  std::size_t without = 0;
  const CodeValues communes = iris_to_communes(values, population, &without);
  EXPECT_EQ(communes, (CodeValues{{"01001", (100 * 10 + 300 * 20) / 400.0}, {"01003", 30}}));
  EXPECT_EQ(without, 2u) << "010020101 (population 0) and 010040101 (no population) left out, not read as 0";
}

TEST(IndicatorsAggregate, CommunesToEpciDepartementRegion) {
  const auto communes = testing::small_communes();
  const CodeValues values{{"01001", 10}, {"01002", 20}, {"01003", 30}, {"02001", 40},
                          {"75101", 5},  {"75102", 8},  {"75056", 100}};
  EXPECT_EQ(aggregate_communes(values, communes, TerritoryLevel::Epci),
            (CodeValues{{"E1", (100 * 10 + 300 * 20) / 400.0}, {"E2", 40}, {"E75", (1000 * 5 + 2000 * 8) / 3000.0}}))
      << "01003 is in no EPCI; Paris counts through its arrondissements, not twice";
  EXPECT_EQ(aggregate_communes(values, communes, TerritoryLevel::Departement),
            (CodeValues{{"01", (1000 + 6000 + 18000) / 1000.0}, {"02", 40}, {"75", 7}}));
  EXPECT_EQ(aggregate_communes(values, communes, TerritoryLevel::Region),
            (CodeValues{{"11", 7}, {"84", (1000 + 6000 + 18000 + 40000) / 2000.0}}));
  EXPECT_EQ(aggregate_communes(values, communes, TerritoryLevel::Commune), values);

  // A missing commune is left out of the weights, never counted as 0.
  const CodeValues without_b{{"01001", 10}, {"01003", 30}};
  EXPECT_EQ(aggregate_communes(without_b, communes, TerritoryLevel::Epci), (CodeValues{{"E1", 10}}));
  EXPECT_EQ(aggregate_communes(without_b, communes, TerritoryLevel::Departement),
            (CodeValues{{"01", (1000 + 18000) / 700.0}}));
  // Only the whole commune given: it counts itself.
  EXPECT_EQ(aggregate_communes(CodeValues{{"75056", 100}}, communes, TerritoryLevel::Departement),
            (CodeValues{{"75", 100}}));
}

TEST(IndicatorsAggregate, WholeCommuneFromItsArrondissements) {
  const auto communes = testing::small_communes();
  EXPECT_EQ(fill_whole_communes(CodeValues{{"75101", 5}, {"75102", 8}, {"01001", 1}}, communes),
            (CodeValues{{"01001", 1}, {"75056", 7}, {"75101", 5}, {"75102", 8}}));
  EXPECT_EQ(fill_whole_communes(CodeValues{{"75101", 5}}, communes), (CodeValues{{"75056", 5}, {"75101", 5}}));
  EXPECT_EQ(fill_whole_communes(CodeValues{{"75056", 9}, {"75101", 5}}, communes),
            (CodeValues{{"75056", 9}, {"75101", 5}}))
      << "a whole commune's own value is kept";
}

TEST(IndicatorsAggregate, WeightedMeanOfPresent) {
  using V = std::vector<std::optional<double>>;
  EXPECT_EQ(weighted_mean_of_present(V{2, 8}, {1, 3}, 2), 6.5);
  EXPECT_EQ(weighted_mean_of_present(V{2, std::nullopt, 8}, {1, 5, 3}, 2), 6.5) << "missing is not 0";
  EXPECT_FALSE(weighted_mean_of_present(V{2, std::nullopt, std::nullopt}, {1, 1, 1}, 2));
  EXPECT_FALSE(weighted_mean_of_present(V{std::nullopt}, {1}, 0));
}

}  // namespace
}  // namespace relais::indicators
