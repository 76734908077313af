// Great-circle distances on a spherical Earth.
//
// Accuracy: the sphere of mean radius 6,371,008.8 m differs from the WGS84
// ellipsoid by at most ~0.5 % of the distance (typically < 0.3 % in
// metropolitan France), i.e. < 5 m at 1 km, which is well below the precision
// of the published coordinates (geocoded addresses). Vincenty is not needed.
// All functions are pure and thread-safe.
#pragma once

#include <array>

#include "core/place.h"

namespace relais::geo {

inline constexpr double kEarthRadiusMetres = 6371008.8;

// Haversine distance in metres between two WGS84 points.
double haversine_metres(const Coordinates& a, const Coordinates& b);

// Point on the unit sphere (x towards lon 0, z towards the North pole).
using UnitVector = std::array<double, 3>;
UnitVector to_unit_vector(const Coordinates& c);

// Great-circle distance in metres for a straight-line (chord) distance between
// two points of the unit sphere. Monotonic, so ordering by chord is ordering
// by distance.
double chord_to_metres(double chord);

// Inverse of chord_to_metres (metres above half the circumference are clamped).
double metres_to_chord(double metres);

}  // namespace relais::geo
