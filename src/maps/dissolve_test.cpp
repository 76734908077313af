#include "maps/dissolve.h"

#include <gtest/gtest.h>

namespace relais::maps {
namespace {

// A closed square [x, x+1] × [y, y+1] (x longitude, y latitude).
Ring square(double x, double y, bool clockwise = false) {
  Ring r{{y, x}, {y, x + 1}, {y + 1, x + 1}, {y + 1, x}, {y, x}};
  if (clockwise) std::reverse(r.begin(), r.end());
  return r;
}

double total_area2(const MultiPolygon& g) {
  double sum = 0;
  for (const auto& polygon : g)
    for (const auto& ring : polygon) sum += signed_area2(ring);
  return sum;
}

TEST(Dissolve, NeighboursLoseTheirSharedBorder) {
  // The second square is given clockwise: orientation does not matter.
  const MultiPolygon out = dissolve({{square(0, 0)}, {square(1, 0, true)}});
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].size(), 1u);
  EXPECT_EQ(out[0][0].size(), 7u) << "6 corners (two on the straight sides) and the closing point";
  EXPECT_DOUBLE_EQ(signed_area2(out[0][0]), 4.0) << "area 2, counter-clockwise";
  for (const auto& c : out[0][0]) EXPECT_FALSE(c.longitude == 1 && c.latitude > 0 && c.latitude < 1);
}

TEST(Dissolve, ARingOfNeighboursMakesAHole) {
  MultiPolygon grid;
  for (int x = 0; x < 3; ++x)
    for (int y = 0; y < 3; ++y)
      if (x != 1 || y != 1) grid.push_back({square(x, y)});
  const MultiPolygon out = dissolve(grid);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].size(), 2u) << "outer ring and the hole of the missing centre";
  EXPECT_DOUBLE_EQ(signed_area2(out[0][0]), 18.0);
  EXPECT_DOUBLE_EQ(signed_area2(out[0][1]), -2.0);
}

TEST(Dissolve, DisjointPartsStaySeparate) {
  const MultiPolygon out = dissolve({{square(0, 0)}, {square(5, 5)}});
  EXPECT_EQ(out.size(), 2u);
  EXPECT_DOUBLE_EQ(total_area2(out), 4.0);
}

TEST(Dissolve, MismatchedVerticesKeepThatBorderButLoseNoArea) {
  Ring b = square(1, 0);
  b.insert(b.end() - 1, Coordinates{0.5, 1});  // an extra vertex on the shared side
  const MultiPolygon out = dissolve({{square(0, 0)}, {b}});
  EXPECT_DOUBLE_EQ(total_area2(out), 4.0);
  for (const auto& polygon : out)
    for (const auto& ring : polygon) EXPECT_EQ(ring.front(), ring.back());
}

TEST(Dissolve, SinglePolygonUntouched) {
  const MultiPolygon one{{square(0, 0, true)}};
  EXPECT_EQ(dissolve(one), one);
}

}  // namespace
}  // namespace relais::maps
