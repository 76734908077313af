// The colours of the national map of digital fragility (IFN), so Relais'
// maps read like it: ../shared/reference/ifn.md §8, MapLibre `interpolate`
// `linear` on the 0–10 score with stops 0 #4a6bae, 2 #5f8ec7, 4 #aac4e6,
// 6 #ebb5bd, 8 #dd7480, 10 #d95c5e (blue: less fragile, red: more).
#pragma once

#include <array>
#include <string>

namespace relais::maps {

struct ColourStop {
  double score;
  const char* colour;
};
inline constexpr std::array<ColourStop, 6> kIfnStops{{{0, "#4a6bae"},
                                                      {2, "#5f8ec7"},
                                                      {4, "#aac4e6"},
                                                      {6, "#ebb5bd"},
                                                      {8, "#dd7480"},
                                                      {10, "#d95c5e"}}};

// Missing value: a neutral grey, of no hue, so it is read as "no data" and
// never as a score (every stop above is clearly blue or red). The SVG maps
// also hatch it, for printing in grey.
inline constexpr const char* kMissingColour = "#bdbdbd";

// "#rrggbb" (lower case) for a score, linear between the two surrounding
// stops per channel, rounded to the nearest integer; scores below 0 or above
// 10 take the end colours; NaN (missing) gives kMissingColour.
std::string ifn_colour(double score);

}  // namespace relais::maps
