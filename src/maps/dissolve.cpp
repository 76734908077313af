#include "maps/dissolve.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace relais::maps {
namespace {

using Key = std::pair<double, double>;  // (longitude, latitude)
Key key(const Coordinates& c) { return {c.longitude, c.latitude}; }

// Ray casting; points on the border count either way.
bool inside(const Ring& ring, const Coordinates& p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& a = ring[i];
    const auto& b = ring[j];
    if ((a.latitude > p.latitude) != (b.latitude > p.latitude) &&
        p.longitude < (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude) {
      in = !in;
    }
  }
  return in;
}

std::optional<MultiPolygon> try_dissolve(const MultiPolygon& polygons) {
  // Directed edges, oriented outer CCW and holes CW, as a multiset.
  std::map<std::pair<Key, Key>, int> edges;
  for (const auto& polygon : polygons) {
    for (std::size_t r = 0; r < polygon.size(); ++r) {
      const Ring& ring = polygon[r];
      if (ring.size() < 4) continue;
      const bool ccw = signed_area2(ring) > 0;
      const bool reverse = (r == 0) != ccw;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        Key a = key(ring[i]), b = key(ring[i + 1]);
        if (a == b) continue;
        if (reverse) std::swap(a, b);
        auto opposite = edges.find({b, a});
        if (opposite != edges.end()) {  // an inner border: both go
          if (--opposite->second == 0) edges.erase(opposite);
        } else {
          ++edges[{a, b}];
        }
      }
    }
  }
  std::map<Key, std::vector<Key>> outgoing;
  for (const auto& [edge, count] : edges)
    for (int i = 0; i < count; ++i) outgoing[edge.first].push_back(edge.second);

  std::vector<Ring> outers, holes;
  while (!outgoing.empty()) {
    const Key start = outgoing.begin()->first;
    Ring ring{{start.second, start.first}};
    Key at = start;
    do {
      auto it = outgoing.find(at);
      if (it == outgoing.end()) return std::nullopt;  // unbalanced: not closed rings
      const Key next = it->second.back();
      it->second.pop_back();
      if (it->second.empty()) outgoing.erase(it);
      ring.push_back({next.second, next.first});
      at = next;
      if (ring.size() > 10'000'000) return std::nullopt;
    } while (at != start);
    const double area = signed_area2(ring);
    if (ring.size() < 4 || area == 0) continue;  // a sliver of doubled edges
    (area > 0 ? outers : holes).push_back(std::move(ring));
  }
  if (outers.empty()) return std::nullopt;

  MultiPolygon out;
  for (auto& outer : outers) out.push_back({std::move(outer)});
  for (auto& hole : holes) {
    // The smallest outer ring around a vertex of the hole that is not one of its own vertices.
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Ring& outer = out[i][0];
      std::set<Key> vertices;
      for (const auto& c : outer) vertices.insert(key(c));
      auto probe = std::find_if(hole.begin(), hole.end(), [&](const Coordinates& c) { return !vertices.contains(key(c)); });
      if (probe == hole.end() || !inside(outer, *probe)) continue;
      if (!best || std::abs(signed_area2(outer)) < std::abs(signed_area2(out[*best][0]))) best = i;
    }
    if (!best) return std::nullopt;
    out[*best].push_back(std::move(hole));
  }
  return out;
}

}  // namespace

double signed_area2(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    sum += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude;
  }
  return sum;
}

MultiPolygon dissolve(const MultiPolygon& polygons) {
  if (polygons.size() < 2) return polygons;
  auto out = try_dissolve(polygons);
  return out ? std::move(*out) : polygons;
}

}  // namespace relais::maps
