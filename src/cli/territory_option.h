// The --territoire option shared by search and export.
#pragma once

#include <string>
#include <vector>

#include "geo/query.h"

namespace relais::cli {

inline constexpr const char* kTerritoireHelp =
    "Only places in this territory: commune:69123, epci:200046977, departement:69, region:84 (repeatable, OR)";

// Adds every spec to `filter`. Throws CommandError(kUsage) naming the bad one.
void add_territory_specs(geo::TerritoryFilter& filter, const std::vector<std::string>& specs);

}  // namespace relais::cli
