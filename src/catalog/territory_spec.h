// Territory names as users write them on the command line and in URLs:
// "commune:69123", "epci:200046977", "departement:69" (or "dep:69"),
// "region:84" (or "reg:84").
#pragma once

#include <optional>
#include <string_view>

#include "geo/query.h"
#include "territory/commune.h"

namespace relais::catalog {

// nullopt when the prefix is unknown or the code is empty.
std::optional<territory::Territory> parse_territory_spec(std::string_view spec);

// Adds the territory to the geosearch filter (OR with what it holds).
void add_to_filter(geo::TerritoryFilter& filter, const territory::Territory& territory);

}  // namespace relais::catalog
