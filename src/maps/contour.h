// The contour of a territory (commune, département, région): its name and
// its geometry, a GeoJSON MultiPolygon in WGS84 degrees. Shared by the
// importer, the store (which keeps it encoded, see encoding.h) and the maps.
#pragma once

#include <string>
#include <vector>

#include "core/place.h"

namespace relais::maps {

// A closed ring: the first point is repeated at the end (GeoJSON), so a
// valid ring has at least 4 points.
using Ring = std::vector<Coordinates>;
// The first ring is the outer boundary, the others are holes.
using Polygon = std::vector<Ring>;
using MultiPolygon = std::vector<Polygon>;

// Levels, as stored and as given to `relais import contours --niveau`.
inline constexpr const char* kCommune = "commune";
inline constexpr const char* kDepartement = "departement";
inline constexpr const char* kRegion = "region";

struct Contour {
  std::string level;  // kCommune, kDepartement or kRegion
  std::string code;   // INSEE code of today's territory ("69123", "2A", "84")
  std::string name;   // "Lyon", "Rhône"
  MultiPolygon polygons;
  friend bool operator==(const Contour&, const Contour&) = default;
};

// Number of points of all rings (for reports and sizes).
inline std::size_t point_count(const MultiPolygon& polygons) {
  std::size_t n = 0;
  for (const auto& polygon : polygons)
    for (const auto& ring : polygon) n += ring.size();
  return n;
}

}  // namespace relais::maps
