#include "catalog/territory_spec.h"

#include <gtest/gtest.h>

namespace relais::catalog {
namespace {

TEST(TerritorySpecTest, ParsesEachLevel) {
  using territory::TerritoryLevel;
  auto d = parse_territory_spec("departement:2A");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->level, TerritoryLevel::Departement);
  EXPECT_EQ(d->code, "2A");
  EXPECT_EQ(parse_territory_spec("dep:69")->level, TerritoryLevel::Departement);
  EXPECT_EQ(parse_territory_spec("commune:69123")->level, TerritoryLevel::Commune);
  EXPECT_EQ(parse_territory_spec("epci:200046977")->level, TerritoryLevel::Epci);
  EXPECT_EQ(parse_territory_spec("region:84")->level, TerritoryLevel::Region);
}

TEST(TerritorySpecTest, RejectsUnknownOrEmpty) {
  EXPECT_FALSE(parse_territory_spec("69"));
  EXPECT_FALSE(parse_territory_spec("pays:FR"));
  EXPECT_FALSE(parse_territory_spec("departement:"));
}

TEST(TerritorySpecTest, AddsToTheMatchingList) {
  geo::TerritoryFilter filter;
  add_to_filter(filter, *parse_territory_spec("region:84"));
  add_to_filter(filter, *parse_territory_spec("dep:13"));
  EXPECT_EQ(filter.regions, std::vector<std::string>{"84"});
  EXPECT_EQ(filter.departements, std::vector<std::string>{"13"});
  EXPECT_TRUE(filter.communes.empty());
}

}  // namespace
}  // namespace relais::catalog
