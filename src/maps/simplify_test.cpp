#include "maps/simplify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace relais::maps {
namespace {

// A ring around the equator-side of a circle of `n` points, closed.
Ring circle(double lat, double lon, double radius, int n) {
  Ring r;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n;
    r.push_back({lat + radius * std::sin(a), lon + radius * std::cos(a)});
  }
  r.push_back(r.front());
  return r;
}

TEST(Simplify, StraightRunsCollapseCornersStay) {
  // A square with many points on each side: only the corners matter.
  Ring square;
  for (int i = 0; i < 10; ++i) square.push_back({45.0, 4.0 + 0.01 * i});
  for (int i = 0; i < 10; ++i) square.push_back({45.0 + 0.01 * i, 4.1});
  for (int i = 0; i < 10; ++i) square.push_back({45.1, 4.1 - 0.01 * i});
  for (int i = 0; i < 10; ++i) square.push_back({45.1 - 0.01 * i, 4.0});
  square.push_back(square.front());
  const Ring out = simplify_ring(square, 0.0005);
  EXPECT_EQ(out.size(), 5u);  // 4 corners + closing point
  EXPECT_EQ(out.front(), out.back());
  for (const auto& p : out) {
    EXPECT_TRUE((p.latitude == 45.0 || std::abs(p.latitude - 45.1) < 1e-12) &&
                (p.longitude == 4.0 || std::abs(p.longitude - 4.1) < 1e-12));
  }
}

TEST(Simplify, EveryDroppedPointIsWithinTolerance) {
  const Ring ring = circle(45, 4, 0.05, 400);
  const double tolerance = 0.0005;
  const Ring out = simplify_ring(ring, tolerance);
  EXPECT_LT(out.size(), 60u);
  EXPECT_GT(out.size(), 10u);
  // Each original point lies within the tolerance of the simplified ring
  // (longitudes scaled by cos(latitude) as the simplification does).
  const double k = std::cos(45 * M_PI / 180);
  for (const auto& p : ring) {
    double best = 1e9;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
      const double ax = out[i].longitude * k, ay = out[i].latitude;
      const double bx = out[i + 1].longitude * k, by = out[i + 1].latitude;
      const double px = p.longitude * k, py = p.latitude;
      const double dx = bx - ax, dy = by - ay;
      double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
      t = std::clamp(t, 0.0, 1.0);
      best = std::min(best, std::hypot(ax + t * dx - px, ay + t * dy - py));
    }
    EXPECT_LE(best, tolerance * 1.0001);
  }
}

TEST(Simplify, ZeroToleranceKeepsAllButRepeats) {
  Ring ring{{45, 4}, {45, 4}, {45, 4.1}, {45.1, 4.1}, {45.1, 4}, {45, 4}};
  const Ring out = simplify_ring(ring, 0);
  EXPECT_EQ(out, (Ring{{45, 4}, {45, 4.1}, {45.1, 4.1}, {45.1, 4}, {45, 4}}));
}

TEST(Simplify, UnclosedRingIsClosed) {
  Ring ring{{45, 4}, {45, 4.1}, {45.1, 4.1}};
  const Ring out = simplify_ring(ring, 0.0005);
  EXPECT_EQ(out, (Ring{{45, 4}, {45, 4.1}, {45.1, 4.1}, {45, 4}}));
}

TEST(Simplify, IsletsAndHolesBelowToleranceGoButNeverTheWholeGeometry) {
  const Ring big = circle(45, 4, 0.05, 200);
  const Ring islet = circle(45.2, 4.2, 0.0001, 20);
  const Ring hole = circle(45, 4, 0.0001, 20);
  MultiPolygon geometry{{big, hole}, {islet}};
  const MultiPolygon out = simplify(geometry, 0.0005);
  ASSERT_EQ(out.size(), 1u) << "the islet is smaller than the tolerance";
  EXPECT_EQ(out[0].size(), 1u) << "so is the hole";

  // Only tiny polygons: the largest is kept as a triangle.
  MultiPolygon tiny{{islet}, {circle(45.3, 4.3, 0.0002, 20)}};
  const MultiPolygon kept = simplify(tiny, 0.0005);
  ASSERT_EQ(kept.size(), 1u);
  ASSERT_EQ(kept[0].size(), 1u);
  EXPECT_EQ(kept[0][0].size(), 4u);
  EXPECT_NEAR(kept[0][0][0].latitude, 45.3, 0.001);
}

TEST(Simplify, SharedBordersComeOutTheSameInBothNeighbours) {
  // A wiggly border from (45.0, 4.1) to (45.1, 4.1) between a west and an east square.
  std::vector<Coordinates> border;
  for (int i = 1; i < 50; ++i) {
    border.push_back({45 + i * 0.002, 4.1 + 0.0003 * std::sin(i) + (i == 25 ? 0.002 : 0) + (i == 10 ? -0.001 : 0)});
  }
  Ring west{{45.0, 4.0}, {45.0, 4.1}};
  west.insert(west.end(), border.begin(), border.end());
  west.insert(west.end(), {{45.1, 4.1}, {45.1, 4.0}, {45.0, 4.0}});
  Ring east{{45.0, 4.1}, {45.0, 4.2}, {45.1, 4.2}, {45.1, 4.1}};
  east.insert(east.end(), border.rbegin(), border.rend());
  // Start the east ring inside the border, on a wiggle that goes.
  std::rotate(east.begin(), east.begin() + 24, east.end());
  east.push_back(east.front());
  MultiPolygon a{{west}}, b{{east}};
  std::vector<MultiPolygon*> both{&a, &b};
  simplify_shared(both, 0.0005);

  auto on_border = [](const MultiPolygon& g) {
    std::set<std::pair<double, double>> out;
    for (const auto& p : g[0][0])
      if (p.latitude > 45.0001 && p.latitude < 45.0999) out.insert({p.latitude, p.longitude});
    return out;
  };
  const auto from_west = on_border(a), from_east = on_border(b);
  EXPECT_EQ(from_west, from_east);
  EXPECT_TRUE(from_west.contains({45 + 25 * 0.002, 4.1 + 0.0003 * std::sin(25) + 0.002})) << "the bump stays";
  EXPECT_LT(from_west.size(), 10u) << "the small wiggles go";
  for (const MultiPolygon* g : both) {
    for (const auto& ring : (*g)[0]) EXPECT_EQ(ring.front(), ring.back()) << "closed";
  }
  // Corners where the shared border ends are kept in both.
  auto has = [](const MultiPolygon& g, Coordinates c) {
    return std::find(g[0][0].begin(), g[0][0].end(), c) != g[0][0].end();
  };
  for (Coordinates corner : {Coordinates{45.0, 4.1}, Coordinates{45.1, 4.1}}) {
    EXPECT_TRUE(has(a, corner));
    EXPECT_TRUE(has(b, corner));
  }
}

}  // namespace
}  // namespace relais::maps
