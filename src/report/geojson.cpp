#include "report/geojson.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "maps/geojson.h"
#include "maps/palette.h"

namespace relais::report {
namespace {

using nlohmann::json;

// Five decimals: about a metre, the precision of the source centroids.
double rounded(double degrees) { return std::round(degrees * 1e5) / 1e5; }
double one_decimal(double value) { return std::round(value * 10) / 10; }

json point(const Coordinates& at) {
  return {{"type", "Point"}, {"coordinates", {rounded(at.longitude), rounded(at.latitude)}}};
}

template <class T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

void write_geojson(std::ostream& out, const TerritoryReport& report, const catalog::Catalog& catalog) {
  std::map<std::string_view, const maps::Contour*> contours;
  for (const auto& contour : report.contours) contours.emplace(contour.code, &contour);
  std::map<const diagnosis::CommuneOffer*, std::size_t> rank;
  for (std::size_t i = 0; i < report.ranked.size(); ++i) rank.emplace(report.ranked[i], i + 1);

  json features = json::array();
  for (const auto& row : report.offer.communes) {
    json geometry = nullptr;
    if (const auto it = contours.find(row.commune->code_insee); it != contours.end()) {
      geometry = maps::geojson_geometry(*it->second);
    } else if (row.commune->position) {
      geometry = point(*row.commune->position);
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", geometry},
                        {"properties",
                         {{"couche", "commune"},
                          {"code_insee", row.commune->code_insee},
                          {"nom", row.commune->nom},
                          {"population", row.commune->population},
                          {"indice", row.index ? json(std::round(*row.index * 100) / 100) : json(nullptr)},
                          {"couleur", maps::ifn_colour(row.index.value_or(std::numeric_limits<double>::quiet_NaN()))},
                          {"lieux", row.places},
                          {"france_services", row.france_services},
                          {"conseillers_numeriques", row.conseillers_numeriques},
                          {"aidants_connect", row.aidants_connect},
                          {"distance_lieu_km", row.nearest_place_km ? json(one_decimal(*row.nearest_place_km))
                                                                    : json(nullptr)},
                          {"rang_besoin", rank.at(&row)}}}});
  }
  const auto places = catalog.places();
  for (const auto i : report.places) {
    const auto& place = places[i];
    json services = json::array();
    for (const auto service : place.services) services.push_back(label(service));
    features.push_back({{"type", "Feature"},
                        {"geometry", point(*place.coordinates)},
                        {"properties", {{"couche", "lieu"}, {"id", place.id}, {"nom", place.nom}, {"services", services}}}});
  }
  const auto& proposal = report.proposal;
  for (std::size_t i = 0; i < proposal.sites.size(); ++i) {
    const auto& site = proposal.sites[i];
    if (!site.commune->position) continue;
    features.push_back({{"type", "Feature"},
                        {"geometry", point(*site.commune->position)},
                        {"properties",
                         {{"couche", "proposition"},
                          {"rang", i + 1},
                          {"code_insee", site.commune->code_insee},
                          {"nom", site.commune->nom},
                          {"service", label(proposal.options.service)},
                          {"rayon_km", proposal.options.radius_km},
                          {"population_nouvellement_couverte", site.population_newly_within_reach}}}});
  }
  json collection = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  out << collection.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace relais::report
