// Fuzzes geo::Index::search with untrusted query parts: free text (from the
// CLI or a web form), territory codes, centre, radius and paging. Checks the
// result invariants: page size within limit, sorted by distance, places in
// range, radius respected.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "geo/index.h"

namespace {

const relais::geo::Index& fixture(std::vector<relais::Place>& places) {
  static const relais::geo::Index index = [&] {
    const char* names[] = {"Médiathèque Émile Zola", "France services", "EPN", "Bus numérique", "Œuvre ß"};
    for (int i = 0; i < 300; ++i) {
      relais::Place p;
      p.id = "p" + std::to_string(i * 37 % 300);
      p.nom = names[i % 5];
      p.commune = i % 2 ? "Saint-Étienne" : "Ajaccio";
      p.code_insee = i % 2 ? "42218" : "2A004";
      if (i % 11) p.coordinates = relais::Coordinates{-60.0 + (i * 7919 % 1200) / 10.0, -180.0 + (i * 104729 % 3600) / 10.0};
      p.services = {static_cast<relais::Service>(i % 9)};
      places.push_back(p);
    }
    return relais::geo::Index::build(places);
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::vector<relais::Place> places;
  const relais::geo::Index& index = fixture(places);
  if (size < 26) return 0;
  double lat, lon, radius;
  std::memcpy(&lat, data, 8);
  std::memcpy(&lon, data + 8, 8);
  std::memcpy(&radius, data + 16, 8);
  relais::geo::Query q;
  const std::uint8_t flags = data[24];
  if (flags & 1) q.near = relais::Coordinates{lat, lon};
  if (flags & 2) q.radius_metres = radius;
  q.limit = data[25] % 40;
  q.offset = (flags >> 4) * 3;
  q.online_booking = flags & 4;
  const std::string rest(reinterpret_cast<const char*>(data + 26), size - 26);
  if (flags & 8) q.territory.communes.push_back(rest.substr(0, 5));
  q.text = rest;
  const auto results = index.search(q);
  if (results.hits.size() > q.limit) __builtin_trap();
  double previous = -1;
  for (const auto& hit : results.hits) {
    if (hit.place >= places.size()) __builtin_trap();
    if (q.near && std::isfinite(lat) && std::isfinite(lon)) {
      if (!hit.distance_metres || *hit.distance_metres < previous) __builtin_trap();
      if (q.radius_metres && *hit.distance_metres > std::max(0.0, *q.radius_metres) + 1e-6) __builtin_trap();
      previous = *hit.distance_metres;
    }
    (void)relais::geo::describe_matches(hit);
  }
  return 0;
}
