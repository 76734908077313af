#include "maps/palette.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace relais::maps {
namespace {

TEST(Palette, StopsAreTheNationalMapOnes) {
  EXPECT_EQ(ifn_colour(0), "#4a6bae");
  EXPECT_EQ(ifn_colour(2), "#5f8ec7");
  EXPECT_EQ(ifn_colour(4), "#aac4e6");
  EXPECT_EQ(ifn_colour(6), "#ebb5bd");
  EXPECT_EQ(ifn_colour(8), "#dd7480");
  EXPECT_EQ(ifn_colour(10), "#d95c5e");
}

TEST(Palette, LinearBetweenStops) {
  // Halfway between 4 #aac4e6 and 6 #ebb5bd: (170+235)/2=202.5→203 cb, (196+181)/2=188.5→189 bd, (230+189)/2=209.5→210 d2.
  EXPECT_EQ(ifn_colour(5), "#cbbdd2");
  // A quarter from 0 #4a6bae to 2 #5f8ec7: 74+5.25=79 4f, 107+8.75=116 74, 174+6.25=180 b4.
  EXPECT_EQ(ifn_colour(0.5), "#4f74b4");
  EXPECT_EQ(ifn_colour(9.9), ifn_colour(9.9));
  EXPECT_NE(ifn_colour(6.2), ifn_colour(6));
}

TEST(Palette, OutOfRangeAndMissing) {
  EXPECT_EQ(ifn_colour(-3), "#4a6bae");
  EXPECT_EQ(ifn_colour(12), "#d95c5e");
  EXPECT_EQ(ifn_colour(std::numeric_limits<double>::quiet_NaN()), kMissingColour);
  for (const auto& stop : kIfnStops) EXPECT_NE(std::string(stop.colour), kMissingColour);
  // The missing grey has no hue.
  const std::string grey = kMissingColour;
  EXPECT_EQ(grey.substr(1, 2), grey.substr(3, 2));
  EXPECT_EQ(grey.substr(3, 2), grey.substr(5, 2));
}

}  // namespace
}  // namespace relais::maps
