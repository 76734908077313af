// GeoJSON in and out for contours.
//
// Reading is streamed (nlohmann::json SAX): a 46 MB FeatureCollection of
// communes is never held as a JSON tree, and each feature is handed over as
// soon as it is read, so the caller can simplify it at once.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/problem.h"
#include "maps/contour.h"

namespace relais::maps {

struct Feature {
  std::size_t index = 0;  // 0-based position in "features"
  // The top-level properties whose value is a string, a number (as written)
  // or a boolean; nested objects and arrays are ignored.
  std::map<std::string, std::string> properties;
  MultiPolygon polygons;  // a Polygon is given as a MultiPolygon of one
};

// Reads a FeatureCollection whose geometries are Polygon or MultiPolygon
// (WGS84 longitude, latitude). Calls `on_feature` for every feature with a
// usable geometry, in file order. Returned problems (record = feature index,
// line 0):
// - contours.geometry (Error, RecordDropped): no geometry, a type other than
//   Polygon/MultiPolygon, coordinates not nested as the type says, a position
//   that is not two numbers within WGS84 ranges, no ring left;
// - contours.ring (Warning, None): a ring of fewer than 3 distinct points,
//   left out (a polygon whose outer ring goes is left out with it);
// - contours.file (Error, FileRejected): not JSON (the message gives the
//   byte offset) or not a FeatureCollection. Features already passed to
//   `on_feature` must then be discarded by the caller.
Problems read_feature_collection(std::string_view text, const std::string& file_name,
                                 const std::function<void(Feature&&)>& on_feature);

// The contour's geometry as a GeoJSON MultiPolygon object, [longitude,
// latitude] positions rounded to 5 decimals (about 1 m).
nlohmann::json geojson_geometry(const Contour& contour);

}  // namespace relais::maps
