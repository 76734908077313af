// How to read one open-data indicator file (issue 4, "Indicators"): where its
// header is, its separator, which column holds the territory code, and how
// each indicator is computed from its columns. Files differ (the ARCEP file
// has a disclaimer on line 1 and `;` separators, INSEE-derived files give
// rates directly, some give counts to divide), so a mapping is data, kept
// with the product in data/indicateurs/mappings/ (docs/indicators.md).
//
// Mapping file (JSON):
//   { "source": "ARCEP, Ma connexion internet (beta)", "date": "2019-09-30",
//     "level": "commune",            // iris | commune | epci | departement | region
//     "header_line": 2, "separator": ";",
//     "code": "code_insee",          // column of the territory code
//     "indicators": {
//       "no_thd_coverage_rate": {    // name of the indicator
//         "sum": ["elig_thd30", "elig_thd100", "elig_thd1g"],  // or "column": "X"
//         "divide_by": "nbr",        // optional
//         "scale": 100,              // optional, default 1
//         "complement": 100          // optional: the value is complement - value
//       } } }
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "territory/commune.h"

namespace relais::indicators {

using territory::TerritoryLevel;

struct IndicatorRule {
  std::string name;
  std::vector<std::string> sum;  // columns added together (one for a plain column)
  std::optional<std::string> divide_by;
  double scale = 1.0;
  std::optional<double> complement;
};

struct Mapping {
  std::string source;
  std::string date;  // of the data, as the source gives it ("2019-09-30", "2020")
  TerritoryLevel level = TerritoryLevel::Commune;
  // "level": "iris": the codes are IRIS (9 characters: the commune's code
  // then 4 digits), stored as they are; `level` is then Commune, the level
  // they belong to. The index engine averages them into their communes by
  // population (indicators/aggregate.h).
  bool iris = false;
  std::size_t header_line = 1;
  char separator = ',';
  std::string code_column;
  std::vector<IndicatorRule> indicators;  // in the order of the file's "indicators" object
};

class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "commune", "epci", "departement", "region".
std::string_view level_name(TerritoryLevel level);
// The mapping's level as stored with its set: "iris" or level_name(level).
std::string_view level_name(const Mapping& mapping);

// Parses a mapping. Throws MappingError naming the member that is wrong
// ("indicators.no_thd_coverage_rate.scale: must be a finite number").
Mapping parse_mapping(std::string_view json_text);

}  // namespace relais::indicators
