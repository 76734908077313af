// The --territoire option shared by search and export.
#pragma once

#include <string>
#include <vector>

#include "geo/query.h"
#include "territory/commune.h"

namespace relais::cli {

inline constexpr const char* kTerritoireHelp =
    "Only places in this territory: commune:69123, epci:200046977, departement:69, region:84 (repeatable, OR)";

// One --territoire spec ("departement:69"). Throws CommandError(kUsage) naming it when malformed.
territory::Territory parse_territory_option(const std::string& spec);

// Adds every spec to `filter`. Throws CommandError(kUsage) naming the bad one.
void add_territory_specs(geo::TerritoryFilter& filter, const std::vector<std::string>& specs);

}  // namespace relais::cli
