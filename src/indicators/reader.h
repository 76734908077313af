// Reads one indicator file with its Mapping (mapping.h): one row per
// territory code, each indicator's value or nothing. A missing value stays
// missing, never 0: an empty cell, "NA", "s" (INSEE statistical secrecy), a
// sum with an empty term, a division by an empty or zero count.
//
// Bad input never throws past read_indicators: a file that cannot be read
// as a whole (no header, unknown columns) gives no rows and one problem;
// a bad row gives a problem located by file, line and column and is left
// out or keeps the values that could be read.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/problem.h"
#include "indicators/mapping.h"

namespace relais::indicators {

struct IndicatorRow {
  std::size_t line = 0;
  std::string code;                          // territory code, as validated for the mapping's level
  std::vector<std::optional<double>> values;  // parallel to Mapping::indicators
};

struct IndicatorFile {
  std::vector<IndicatorRow> rows;  // in file order, one per code (later duplicates are reported, not kept)
  Problems problems;
};

// `file_name` is only used to locate problems.
IndicatorFile read_indicators(std::istream& in, const Mapping& mapping, const std::string& file_name);

// A cell as a number: "12.5", "12,5" (decimal comma), " 7 "; nullopt for a
// missing value (empty, NA, N/A, nan, s, nd, n.d., -). Throws nothing;
// `unreadable` is set when the cell is neither.
std::optional<double> cell_value(std::string_view cell, bool& unreadable);

}  // namespace relais::indicators
