// Puts a commune-level indicator file on today's communes. Files made from
// 2017–2020 INSEE data use the codes of that time; communes have merged
// since ("communes nouvelles"), so a code may now be a former commune's.
//
// - A code of a current commune or arrondissement is kept.
// - A former commune's code is counted in the commune that absorbed it
//   (CommuneIndex::find_commune). Such a file predates the merger, so a row
//   with the new commune's own code is then one of the former communes too
//   (a commune nouvelle usually keeps its chef-lieu's code): all of them are
//   averaged, without population weights (the former communes' populations
//   are not in the commune table), and a warning says which codes were merged.
// - An unknown code is left out with a warning.
// - Today's communes with no row at all are counted in one summary warning
//   (line 0, the first codes as its value).
// Other levels (EPCI, département, région) are kept as they are.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/problem.h"
#include "indicators/mapping.h"
#include "indicators/reader.h"
#include "territory/commune.h"

namespace relais::indicators {

struct ResolvedRow {
  std::string code;                           // current code
  std::vector<std::optional<double>> values;  // parallel to Mapping::indicators
  std::vector<std::string> source_codes;      // the file's codes behind it
};

struct Resolved {
  std::vector<ResolvedRow> rows;  // by code
  Problems problems;
};

Resolved resolve_codes(const IndicatorFile& file, const Mapping& mapping, const territory::CommuneIndex& communes,
                       const std::string& file_name);

}  // namespace relais::indicators
