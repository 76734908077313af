#include "report/figures.h"

#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "maps/svg.h"

namespace relais::report {
namespace {

// Radius of the disc standing for a commune without a contour: about the
// size of a rural commune, so neighbours do not overlap much.
constexpr double kDiscKm = 1.5;

maps::Contour disc(const territory::Commune& commune) {
  maps::Ring ring;
  const double lat = commune.position->latitude, lon = commune.position->longitude;
  const double dlat = kDiscKm / 111.2, dlon = dlat / std::cos(lat * std::numbers::pi / 180);
  for (int i = 0; i <= 12; ++i) {
    const double a = 2 * std::numbers::pi * (i % 12) / 12;
    ring.push_back({lat + dlat * std::sin(a), lon + dlon * std::cos(a)});
  }
  return {.level = "commune", .code = commune.code_insee, .name = commune.nom, .polygons = {{ring}}};
}

struct Background {
  std::vector<maps::Contour> discs;  // when the report has no contours
  std::map<std::string, double> values;
  std::span<const maps::Contour> contours;
};

Background background(const TerritoryReport& report) {
  Background b;
  for (const auto& row : report.offer.communes) {
    if (row.index) b.values.emplace(row.commune->code_insee, *row.index);
  }
  if (!report.contours.empty()) {
    b.contours = report.contours;
  } else {
    for (const auto& row : report.offer.communes) {
      if (row.commune->position) b.discs.push_back(disc(*row.commune));
    }
    b.contours = b.discs;
  }
  return b;
}

std::vector<maps::Marker> place_markers(const TerritoryReport& report, const catalog::Catalog& catalog) {
  std::vector<maps::Marker> markers;
  const auto places = catalog.places();
  for (const auto i : report.places) {
    markers.push_back({.at = *places[i].coordinates, .label = places[i].nom, .kind = maps::MarkerKind::Place});
  }
  return markers;
}

}  // namespace

std::string index_map_svg(const TerritoryReport& report, const catalog::Catalog& catalog) {
  const auto b = background(report);
  const auto markers = place_markers(report, catalog);
  maps::SvgOptions options;
  options.title = "Indice de fragilité numérique des communes et lieux d’aide : " + report.title;
  options.id_prefix = "carte-indice";
  options.outlines = report.outlines;
  return maps::choropleth_svg(b.contours, b.values, markers, options);
}

std::string planning_map_svg(const TerritoryReport& report, const catalog::Catalog& catalog) {
  const auto b = background(report);
  auto markers = place_markers(report, catalog);
  const auto& p = report.proposal;
  for (std::size_t i = 0; i < p.sites.size(); ++i) {
    const auto& commune = *p.sites[i].commune;
    if (!commune.position) continue;
    markers.push_back({.at = *commune.position,
                       .label = fmt::format("{}. {} : {} habitants nouvellement à portée", i + 1, commune.nom,
                                            p.sites[i].population_newly_within_reach),
                       .kind = maps::MarkerKind::Proposed,
                       .radius_km = p.options.radius_km});
  }
  maps::SvgOptions options;
  options.title = "Sites proposés et leur rayon : " + report.title;
  options.id_prefix = "carte-proposition";
  options.outlines = report.outlines;
  return maps::choropleth_svg(b.contours, b.values, markers, options);
}

}  // namespace relais::report
