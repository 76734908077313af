#include "maps/simplify.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <utility>

namespace relais::maps {
namespace {

struct Planar {
  double x, y;
};

// Squared distance from p to the segment a-b.
double segment_distance2(Planar p, Planar a, Planar b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

// Ring without consecutive repeats and without its closing point.
std::vector<Coordinates> open_ring(const Ring& ring) {
  std::vector<Coordinates> out;
  out.reserve(ring.size());
  for (const auto& p : ring) {
    if (out.empty() || !(out.back() == p)) out.push_back(p);
  }
  while (out.size() > 1 && out.back() == out.front()) out.pop_back();
  return out;
}

std::vector<Planar> planar(const std::vector<Coordinates>& points) {
  double mean_latitude = 0;
  for (const auto& p : points) mean_latitude += p.latitude;
  if (!points.empty()) mean_latitude /= static_cast<double>(points.size());
  const double k = std::cos(mean_latitude * std::numbers::pi / 180);
  std::vector<Planar> out;
  out.reserve(points.size());
  for (const auto& p : points) out.push_back({p.longitude * k, p.latitude});
  return out;
}

// Marks in `keep` the points of [first, last] that Douglas–Peucker keeps
// (first and last are kept by the caller). Iterative: rings can be long.
void mark(const std::vector<Planar>& points, std::size_t first, std::size_t last, double tolerance2,
          std::vector<char>& keep) {
  std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
  while (!stack.empty()) {
    auto [a, b] = stack.back();
    stack.pop_back();
    double farthest = -1;
    std::size_t index = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      double d = segment_distance2(points[i], points[a], points[b]);
      if (d > farthest) {
        farthest = d;
        index = i;
      }
    }
    if (index != a && farthest > tolerance2) {
      keep[index] = 1;
      stack.push_back({a, index});
      stack.push_back({index, b});
    }
  }
}

// The index farthest from points[0], and the index farthest from the line
// between them.
std::pair<std::size_t, std::size_t> extremes(const std::vector<Planar>& points) {
  auto distance2 = [](Planar a, Planar b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); };
  std::size_t far = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (distance2(points[i], points[0]) > distance2(points[far], points[0])) far = i;
  }
  std::size_t third = 0;
  double best = -1;
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (i == far) continue;
    double d = segment_distance2(points[i], points[0], points[far]);
    if (d > best) {
      best = d;
      third = i;
    }
  }
  return {far, third};
}

Ring closed(const std::vector<Coordinates>& points, const std::vector<char>& keep) {
  Ring out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (keep[i]) out.push_back(points[i]);
  }
  if (!out.empty()) out.push_back(out.front());  // closed on the first point kept
  return out;
}

Ring triangle(const Ring& ring) {
  const auto points = open_ring(ring);
  if (points.size() < 3) return {};
  auto [far, third] = extremes(planar(points));
  std::vector<char> keep(points.size(), 0);
  keep[0] = keep[far] = keep[third] = 1;
  return closed(points, keep);
}

double bounding_area(const Ring& ring) {
  if (ring.empty()) return 0;
  double min_x = ring[0].longitude, max_x = min_x, min_y = ring[0].latitude, max_y = min_y;
  for (const auto& p : ring) {
    min_x = std::min(min_x, p.longitude);
    max_x = std::max(max_x, p.longitude);
    min_y = std::min(min_y, p.latitude);
    max_y = std::max(max_y, p.latitude);
  }
  return (max_x - min_x) * (max_y - min_y);
}

}  // namespace

Ring simplify_ring(const Ring& ring, double tolerance) {
  const auto points = open_ring(ring);
  if (points.size() < 3) return {};
  std::vector<char> keep(points.size(), 0);
  if (tolerance <= 0) {
    std::fill(keep.begin(), keep.end(), 1);
    return closed(points, keep);
  }
  const auto flat = planar(points);
  const auto [far, third] = extremes(flat);
  (void)third;
  keep[0] = keep[far] = 1;
  const double tolerance2 = tolerance * tolerance;
  mark(flat, 0, far, tolerance2, keep);
  // The second half ends on the first point again: work on a copy with the
  // first point appended.
  std::vector<Planar> wrapped(flat.begin(), flat.end());
  wrapped.push_back(flat[0]);
  std::vector<char> keep_wrapped(keep.begin(), keep.end());
  keep_wrapped.push_back(1);
  mark(wrapped, far, wrapped.size() - 1, tolerance2, keep_wrapped);
  std::copy(keep_wrapped.begin(), keep_wrapped.end() - 1, keep.begin());
  if (std::count(keep.begin(), keep.end(), 1) < 3) return {};
  return closed(points, keep);
}

namespace {

// A ring whose points marked `fixed` are kept, each stretch between two
// consecutive fixed points being simplified on its own, with longitudes
// scaled at the mean latitude of its two ends: a stretch shared by two
// rings (between the same fixed points) gives the same points in both.
Ring simplify_between_fixed(const std::vector<Coordinates>& points, const std::vector<char>& fixed, double tolerance) {
  const std::size_t n = points.size();
  std::vector<std::size_t> anchors;
  for (std::size_t i = 0; i < n; ++i)
    if (fixed[i]) anchors.push_back(i);
  std::vector<char> keep(fixed.begin(), fixed.end());
  const double tolerance2 = tolerance * tolerance;
  for (std::size_t a = 0; a < anchors.size(); ++a) {
    const std::size_t from = anchors[a];
    const std::size_t to = a + 1 < anchors.size() ? anchors[a + 1] : anchors[0] + n;  // wraps around
    if (to - from < 2) continue;
    const double k = std::cos((points[from].latitude + points[to % n].latitude) / 2 * std::numbers::pi / 180);
    std::vector<Planar> stretch;
    stretch.reserve(to - from + 1);
    for (std::size_t i = from; i <= to; ++i) stretch.push_back({points[i % n].longitude * k, points[i % n].latitude});
    std::vector<char> kept(stretch.size(), 0);
    mark(stretch, 0, stretch.size() - 1, tolerance2, kept);
    for (std::size_t i = 1; i + 1 < stretch.size(); ++i)
      if (kept[i]) keep[(from + i) % n] = 1;
  }
  if (std::count(keep.begin(), keep.end(), 1) < 3) return {};
  return closed(points, keep);
}

// Simplifies each ring with `one`, dropping collapsed holes and polygons,
// and never emptying the geometry (see simplify()).
template <typename OneRing>
MultiPolygon assemble(const MultiPolygon& polygons, OneRing&& one) {
  MultiPolygon out;
  for (const auto& polygon : polygons) {
    if (polygon.empty()) continue;
    Ring outer = one(polygon[0]);
    if (outer.empty()) continue;
    Polygon simplified{std::move(outer)};
    for (std::size_t i = 1; i < polygon.size(); ++i) {
      Ring hole = one(polygon[i]);
      if (!hole.empty()) simplified.push_back(std::move(hole));
    }
    out.push_back(std::move(simplified));
  }
  if (out.empty()) {
    const Ring* largest = nullptr;
    for (const auto& polygon : polygons) {
      if (!polygon.empty() && (!largest || bounding_area(polygon[0]) > bounding_area(*largest))) largest = &polygon[0];
    }
    if (largest) {
      Ring kept = triangle(*largest);
      if (!kept.empty()) out.push_back({std::move(kept)});
    }
  }
  return out;
}

using Key = std::pair<double, double>;  // (longitude, latitude)

}  // namespace

MultiPolygon simplify(const MultiPolygon& polygons, double tolerance) {
  return assemble(polygons, [&](const Ring& ring) { return simplify_ring(ring, tolerance); });
}

void simplify_shared(std::span<MultiPolygon* const> geometries, double tolerance) {
  if (tolerance <= 0) {
    for (MultiPolygon* g : geometries) *g = simplify(*g, tolerance);
    return;
  }
  // How many ring vertices of all the geometries lie on each point.
  std::vector<Key> keys;
  for (const MultiPolygon* g : geometries)
    for (const auto& polygon : *g)
      for (const auto& ring : polygon)
        for (const auto& p : open_ring(ring)) keys.push_back({p.longitude, p.latitude});
  std::sort(keys.begin(), keys.end());
  auto count = [&](const Coordinates& p) {
    const Key k{p.longitude, p.latitude};
    auto range = std::equal_range(keys.begin(), keys.end(), k);
    return static_cast<std::size_t>(range.second - range.first);
  };
  for (MultiPolygon* g : geometries) {
    *g = assemble(*g, [&](const Ring& ring) {
      const auto points = open_ring(ring);
      if (points.size() < 3) return Ring{};
      const std::size_t n = points.size();
      std::vector<std::size_t> counts(n);
      for (std::size_t i = 0; i < n; ++i) counts[i] = count(points[i]);
      // Fixed: a point of three rings or more, or where the number of rings
      // changes (the end of a border shared with one neighbour).
      std::vector<char> fixed(n, 0);
      bool any = false;
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t before = counts[(i + n - 1) % n], after = counts[(i + 1) % n];
        fixed[i] = counts[i] >= 3 || counts[i] != before || counts[i] != after;
        any = any || fixed[i];
      }
      return any ? simplify_between_fixed(points, fixed, tolerance) : simplify_ring(ring, tolerance);
    });
  }
}

}  // namespace relais::maps
