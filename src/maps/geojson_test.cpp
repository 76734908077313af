#include "maps/geojson.h"

#include <gtest/gtest.h>

namespace relais::maps {
namespace {

struct Result {
  std::vector<Feature> features;
  Problems problems;
};

Result read(std::string_view text) {
  Result r;
  r.problems = read_feature_collection(text, "t.geojson", [&](Feature&& f) { r.features.push_back(std::move(f)); });
  return r;
}

TEST(GeoJson, PolygonAndMultiPolygonWithProperties) {
  auto r = read(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[4.8,45.7],[4.9,45.7],[4.9,45.8],[4.8,45.7]]]},
     "properties":{"code":"69123","nom":"Lyon","pop":513275,"nested":{"a":1}}},
    {"type":"Feature","properties":{"DDEP_C_COD":"2A"},"geometry":{"coordinates":
      [[[[8.7,41.9,12],[8.8,41.9],[8.8,42.0],[8.7,41.9]],[[8.74,41.92],[8.76,41.92],[8.75,41.93],[8.74,41.92]]],
       [[[9.0,42.0],[9.1,42.0],[9.1,42.1],[9.0,42.0]]]],"type":"MultiPolygon"}}]})");
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.features.size(), 2u);
  EXPECT_EQ(r.features[0].index, 0u);
  EXPECT_EQ(r.features[0].properties.at("code"), "69123");
  EXPECT_EQ(r.features[0].properties.at("pop"), "513275");
  EXPECT_FALSE(r.features[0].properties.contains("nested"));
  ASSERT_EQ(r.features[0].polygons.size(), 1u);
  EXPECT_EQ(r.features[0].polygons[0][0][1], (Coordinates{45.7, 4.9})) << "GeoJSON is longitude, latitude";
  EXPECT_EQ(r.features[1].properties.at("DDEP_C_COD"), "2A");
  ASSERT_EQ(r.features[1].polygons.size(), 2u);
  EXPECT_EQ(r.features[1].polygons[0].size(), 2u) << "outer ring and hole";
  EXPECT_EQ(r.features[1].polygons[0][0][0], (Coordinates{41.9, 8.7})) << "altitude ignored";
}

TEST(GeoJson, BadFeaturesAreLocatedAndLeftOut) {
  auto r = read(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"code":"a"},"geometry":{"type":"Point","coordinates":[4.8,45.7]}},
    {"type":"Feature","properties":{"code":"b"},"geometry":null},
    {"type":"Feature","properties":{"code":"c"},"geometry":{"type":"Polygon","coordinates":[[[4.8,95],[4.9,45.7],[4.9,45.8],[4.8,95]]]}},
    {"type":"Feature","properties":{"code":"d"},"geometry":{"type":"Polygon","coordinates":[[[4.8,"x"],[4.9,45.7],[4.9,45.8],[4.8,45.7]]]}},
    {"type":"Feature","properties":{"code":"e"},"geometry":{"type":"MultiPolygon","coordinates":[[[4.8,45.7],[4.9,45.7],[4.9,45.8],[4.8,45.7]]]}},
    {"type":"Feature","properties":{"code":"f"},"geometry":{"type":"Polygon","coordinates":[[[4.8,45.7],[4.9,45.7],[4.8,45.7]]]}},
    {"type":"Feature","properties":{"code":"g"},"geometry":{"type":"Polygon","coordinates":[[[4.8,45.7],[4.9,45.7],[4.9,45.8],[4.8,45.7]],[[1,1],[1,1]]]}}
  ]})");
  ASSERT_EQ(r.features.size(), 1u);
  EXPECT_EQ(r.features[0].properties.at("code"), "g");
  EXPECT_EQ(r.features[0].polygons[0].size(), 1u) << "the degenerate hole is left out";
  std::vector<std::size_t> dropped;
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.file, "t.geojson");
    if (p.action == Action::RecordDropped) {
      EXPECT_EQ(p.rule, "contours.geometry");
      dropped.push_back(p.record);
    }
  }
  EXPECT_EQ(dropped, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(r.problems[0].field, "geometry.type");
  EXPECT_EQ(r.problems[0].value, "Point");
}

TEST(GeoJson, NotAFeatureCollectionIsRejected) {
  for (std::string_view text : {R"({"type":"Feature","geometry":null})", R"([1,2])", R"({"type":"FeatureCollection")",
                                "", R"({"type":"FeatureCollection","features":{}})"}) {
    auto r = read(text);
    ASSERT_FALSE(r.problems.empty()) << text;
    EXPECT_EQ(r.problems.back().action, Action::FileRejected) << text;
    EXPECT_EQ(r.problems.back().rule, "contours.file") << text;
  }
}

TEST(GeoJson, GeometryOutputIsMultiPolygonLonLatFiveDecimals) {
  Contour c{"commune", "69123", "Lyon", {{{{45.7640431, 4.8356592}, {45.7, 4.9}, {45.8, 4.9}, {45.7640431, 4.8356592}}}}};
  const auto g = geojson_geometry(c);
  EXPECT_EQ(g.dump(),
            R"({"coordinates":[[[[4.83566,45.76404],[4.9,45.7],[4.9,45.8],[4.83566,45.76404]]]],"type":"MultiPolygon"})");
  // Read back through the reader: same shape.
  const std::string fc = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":)" +
                         g.dump() + "}]}";
  auto r = read(fc);
  ASSERT_EQ(r.features.size(), 1u);
  EXPECT_EQ(r.features[0].polygons[0][0].size(), 4u);
}

}  // namespace
}  // namespace relais::maps
