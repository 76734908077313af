// The report's two maps, drawn with maps::choropleth_svg: the index of the
// communes with the existing places on top, and the planning proposal (its
// sites and their reach circles on the same background). Without imported
// contours the communes are drawn as small discs at their centres, so the
// maps still say where the fragile communes and the places are.
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "report/territory_report.h"

namespace relais::report {

std::string index_map_svg(const TerritoryReport& report, const catalog::Catalog& catalog);
std::string planning_map_svg(const TerritoryReport& report, const catalog::Catalog& catalog);

}  // namespace relais::report
