#include "indicators/index_engine.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "indicators/classes.h"

namespace relais::indicators {

std::string_view column_kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Score: return "score";
    case ColumnKind::Axis: return "axe";
    case ColumnKind::SubIndex: return "sous_indice";
    case ColumnKind::Total: return "total";
    case ColumnKind::Context: return "contexte";
  }
  return "?";
}

CodeValues IndexTable::column(std::size_t column) const {
  CodeValues out;
  const auto& v = values.at(column);
  for (std::size_t row = 0; row < codes.size(); ++row) {
    if (v[row]) out.emplace(codes[row], *v[row]);
  }
  return out;
}

std::size_t IndexResult::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  throw std::out_of_range("no column " + name + " in the index");
}

namespace {

using territory::CommuneIndex;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// The reference territory of a unit ("" for France); nullopt when the unit
// has none at that level (a commune outside any EPCI).
std::optional<std::string> reference_territory(const CommuneIndex& communes, const std::string& code,
                                               ReferenceLevel level) {
  switch (level) {
    case ReferenceLevel::France: return std::string();
    case ReferenceLevel::Region: return communes.region_of(code);
    case ReferenceLevel::Departement: return communes.departement_of(code);
    case ReferenceLevel::Epci: return communes.epci_of(code);
  }
  return std::nullopt;
}

// Scores of one indicator over its units (code -> value on communes).
CodeValues score(const IndexDefinition& d, const ScoredIndicator& indicator, const CodeValues& unit_values,
                 const CommuneIndex& communes) {
  CodeValues out;
  if (d.method == IndexMethod::Classes) {
    std::vector<std::string> codes;
    std::vector<std::optional<double>> values;
    for (const auto& [code, value] : unit_values) {
      codes.push_back(code);
      values.push_back(value);
    }
    auto classes = rank_classes(values, d.classes, indicator.higher_is_more_fragile);
    for (std::size_t i = 0; i < codes.size(); ++i) out.emplace(codes[i], *classes[i]);
    return out;
  }
  std::map<std::string, std::vector<double>> groups;
  std::map<std::string, std::string> territory_of;
  for (const auto& [code, value] : unit_values) {
    auto t = reference_territory(communes, is_iris_code(code) ? code.substr(0, 5) : code, d.reference_level);
    if (!t || (d.reference_level != ReferenceLevel::France && t->empty())) continue;
    groups[*t].push_back(value);
    territory_of.emplace(code, *t);
  }
  std::map<std::string, double> reference;
  for (const auto& [t, values] : groups) {
    reference[t] = indicator.reference == ReferenceStatistic::Median ? median(values) : mean(values);
  }
  for (const auto& [code, t] : territory_of) {
    const double value = unit_values.at(code), ref = reference.at(t);
    const double divisor = indicator.higher_is_more_fragile ? ref : value;
    if (divisor == 0) continue;  // no score rather than an infinite one
    out.emplace(code, indicator.higher_is_more_fragile ? 100 * value / ref : 100 * ref / value);
  }
  return out;
}

}  // namespace

IndexResult compute_index(const IndexDefinition& d, const IndexInputs& inputs) {
  if (!inputs.communes) throw std::invalid_argument("compute_index: no commune index");
  const CommuneIndex& communes = *inputs.communes;
  for (const auto& ref : d.inputs()) {
    if (!inputs.values.contains(ref.spec())) {
      throw std::runtime_error("input " + ref.spec() + " of index " + d.name + " not given");
    }
  }
  std::map<std::string, const CodeValues*> population_of_set;
  for (const auto& p : d.populations) population_of_set[p.set] = &inputs.values.at(p.spec());

  // Scoring units: communes and arrondissements; whole communes with arrondissements apart.
  std::set<std::string> whole_with_arrondissements;
  std::map<std::string, std::vector<std::string>> arrondissements;
  for (const auto& c : communes.communes()) {
    if (!c.commune_parente) continue;
    whole_with_arrondissements.insert(*c.commune_parente);
    arrondissements[*c.commune_parente].push_back(c.code_insee);
  }

  IndexResult result;
  for (const auto& c : communes.communes()) {
    if (!whole_with_arrondissements.contains(c.code_insee)) ++result.units;
  }

  // The units of one input with their values: communes and arrondissements
  // (IRIS averaged into them by population), or with `keep_iris` the IRIS
  // themselves in place of their commune. `population` receives the IRIS
  // population of the input's set (null without IRIS).
  auto on_units = [&](const InputRef& ref, InputCoverage& coverage, bool keep_iris, const CodeValues** population) {
    const CodeValues& raw = inputs.values.at(ref.spec());
    const bool has_iris = std::any_of(raw.begin(), raw.end(), [](const auto& kv) { return is_iris_code(kv.first); });
    *population = nullptr;
    CodeValues on_communes;
    CodeValues iris;  // kept IRIS units
    if (has_iris) {
      auto pop = population_of_set.find(ref.set);
      if (pop == population_of_set.end()) {
        throw std::runtime_error("input " + ref.spec() + " has IRIS values and the definition gives no population "
                                 "for set " + ref.set + " (\"population\": \"" + ref.set + ":INDICATOR\")");
      }
      *population = pop->second;
      on_communes = iris_to_communes(raw, *pop->second, &coverage.iris_without_population);
      if (keep_iris) {
        for (const auto& [code, value] : raw) {
          if (!is_iris_code(code)) continue;
          auto p = pop->second->find(code);
          if (p != pop->second->end() && p->second > 0 && communes.find(code.substr(0, 5))) iris.emplace(code, value);
        }
      }
    } else {
      on_communes = raw;
    }
    CodeValues units;
    std::size_t communes_with_value = 0;
    for (const auto& c : communes.communes()) {
      auto it = on_communes.find(c.code_insee);
      if (it == on_communes.end()) continue;
      if (whole_with_arrondissements.contains(c.code_insee)) {
        const auto& parts = arrondissements[c.code_insee];
        if (std::any_of(parts.begin(), parts.end(), [&](const auto& a) { return on_communes.contains(a); })) continue;
      }
      ++communes_with_value;
      if (raw.contains(c.code_insee) || !keep_iris) units.emplace(c.code_insee, it->second);
    }
    for (const auto& [code, value] : iris) {
      if (!raw.contains(code.substr(0, 5))) units.emplace(code, value);  // a commune's own value wins
    }
    coverage.units_with_value = communes_with_value;
    coverage.units_missing = result.units > communes_with_value ? result.units - communes_with_value : 0;
    return units;
  };

  // Columns: scores, axes, sub-indices, total, context.
  std::vector<CodeValues> column_values;
  const bool score_iris = d.iris_aggregation == IrisAggregation::Scores;
  for (const auto& s : d.indicators) {
    InputCoverage coverage{s.name, s.input.spec()};
    const CodeValues* population = nullptr;
    const CodeValues units = on_units(s.input, coverage, score_iris, &population);
    result.columns.push_back({s.name, s.label, ColumnKind::Score});
    CodeValues scores = score(d, s, units, communes);
    if (score_iris && population) scores = iris_to_communes(scores, *population);
    column_values.push_back(std::move(scores));
    result.coverage.push_back(coverage);
  }
  const std::size_t n_scores = d.indicators.size();

  // Every code of the commune table, each with its scores.
  std::vector<std::string> codes;
  for (const auto& c : communes.communes()) codes.push_back(c.code_insee);
  std::sort(codes.begin(), codes.end());
  auto value_at = [](const CodeValues& column, const std::string& code) -> std::optional<double> {
    auto it = column.find(code);
    return it == column.end() ? std::nullopt : std::optional<double>(it->second);
  };

  for (const auto& axis : d.axes) {
    CodeValues values;
    for (const auto& code : codes) {
      std::vector<std::optional<double>> scores;
      std::vector<double> weights;
      for (std::size_t i = 0; i < n_scores; ++i) {
        if (d.indicators[i].axis != axis.name) continue;
        scores.push_back(value_at(column_values[i], code));
        weights.push_back(d.indicators[i].weight);
      }
      if (auto m = weighted_mean_of_present(scores, weights, 1)) values.emplace(code, *m);
    }
    result.columns.push_back({axis.name, axis.label, ColumnKind::Axis});
    column_values.push_back(std::move(values));
  }
  auto column_named = [&](const std::string& name) -> const CodeValues& {
    for (std::size_t i = 0; i < result.columns.size(); ++i) {
      if (result.columns[i].name == name) return column_values[i];
    }
    throw std::logic_error("no column " + name);
  };
  auto weighted = [&](const std::vector<std::pair<std::string, double>>& parts, const std::string& code,
                      std::size_t minimum) {
    std::vector<std::optional<double>> values;
    std::vector<double> weights;
    for (const auto& [name, weight] : parts) {
      values.push_back(value_at(column_named(name), code));
      weights.push_back(weight);
    }
    return weighted_mean_of_present(values, weights, minimum);
  };
  for (const auto& sub : d.sub_indices) {
    CodeValues values;
    for (const auto& code : codes) {
      if (auto m = weighted(sub.weights, code, sub.weights.size())) values.emplace(code, *m);
    }
    result.columns.push_back({sub.name, sub.label, ColumnKind::SubIndex});
    column_values.push_back(std::move(values));
  }
  {
    std::vector<std::pair<std::string, double>> parts = d.total_weights;
    if (parts.empty()) {
      for (const auto& s : d.indicators) parts.emplace_back(s.name, s.weight);
    }
    CodeValues values;
    for (const auto& code : codes) {
      if (auto m = weighted(parts, code, d.minimum_present)) values.emplace(code, *m);
    }
    result.columns.push_back({"total", d.label, ColumnKind::Total});
    column_values.push_back(std::move(values));
  }
  for (const auto& c : d.context) {
    InputCoverage coverage{c.name, c.input.spec()};
    result.columns.push_back({c.name, c.label, ColumnKind::Context});
    const CodeValues* population = nullptr;
    column_values.push_back(on_units(c.input, coverage, false, &population));
    result.coverage.push_back(coverage);
  }

  // Whole communes from their arrondissements, then the aggregate levels.
  for (auto& column : column_values) column = fill_whole_communes(column, communes);
  const auto& total = column_values[result.column_index("total")];
  for (const auto& c : communes.communes()) {
    if (!whole_with_arrondissements.contains(c.code_insee) && total.contains(c.code_insee)) ++result.units_with_total;
  }

  auto make_table = [&](territory::TerritoryLevel level) {
    IndexTable table;
    table.level = level;
    std::vector<CodeValues> columns;
    std::set<std::string> rows;
    for (const auto& column : column_values) {
      columns.push_back(level == territory::TerritoryLevel::Commune ? column
                                                                    : aggregate_communes(column, communes, level));
      for (const auto& [code, v] : columns.back()) rows.insert(code);
    }
    if (level == territory::TerritoryLevel::Commune) rows.insert(codes.begin(), codes.end());
    table.codes.assign(rows.begin(), rows.end());
    for (const auto& column : columns) {
      std::vector<std::optional<double>> v;
      v.reserve(table.codes.size());
      for (const auto& code : table.codes) v.push_back(value_at(column, code));
      table.values.push_back(std::move(v));
    }
    return table;
  };
  result.communes = make_table(territory::TerritoryLevel::Commune);
  result.epci = make_table(territory::TerritoryLevel::Epci);
  result.departements = make_table(territory::TerritoryLevel::Departement);
  result.regions = make_table(territory::TerritoryLevel::Region);
  return result;
}

}  // namespace relais::indicators
