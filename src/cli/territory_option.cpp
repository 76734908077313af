#include "cli/territory_option.h"

#include "catalog/territory_spec.h"
#include "cli/exit_codes.h"

namespace relais::cli {

territory::Territory parse_territory_option(const std::string& spec) {
  auto territory = catalog::parse_territory_spec(spec);
  if (!territory) {
    throw CommandError(kUsage, "--territoire " + spec +
                                   ": expected commune:CODE, epci:SIREN, departement:CODE or region:CODE");
  }
  return *territory;
}

void add_territory_specs(geo::TerritoryFilter& filter, const std::vector<std::string>& specs) {
  for (const auto& spec : specs) catalog::add_to_filter(filter, parse_territory_option(spec));
}

}  // namespace relais::cli
