// Fuzzes the contour import: maps::read_feature_collection (streamed
// GeoJSON), simplification, the geometry encoding and code resolution
// (import_contours on a small commune table: union and shared simplification). Checks what callers rely on:
// every feature handed over has polygons with closed rings of >= 4 points;
// decode(encode(g)) encodes to the same bytes; decoding arbitrary bytes
// either succeeds or throws std::invalid_argument.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "maps/contour_import.h"
#include "maps/encoding.h"
#include "maps/geojson.h"
#include "maps/simplify.h"

namespace {
const relais::territory::CommuneIndex& communes() {
  static const relais::territory::CommuneIndex index([] {
    std::vector<relais::territory::Commune> list(2);
    list[0].code_insee = "01033";
    list[0].nom = "Valserhône";
    list[0].code_departement = "01";
    list[0].code_region = "84";
    list[0].anciens_codes = {"01091"};
    list[1].code_insee = "69123";
    list[1].nom = "Lyon";
    list[1].code_departement = "69";
    list[1].code_region = "84";
    return list;
  }());
  return index;
}

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relais::maps;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)read_feature_collection(text, "fuzz.geojson", [](Feature&& f) {
    if (f.polygons.empty()) __builtin_trap();
    for (const auto& polygon : f.polygons) {
      if (polygon.empty()) __builtin_trap();
      for (const auto& ring : polygon) {
        if (ring.size() < 3) __builtin_trap();
      }
    }
    const MultiPolygon simplified = simplify(f.polygons, kDefaultToleranceDegrees);
    if (simplified.empty()) __builtin_trap();  // never empties a geometry
    for (const auto& polygon : simplified)
      for (const auto& ring : polygon)
        if (ring.size() < 4 || !(ring.front() == ring.back())) __builtin_trap();
    const std::string blob = encode_geometry(simplified);
    if (encode_geometry(decode_geometry(bytes(blob))) != blob) __builtin_trap();
    (void)geojson_geometry({kCommune, "x", "x", simplified});
  });
  auto imported = import_contours(text, "fuzz.geojson", communes(), {});
  for (const auto& c : imported.contours) {
    if (c.code != "01033" && c.code != "69123" && c.code != "01" && c.code != "69" && c.code != "84") __builtin_trap();
    for (const auto& polygon : c.polygons)
      for (const auto& ring : polygon)
        if (ring.size() < 4 || !(ring.front() == ring.back())) __builtin_trap();
    const std::string blob = encode_geometry(c.polygons);
    if (encode_geometry(decode_geometry(bytes(blob))) != blob) __builtin_trap();
  }
  try {
    (void)decode_geometry({data, size});
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
