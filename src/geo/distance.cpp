#include "geo/distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace relais::geo {

namespace {
constexpr double kDegToRad = std::numbers::pi / 180.0;
}

double haversine_metres(const Coordinates& a, const Coordinates& b) {
  const double phi1 = a.latitude * kDegToRad;
  const double phi2 = b.latitude * kDegToRad;
  const double dphi = phi2 - phi1;
  const double dlambda = (b.longitude - a.longitude) * kDegToRad;
  const double s = std::sin(dphi / 2);
  const double t = std::sin(dlambda / 2);
  const double h = std::clamp(s * s + std::cos(phi1) * std::cos(phi2) * t * t, 0.0, 1.0);
  return 2 * kEarthRadiusMetres * std::asin(std::sqrt(h));
}

UnitVector to_unit_vector(const Coordinates& c) {
  const double phi = c.latitude * kDegToRad;
  const double lambda = c.longitude * kDegToRad;
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}

double chord_to_metres(double chord) {
  return 2 * kEarthRadiusMetres * std::asin(std::clamp(chord / 2, 0.0, 1.0));
}

double metres_to_chord(double metres) {
  const double angle = std::clamp(metres / kEarthRadiusMetres, 0.0, std::numbers::pi);
  return 2 * std::sin(angle / 2);
}

}  // namespace relais::geo
