// Douglas–Peucker simplification of contours, applied once at import.
//
// Distances are measured in degrees of latitude, longitudes being scaled by
// the cosine of the ring's mean latitude, so a tolerance means the same
// ground distance in every direction (0.0005° ≈ 56 m). simplify() treats each
// ring on its own (two neighbours' shared border may then differ by up to
// the tolerance); simplify_shared() simplifies a shared border once for both
// (docs/maps.md).
#pragma once

#include <span>

#include "maps/contour.h"

namespace relais::maps {

// The default of `relais import contours --tolerance`: about 56 m, a quarter
// of a pixel on an A4 map of a large département (docs/maps.md).
inline constexpr double kDefaultToleranceDegrees = 0.0005;

// Simplified closed ring: keeps the first point, the point farthest from it
// and every point farther than `tolerance` from the simplified line. Returns
// an empty ring when the result has fewer than 3 distinct points (a sliver or
// an islet smaller than the tolerance). tolerance <= 0 only removes repeated
// consecutive points. A ring given unclosed is closed.
Ring simplify_ring(const Ring& ring, double tolerance);

// Every ring simplified; collapsed holes and polygons whose outer ring
// collapsed are left out. Never empties a non-empty geometry: if every outer
// ring collapses, the largest one is kept as a triangle (its first point,
// the point farthest from it, the point farthest from that line).
MultiPolygon simplify(const MultiPolygon& polygons, double tolerance);

// Simplifies geometries that tile a territory (the communes of a file) so
// that a border shared by two of them comes out the same in both: no gap or
// overlap between neighbours. Points where three rings meet, or where a
// border shared with one neighbour ends, are kept; each stretch between two
// of them is simplified on its own (same points, same result, whichever ring
// it is read from). Rings without such a point (islands, enclaves) are
// simplified as by simplify_ring. Same dropping rules as simplify().
// Requires neighbours to share exact vertices (IGN Admin Express does).
void simplify_shared(std::span<MultiPolygon* const> geometries, double tolerance);

}  // namespace relais::maps
