// The diagnosis as GeoJSON (RFC 7946, WGS84 lon/lat), for the territory's
// GIS tools (QGIS, uMap): one FeatureCollection whose features carry a
// `couche` property:
//   "commune"      the commune's contour (its La Poste point when no contour
//                  was imported), with population, indice, couleur (the
//                  national map's palette), lieux, france_services,
//                  conseillers_numeriques, aidants_connect, distance_lieu_km,
//                  rang_besoin; missing values are null, never 0;
//   "lieu"         the places drawn on the maps (Point), with nom, id and
//                  services;
//   "proposition"  the planning proposal's sites (Point at the commune's
//                  centroid), with rang, service, rayon_km and
//                  population_nouvellement_couverte.
#pragma once

#include <ostream>

#include "catalog/catalog.h"
#include "report/territory_report.h"

namespace relais::report {

void write_geojson(std::ostream& out, const TerritoryReport& report, const catalog::Catalog& catalog);

}  // namespace relais::report
