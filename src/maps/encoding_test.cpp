#include "maps/encoding.h"

#include <gtest/gtest.h>

namespace relais::maps {
namespace {

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Encoding, RoundTripOnMicrodegrees) {
  MultiPolygon g{{{{45.764043, 4.835659}, {45.7, 4.9}, {45.81, 4.9}, {45.764043, 4.835659}},
                  {{45.75, 4.8}, {45.76, 4.81}, {45.75, 4.82}, {45.75, 4.8}}},
                 {{{-21.1, 55.5}, {-21.0, 55.6}, {-21.2, 55.7}, {-21.1, 55.5}}},
                 {{{16.2, -61.5}, {16.3, -61.4}, {16.25, -61.3}, {16.2, -61.5}}}};
  const std::string blob = encode_geometry(g);
  EXPECT_EQ(decode_geometry(bytes(blob)), g);
  // Version, counts and 2 bytes or so per point for close points.
  MultiPolygon fine{{{}}};
  for (int i = 0; i < 1000; ++i) fine[0][0].push_back({45 + i * 1e-4, 4 + (i % 7) * 1e-4});
  fine[0][0].push_back(fine[0][0].front());
  const std::string fine_blob = encode_geometry(fine);
  EXPECT_LT(fine_blob.size(), 1000u * 5);
  EXPECT_EQ(decode_geometry(bytes(fine_blob)), fine);
}

TEST(Encoding, RoundsToTheMicrodegree) {
  MultiPolygon g{{{{45.0000004, 4.0000006}, {45.1, 4.1}, {45.2, 4.0}, {45.0000004, 4.0000006}}}};
  const auto back = decode_geometry(bytes(encode_geometry(g)));
  EXPECT_EQ(back[0][0][0], (Coordinates{45.0, 4.000001}));
}

TEST(Encoding, EmptyGeometry) {
  EXPECT_TRUE(decode_geometry(bytes(encode_geometry({}))).empty());
}

TEST(Encoding, CorruptBlobsAreRefused) {
  const std::string good = encode_geometry({{{{45, 4}, {45.1, 4.1}, {45.2, 4}, {45, 4}}}});
  EXPECT_THROW(decode_geometry(bytes("")), std::invalid_argument);
  EXPECT_THROW(decode_geometry(bytes(std::string("\x02\x00", 2))), std::invalid_argument) << "unknown version";
  EXPECT_THROW(decode_geometry(bytes(good.substr(0, good.size() - 1))), std::invalid_argument) << "truncated";
  EXPECT_THROW(decode_geometry(bytes(good + "x")), std::invalid_argument) << "trailing";
  EXPECT_THROW(decode_geometry(bytes(std::string("\x01\xff\xff\xff\xff\x0f", 6))), std::invalid_argument)
      << "a count the bytes cannot hold";
}

}  // namespace
}  // namespace relais::maps
