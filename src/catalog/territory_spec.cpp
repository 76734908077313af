#include "catalog/territory_spec.h"

#include <array>
#include <utility>

namespace relais::catalog {

std::optional<territory::Territory> parse_territory_spec(std::string_view spec) {
  using territory::TerritoryLevel;
  static constexpr std::array<std::pair<std::string_view, TerritoryLevel>, 7> kPrefixes{{
      {"commune", TerritoryLevel::Commune},
      {"epci", TerritoryLevel::Epci},
      {"departement", TerritoryLevel::Departement},
      {"département", TerritoryLevel::Departement},
      {"dep", TerritoryLevel::Departement},
      {"region", TerritoryLevel::Region},
      {"reg", TerritoryLevel::Region},
  }};
  auto colon = spec.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto prefix = spec.substr(0, colon);
  auto code = spec.substr(colon + 1);
  if (code.empty()) return std::nullopt;
  for (const auto& [name, level] : kPrefixes) {
    if (prefix == name) return territory::Territory{level, std::string(code)};
  }
  return std::nullopt;
}

void add_to_filter(geo::TerritoryFilter& filter, const territory::Territory& territory) {
  using territory::TerritoryLevel;
  switch (territory.level) {
    case TerritoryLevel::Commune: filter.communes.push_back(territory.code); break;
    case TerritoryLevel::Epci: filter.epcis.push_back(territory.code); break;
    case TerritoryLevel::Departement: filter.departements.push_back(territory.code); break;
    case TerritoryLevel::Region: filter.regions.push_back(territory.code); break;
  }
}

}  // namespace relais::catalog
