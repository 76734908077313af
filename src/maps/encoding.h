// Compact binary form of a MultiPolygon, as the store keeps it (a BLOB).
//
// Layout (docs/maps.md): one byte, the format version (1); then unsigned
// LEB128 varints: the number of polygons; for each polygon, its number of
// rings; for each ring, its number of points without the closing one, then
// those points as (longitude, latitude) in integer microdegrees, each the
// zigzag-encoded difference from the previous point of the whole geometry
// (the first from (0, 0)). Coordinates are rounded to the microdegree
// (≤ 0.11 m); a simplified point then takes 2 to 4 bytes.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "maps/contour.h"

namespace relais::maps {

// REQUIRES: coordinates within WGS84 ranges (the GeoJSON reader checks them).
// Rings of fewer than 3 distinct points are written as they are; decoding
// gives them back closed.
std::string encode_geometry(const MultiPolygon& polygons);

// Throws std::invalid_argument when `blob` is not a geometry written by
// encode_geometry (unknown version, truncated, trailing bytes, counts beyond
// what the bytes can hold, coordinates out of range).
MultiPolygon decode_geometry(std::span<const std::uint8_t> blob);

}  // namespace relais::maps
