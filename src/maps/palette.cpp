#include "maps/palette.h"

#include <cmath>
#include <cstdio>

namespace relais::maps {
namespace {

struct Rgb {
  int r, g, b;
};

Rgb parse(const char* hex) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
  return {static_cast<int>(r), static_cast<int>(g), static_cast<int>(b)};
}

int mix(int a, int b, double t) { return static_cast<int>(std::lround(a + (b - a) * t)); }

}  // namespace

std::string ifn_colour(double score) {
  if (std::isnan(score)) return kMissingColour;
  if (score <= kIfnStops.front().score) return kIfnStops.front().colour;
  if (score >= kIfnStops.back().score) return kIfnStops.back().colour;
  std::size_t i = 1;
  while (kIfnStops[i].score < score) ++i;
  const auto& lo = kIfnStops[i - 1];
  const auto& hi = kIfnStops[i];
  const double t = (score - lo.score) / (hi.score - lo.score);
  const Rgb a = parse(lo.colour), b = parse(hi.colour);
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", mix(a.r, b.r, t), mix(a.g, b.g, t), mix(a.b, b.b, t));
  return out;
}

}  // namespace relais::maps
