#include "geo/distance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace relais::geo {
namespace {

TEST(GeoDistance, ParisLyonMatchesKnownGreatCircle) {
  // Notre-Dame de Paris to Lyon Bellecour: ~391.5 km on the sphere
  // (independent figure from the spherical law of cosines below).
  const Coordinates paris{48.8530, 2.3499}, lyon{45.7578, 4.8320};
  const double d = haversine_metres(paris, lyon);
  const double rad = M_PI / 180;
  const double cosine = std::acos(std::sin(paris.latitude * rad) * std::sin(lyon.latitude * rad) +
                                  std::cos(paris.latitude * rad) * std::cos(lyon.latitude * rad) *
                                      std::cos((lyon.longitude - paris.longitude) * rad)) *
                        kEarthRadiusMetres;
  EXPECT_NEAR(d, cosine, 0.01);
  EXPECT_GT(d, 380000);
  EXPECT_LT(d, 400000);
}

TEST(GeoDistance, OneDegreeOfLatitude) {
  EXPECT_NEAR(haversine_metres({45, 3}, {46, 3}), kEarthRadiusMetres * M_PI / 180, 1e-6);
}

TEST(GeoDistance, ChordRoundTripsAndAgreesWithHaversine) {
  const Coordinates a{43.2965, 5.3698}, b{43.3, 5.38};
  const UnitVector u = to_unit_vector(a), v = to_unit_vector(b);
  const double chord = std::hypot(u[0] - v[0], u[1] - v[1], u[2] - v[2]);
  EXPECT_NEAR(chord_to_metres(chord), haversine_metres(a, b), 1e-6);
  EXPECT_NEAR(chord_to_metres(metres_to_chord(12345.0)), 12345.0, 1e-6);
  EXPECT_DOUBLE_EQ(haversine_metres(a, a), 0.0);
}

}  // namespace
}  // namespace relais::geo
