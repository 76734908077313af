// Union of the polygons of merged territories (a commune nouvelle drawn from
// its former communes' contours), without their inner borders.
//
// Works on topologically clean inputs such as IGN Admin Express, where two
// neighbours share the very same vertices along their border: every edge
// travelled once in each direction (once rings are oriented outer
// counter-clockwise, holes clockwise) is an inner border and goes; the
// remaining edges are linked into rings again. Where vertices do not match
// exactly, that stretch of border simply stays (it is then drawn).
#pragma once

#include "maps/contour.h"

namespace relais::maps {

// The union of `polygons` (outer rings counter-clockwise, holes clockwise,
// each hole in the outer ring that contains it). Returns `polygons`
// unchanged when the remaining edges cannot be linked into closed rings or a
// hole has no outer ring around it.
MultiPolygon dissolve(const MultiPolygon& polygons);

// Twice the signed area (shoelace on longitude, latitude): > 0 counter-clockwise.
double signed_area2(const Ring& ring);

}  // namespace relais::maps
