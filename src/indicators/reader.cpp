#include "indicators/reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/csv.h"

namespace relais::indicators {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The code as the level writes it, or "" when it is not one. A commune code
// that lost its leading zero in a spreadsheet ("1001") gets it back.
std::string normalised_code(std::string_view raw, TerritoryLevel level);

// An IRIS code: a commune's code (5 characters) then 4 digits.
std::string normalised_iris_code(std::string_view raw) {
  std::string code(trim(raw));
  if (code.size() == 8 && all_digits(code)) code.insert(0, "0");  // a département 01–09 read as a number
  if (code.size() != 9 || !all_digits(code.substr(5))) return {};
  return normalised_code(code.substr(0, 5), TerritoryLevel::Commune).empty() ? std::string() : code;
}

std::string normalised_code(std::string_view raw, TerritoryLevel level) {
  std::string code(trim(raw));
  switch (level) {
    case TerritoryLevel::Commune:
      if (code.size() == 4 && all_digits(code)) code.insert(0, "0");
      if (code.size() != 5) return {};
      if (all_digits(code)) return code;
      if ((code.starts_with("2A") || code.starts_with("2B")) && all_digits(code.substr(2))) return code;
      return {};
    case TerritoryLevel::Epci:
      return code.size() == 9 && all_digits(code) ? code : std::string();
    case TerritoryLevel::Departement:
      if (code.size() == 1 && all_digits(code)) code.insert(0, "0");
      if (code == "2A" || code == "2B" || (code.size() == 2 && all_digits(code)) ||
          (code.size() == 3 && code.starts_with("97") && all_digits(code))) {
        return code;
      }
      return {};
    case TerritoryLevel::Region:
      if (code.size() == 1 && all_digits(code)) code.insert(0, "0");
      return code.size() == 2 && all_digits(code) ? code : std::string();
  }
  return {};
}

// Column indexes of one rule in the header.
struct ResolvedRule {
  std::vector<std::size_t> sum;
  std::optional<std::size_t> divide_by;
};

}  // namespace

std::optional<double> cell_value(std::string_view cell, bool& unreadable) {
  unreadable = false;
  cell = trim(cell);
  static constexpr std::string_view kMissing[] = {"", "NA", "N/A", "na", "n/a", "nan", "NaN", "NAN",
                                                  "s", "S", "nd", "ND", "n.d.", "-"};
  if (std::find(std::begin(kMissing), std::end(kMissing), cell) != std::end(kMissing)) return std::nullopt;
  std::string text(cell);
  if (std::count(text.begin(), text.end(), ',') == 1 && text.find('.') == std::string::npos) {
    text[text.find(',')] = '.';  // decimal comma
  }
  double value = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    unreadable = true;
    return std::nullopt;
  }
  return value;
}

IndicatorFile read_indicators(std::istream& in, const Mapping& mapping, const std::string& file_name) {
  IndicatorFile out;
  auto reject = [&](std::size_t line, std::string field, std::string rule, std::string message) {
    out.problems.push_back(located_problem(file_name, line, std::move(field), "", std::move(rule), std::move(message),
                                   Severity::Error, Action::FileRejected));
    out.rows.clear();
    return std::move(out);
  };

  std::vector<CsvRow> rows;
  try {
    rows = read_csv_rows(in, mapping.separator);
  } catch (const CsvError& e) {
    return reject(e.line(), "", "indicators.csv", std::string("malformed CSV: ") + e.what());
  }
  // The header: the first row on or after header_line (lines before it are
  // notes, like the ARCEP file's disclaimer).
  auto header_it = std::find_if(rows.begin(), rows.end(),
                                [&](const CsvRow& r) { return r.line >= mapping.header_line; });
  if (header_it == rows.end()) {
    return reject(mapping.header_line, "", "indicators.header",
                  "no header on line " + std::to_string(mapping.header_line) + " or after");
  }
  std::unordered_map<std::string, std::size_t> column_of;
  for (std::size_t i = 0; i < header_it->fields.size(); ++i) {
    column_of.emplace(std::string(trim(header_it->fields[i])), i);
  }
  auto column = [&](const std::string& name) -> std::optional<std::size_t> {
    auto it = column_of.find(name);
    if (it == column_of.end()) return std::nullopt;
    return it->second;
  };
  auto code_column = column(mapping.code_column);
  if (!code_column) {
    return reject(header_it->line, mapping.code_column, "indicators.column",
                  "column \"" + mapping.code_column + "\" (the territory code) is not in the header");
  }
  std::vector<ResolvedRule> rules;
  for (const auto& rule : mapping.indicators) {
    ResolvedRule resolved;
    std::vector<std::string> needed = rule.sum;
    if (rule.divide_by) needed.push_back(*rule.divide_by);
    for (const auto& name : needed) {
      if (!column(name)) {
        return reject(header_it->line, name, "indicators.column",
                      "column \"" + name + "\" (indicator " + rule.name + ") is not in the header");
      }
    }
    for (const auto& name : rule.sum) resolved.sum.push_back(*column(name));
    if (rule.divide_by) resolved.divide_by = *column(*rule.divide_by);
    rules.push_back(std::move(resolved));
  }

  std::unordered_map<std::string, std::size_t> line_of_code;
  const std::size_t width = header_it->fields.size();
  for (auto it = std::next(header_it); it != rows.end(); ++it) {
    const CsvRow& row = *it;
    if (row.fields.size() != width) {
      out.problems.push_back(located_problem(file_name, row.line, "", "", "indicators.columns",
                                     "expected " + std::to_string(width) + " columns, found " +
                                         std::to_string(row.fields.size()),
                                     Severity::Error, Action::RecordDropped));
      continue;
    }
    IndicatorRow parsed;
    parsed.line = row.line;
    parsed.code = mapping.iris ? normalised_iris_code(row.fields[*code_column])
                               : normalised_code(row.fields[*code_column], mapping.level);
    if (parsed.code.empty()) {
      out.problems.push_back(located_problem(file_name, row.line, mapping.code_column, row.fields[*code_column],
                                     "indicators.code", "not a territory code of this level", Severity::Error,
                                     Action::RecordDropped));
      continue;
    }
    if (auto [first, inserted] = line_of_code.emplace(parsed.code, row.line); !inserted) {
      out.problems.push_back(located_problem(file_name, row.line, mapping.code_column, parsed.code, "indicators.duplicate",
                                     "code already given on line " + std::to_string(first->second) +
                                         "; that first row is kept",
                                     Severity::Warning, Action::RecordDropped));
      continue;
    }
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const IndicatorRule& rule = mapping.indicators[r];
      auto read = [&](std::size_t index) -> std::optional<double> {
        bool unreadable = false;
        auto value = cell_value(row.fields[index], unreadable);
        if (unreadable) {
          out.problems.push_back(located_problem(file_name, row.line, std::string(trim(header_it->fields[index])),
                                         row.fields[index], "indicators.number",
                                         "not a number; kept as missing for " + rule.name, Severity::Warning,
                                         Action::FieldDropped));
        }
        return value;
      };
      std::optional<double> value = 0.0;
      for (std::size_t index : rules[r].sum) {
        auto term = read(index);
        value = value && term ? std::optional<double>(*value + *term) : std::nullopt;
      }
      if (value && rules[r].divide_by) {
        auto count = read(*rules[r].divide_by);
        value = count && *count != 0 ? std::optional<double>(*value / *count) : std::nullopt;
      }
      if (value) {
        *value *= rule.scale;
        if (rule.complement) *value = *rule.complement - *value;
      }
      parsed.values.push_back(value);
    }
    out.rows.push_back(std::move(parsed));
  }
  return out;
}

}  // namespace relais::indicators
