#include "indicators/resolve.h"

#include <algorithm>
#include <map>

namespace relais::indicators {

namespace {

// Every problem of resolve_codes is a warning about a code.
Problem code_warning(const std::string& file, std::size_t line, std::string code, std::string rule,
                     std::string message, Action action) {
  return located_problem(file, line, "code", std::move(code), std::move(rule), std::move(message), Severity::Warning,
                         action);
}

}  // namespace

Resolved resolve_codes(const IndicatorFile& file, const Mapping& mapping, const territory::CommuneIndex& communes,
                       const std::string& file_name) {
  Resolved out;
  if (mapping.iris) {
    // IRIS stay IRIS; their commune must be one of today's (or an
    // arrondissement). A former commune's IRIS cannot be placed: its code
    // would have to be renumbered inside the new commune, which only INSEE
    // does (the next IRIS file has them).
    for (const auto& row : file.rows) {
      const auto commune = row.code.substr(0, 5);
      if (communes.find(commune)) {
        out.rows.push_back({row.code, row.values, {row.code}});
      } else if (const territory::Commune* now = communes.find_commune(commune)) {
        out.problems.push_back(code_warning(file_name, row.line, row.code, "indicators.former_commune_iris",
                                            "IRIS of a former commune, now part of " + now->code_insee +
                                                ": left out (use an IRIS file of today's geography)",
                                            Action::RecordDropped));
      } else {
        out.problems.push_back(code_warning(file_name, row.line, row.code, "indicators.unknown_commune",
                                            "IRIS of no commune, current or former; row left out",
                                            Action::RecordDropped));
      }
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return out;
  }
  if (mapping.level != TerritoryLevel::Commune) {
    for (const auto& row : file.rows) out.rows.push_back({row.code, row.values, {row.code}});
    std::sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return out;
  }
  // Current code -> the file's rows for it: its own row (if any) and former communes' rows.
  struct Group {
    const IndicatorRow* own = nullptr;
    std::vector<const IndicatorRow*> former;
  };
  std::map<std::string, Group> groups;
  for (const auto& row : file.rows) {
    if (communes.find(row.code)) {
      groups[row.code].own = &row;
      continue;
    }
    if (const territory::Commune* now = communes.find_commune(row.code)) {
      groups[now->code_insee].former.push_back(&row);
      continue;
    }
    out.problems.push_back(code_warning(file_name, row.line, row.code, "indicators.unknown_commune",
                                   "no such commune, current or former; row left out", Action::RecordDropped));
  }
  for (auto& [code, group] : groups) {
    ResolvedRow resolved;
    resolved.code = code;
    if (group.former.empty()) {
      resolved.values = group.own->values;
      resolved.source_codes.push_back(group.own->code);
    } else {
      std::vector<const IndicatorRow*> merged_rows = group.former;
      if (group.own) merged_rows.insert(merged_rows.begin(), group.own);
      const std::size_t n = mapping.indicators.size();
      resolved.values.assign(n, std::nullopt);
      for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        std::size_t present = 0;
        for (const IndicatorRow* row : merged_rows) {
          if (row->values[i]) {
            sum += *row->values[i];
            ++present;
          }
        }
        if (present) resolved.values[i] = sum / static_cast<double>(present);
      }
      std::string merged;
      for (const IndicatorRow* row : merged_rows) {
        resolved.source_codes.push_back(row->code);
        merged += (merged.empty() ? "" : ", ") + row->code;
      }
      out.problems.push_back(code_warning(
          file_name, merged_rows.front()->line, merged, "indicators.former_commune",
          merged_rows.size() == 1
              ? "former commune code, counted in " + code
              : "former communes merged into " + code + ": their values are averaged without population weights",
          Action::None));
    }
    out.rows.push_back(std::move(resolved));
  }
  // Communes of today with no row at all (directly, through an arrondissement
  // or a former commune): one summary line, so a short file is noticed.
  std::size_t absent = 0;
  std::string examples;
  std::map<std::string, bool> parent_given;
  for (const auto& [code, group] : groups) {
    if (const territory::Commune* c = communes.find(code); c && c->commune_parente) parent_given[*c->commune_parente] = true;
  }
  for (const auto& c : communes.communes()) {
    if (c.commune_parente || groups.contains(c.code_insee) || parent_given.contains(c.code_insee)) continue;
    if (++absent <= 5) examples += (examples.empty() ? "" : ", ") + c.code_insee;
  }
  if (absent) {
    out.problems.push_back(located_problem(
        file_name, 0, "", absent > 5 ? examples + ", …" : examples, "indicators.missing_communes",
        std::to_string(absent) + " communes of today have no row in this file: their values are missing",
        Severity::Warning, Action::None));
  }
  return out;
}

}  // namespace relais::indicators
