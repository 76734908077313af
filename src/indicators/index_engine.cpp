#include "indicators/index_engine.h"

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

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
    if (v[row]) out.emplace_hint(out.end(), codes[row], *v[row]);  // codes are sorted
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
using territory::TerritoryLevel;

// A column of the computation: one optional value per commune, indexed by
// the commune's position in CommuneIndex::communes().
using Column = std::vector<std::optional<double>>;

struct WeightedSum {
  double weighted = 0, weights = 0;
  void add(double value, double weight) {
    weighted += value * weight;
    weights += weight;
  }
};

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

// A whole commune with arrondissements (75056, 69123, 13055) and the
// positions of its arrondissements, in the order of the commune index.
struct WholeCommune {
  std::string code;
  std::optional<std::size_t> position;  // none when the whole commune is not in the index
  std::vector<std::size_t> parts;
};

// What every step needs about the communes, computed once per call.
class Layout {
 public:
  explicit Layout(const CommuneIndex& communes) : communes_(communes), n_(communes.size()) {
    const auto all = communes.communes();
    // Positions in code order; codes of up to 8 bytes compare as integers.
    struct Key {
      std::uint64_t prefix;
      std::uint32_t position;
    };
    std::vector<Key> keys(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      std::uint64_t prefix = 0;
      const std::string& code = all[i].code_insee;
      for (std::size_t b = 0; b < 8; ++b) {
        prefix = (prefix << 8) | (b < code.size() ? static_cast<unsigned char>(code[b]) : 0u);
      }
      keys[i] = {prefix, static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      const std::string& ca = all[a.position].code_insee;
      const std::string& cb = all[b.position].code_insee;
      return ca != cb ? ca < cb : a.position < b.position;
    });
    sorted_.reserve(n_);
    for (const auto& k : keys) sorted_.push_back(k.position);

    std::map<std::string, std::size_t> whole_by_code;
    for (std::size_t i = 0; i < n_; ++i) {
      if (!all[i].commune_parente) continue;
      auto [it, added] = whole_by_code.try_emplace(*all[i].commune_parente, wholes_.size());
      if (added) wholes_.push_back({*all[i].commune_parente, std::nullopt, {}});
      wholes_[it->second].parts.push_back(i);
    }
    whole_of_.assign(n_, -1);
    parent_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i) parent_[i] = i;
    for (std::size_t w = 0; w < wholes_.size(); ++w) {
      if (const auto* c = communes.find(wholes_[w].code)) {
        const auto p = static_cast<std::size_t>(c - all.data());
        wholes_[w].position = p;
        whole_of_[p] = static_cast<int>(w);
        for (std::size_t a : wholes_[w].parts) parent_[a] = p;  // CommuneIndex::find_commune
      }
    }
  }

  std::size_t size() const { return n_; }
  const CommuneIndex& communes() const { return communes_; }
  const std::string& code(std::size_t position) const { return communes_.communes()[position].code_insee; }
  const std::vector<std::uint32_t>& sorted() const { return sorted_; }
  const std::vector<WholeCommune>& wholes() const { return wholes_; }
  // The index of the whole commune at this position in wholes(), -1 when none.
  int whole_of(std::size_t position) const { return whole_of_[position]; }
  std::optional<std::size_t> find(const std::string& code) const {
    const auto* c = communes_.find(code);
    if (!c) return std::nullopt;
    return static_cast<std::size_t>(c - communes_.communes().data());
  }

  // The values of a code-keyed input at each position (exact codes, one
  // merge of two sorted sequences); codes of no commune of the index that are
  // IRIS codes go to `iris` (in code order) when given. `has_iris` (when
  // given) receives whether any code is an IRIS code.
  Column read(const CodeValues& values, std::vector<std::pair<const std::string*, double>>* iris,
              bool* has_iris = nullptr) const {
    Column out(n_);
    bool any_iris = false;
    auto it = values.begin();
    std::size_t k = 0;
    while (it != values.end()) {
      int order = -1;
      if (k < sorted_.size()) order = it->first.compare(code(sorted_[k]));
      if (k < sorted_.size() && order > 0) {
        ++k;
        continue;
      }
      if (order == 0) {
        out[sorted_[k]] = it->second;
        any_iris = any_iris || is_iris_code(it->first);
        ++k;
      } else if (is_iris_code(it->first)) {
        any_iris = true;
        if (iris) iris->emplace_back(&it->first, it->second);
      }
      ++it;
    }
    if (has_iris) *has_iris = any_iris;
    return out;
  }

  // Territories of one level: the id of each position's territory (-1 for
  // none: no EPCI, or an empty code), ids in code order. A position counts
  // for the territory of its commune (arrondissements through theirs).
  struct Territories {
    std::vector<std::string> codes;  // by id, sorted
    std::vector<int> of;             // by position
  };
  Territories territories(TerritoryLevel level) const {
    Territories t;
    t.of.assign(n_, -1);
    const auto all = communes_.communes();
    std::unordered_map<std::string_view, int> ids;
    std::vector<std::string_view> seen;
    for (std::size_t i = 0; i < n_; ++i) {
      const auto& c = all[parent_[i]];
      std::string_view code;
      switch (level) {
        case TerritoryLevel::Epci:
          if (!c.code_epci) continue;
          code = *c.code_epci;
          break;
        case TerritoryLevel::Departement: code = c.code_departement; break;
        case TerritoryLevel::Region: code = c.code_region; break;
        case TerritoryLevel::Commune: code = c.code_insee; break;
      }
      if (code.empty()) continue;
      auto [it, added] = ids.try_emplace(code, static_cast<int>(seen.size()));
      if (added) seen.push_back(code);
      t.of[i] = it->second;
    }
    std::vector<int> by_code(seen.size());
    for (std::size_t i = 0; i < seen.size(); ++i) by_code[i] = static_cast<int>(i);
    std::sort(by_code.begin(), by_code.end(), [&](int a, int b) { return seen[a] < seen[b]; });
    std::vector<int> rank(seen.size());
    for (std::size_t r = 0; r < by_code.size(); ++r) {
      rank[by_code[r]] = static_cast<int>(r);
      t.codes.emplace_back(seen[by_code[r]]);
    }
    for (int& id : t.of) {
      if (id >= 0) id = rank[id];
    }
    return t;
  }

 private:
  const CommuneIndex& communes_;
  std::size_t n_;
  std::vector<std::uint32_t> sorted_;
  std::vector<WholeCommune> wholes_;
  std::vector<int> whole_of_;
  std::vector<std::size_t> parent_;  // position of the commune whose memberships count
};

// An IRIS scored in place of its commune.
struct IrisUnit {
  const std::string* code;
  std::size_t commune;  // position of its commune
  double value;
};

// The scoring units of one input: communes and arrondissements by position,
// and the IRIS kept as units (in code order).
struct Units {
  Column communes;
  std::vector<IrisUnit> iris;
};

// Calls f(value, commune position, IRIS unit or null) for every unit in code
// order (an IRIS code sorts right after its commune's), the order of the
// code-keyed maps this engine used to hold, so sums add up in the same order.
template <typename F>
void for_each_unit(const Layout& layout, const Units& units, F&& f) {
  auto iris = units.iris.begin();
  for (std::uint32_t p : layout.sorted()) {
    if (units.communes[p]) f(*units.communes[p], p, static_cast<const IrisUnit*>(nullptr));
    while (iris != units.iris.end() && iris->commune == p) {
      f(iris->value, iris->commune, &*iris);
      ++iris;
    }
  }
  for (; iris != units.iris.end(); ++iris) f(iris->value, iris->commune, &*iris);  // not reached: kept IRIS have a commune
}

// The scores of one indicator over its units: on communes by position, and
// for IRIS units (in code order) in `iris_scores`.
Column score(const IndexDefinition& d, const ScoredIndicator& indicator, const Units& units, const Layout& layout,
             std::vector<std::pair<const std::string*, double>>& iris_scores) {
  Column out(layout.size());
  iris_scores.clear();
  auto put = [&](std::size_t position, const IrisUnit* iris, double score) {
    if (iris) iris_scores.emplace_back(iris->code, score);
    else out[position] = score;
  };
  if (d.method == IndexMethod::Classes) {
    std::vector<std::optional<double>> values;
    std::vector<std::pair<std::size_t, const IrisUnit*>> where;
    for_each_unit(layout, units, [&](double value, std::size_t position, const IrisUnit* iris) {
      values.emplace_back(value);
      where.emplace_back(position, iris);
    });
    const auto classes = rank_classes(values, d.classes, indicator.higher_is_more_fragile);
    for (std::size_t i = 0; i < where.size(); ++i) put(where[i].first, where[i].second, *classes[i]);
    return out;
  }
  // Ratio: the units grouped by reference territory (France: one group).
  Layout::Territories territories;
  if (d.reference_level != ReferenceLevel::France) {
    territories = layout.territories(d.reference_level == ReferenceLevel::Region ? TerritoryLevel::Region
                                     : d.reference_level == ReferenceLevel::Departement ? TerritoryLevel::Departement
                                                                                          : TerritoryLevel::Epci);
  }
  const std::size_t groups_count = d.reference_level == ReferenceLevel::France ? 1 : territories.codes.size();
  auto group_of = [&](std::size_t position) {
    return d.reference_level == ReferenceLevel::France ? 0 : territories.of[position];
  };
  std::vector<std::vector<double>> groups(groups_count);
  for_each_unit(layout, units, [&](double value, std::size_t position, const IrisUnit*) {
    if (const int g = group_of(position); g >= 0) groups[g].push_back(value);
  });
  std::vector<double> reference(groups_count);
  for (std::size_t g = 0; g < groups_count; ++g) {
    if (groups[g].empty()) continue;
    reference[g] = indicator.reference == ReferenceStatistic::Median ? median(groups[g]) : mean(groups[g]);
  }
  for_each_unit(layout, units, [&](double value, std::size_t position, const IrisUnit* iris) {
    const int g = group_of(position);
    if (g < 0) return;
    const double ref = reference[g];
    const double divisor = indicator.higher_is_more_fragile ? ref : value;
    if (divisor == 0) return;  // no score rather than an infinite one
    put(position, iris, indicator.higher_is_more_fragile ? 100 * value / ref : 100 * ref / value);
  });
  return out;
}

// IRIS values (code order) averaged by population into the communes of the
// column that have no value of their own (aggregate.h, iris_to_communes).
// Returns how many IRIS were left out for want of a population > 0.
std::size_t add_iris_means(Column& column, const std::vector<std::pair<const std::string*, double>>& iris,
                           const CodeValues& population, const Layout& layout) {
  std::map<std::string, WeightedSum> sums;
  std::size_t without = 0;
  for (const auto& [code, value] : iris) {
    auto p = population.find(*code);
    if (p == population.end() || !(p->second > 0)) {
      ++without;
      continue;
    }
    sums[code->substr(0, 5)].add(value, p->second);
  }
  for (const auto& [code, s] : sums) {
    if (!(s.weights > 0)) continue;
    if (auto position = layout.find(code); position && !column[*position]) column[*position] = s.weighted / s.weights;
  }
  return without;
}

// The value of a whole commune without one of its own: the population-
// weighted mean of its arrondissements' (aggregate.h, fill_whole_communes).
std::optional<double> from_arrondissements(const Column& column, const WholeCommune& whole,
                                           std::span<const territory::Commune> all) {
  WeightedSum s;
  for (std::size_t a : whole.parts) {
    if (column[a] && all[a].population > 0) s.add(*column[a], static_cast<double>(all[a].population));
  }
  if (s.weights > 0) return s.weighted / s.weights;
  return std::nullopt;
}

}  // namespace

IndexResult compute_index(const IndexDefinition& d, const IndexInputs& inputs, IndexLevels levels) {
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
  const Layout layout(communes);
  const auto all = communes.communes();
  const std::size_t n = layout.size();
  auto is_whole = [&](std::size_t position) { return layout.whole_of(position) >= 0; };

  IndexResult result;
  for (std::size_t p = 0; p < n; ++p) {
    if (!is_whole(p)) ++result.units;
  }
  // Whole communes only counted on an indicator none of their arrondissements has.
  auto through_arrondissements = [&](const Column& column, std::size_t position) {
    const int w = layout.whole_of(position);
    if (w < 0) return false;
    const auto& parts = layout.wholes()[w].parts;
    return std::any_of(parts.begin(), parts.end(), [&](std::size_t a) { return column[a].has_value(); });
  };

  // The units of one input with their values: communes and arrondissements
  // (IRIS averaged into them by population), or with `keep_iris` the IRIS
  // themselves in place of their commune. `population` receives the IRIS
  // population of the input's set (null without IRIS).
  std::vector<std::pair<const std::string*, double>> raw_iris;
  auto on_units = [&](const InputRef& ref, InputCoverage& coverage, bool keep_iris, const CodeValues** population) {
    const CodeValues& raw = inputs.values.at(ref.spec());
    raw_iris.clear();
    bool has_iris = false;
    const Column own = layout.read(raw, &raw_iris, &has_iris);  // the communes' own values
    *population = nullptr;
    Units units;
    Column on_communes = own;
    if (has_iris) {
      auto pop = population_of_set.find(ref.set);
      if (pop == population_of_set.end()) {
        throw std::runtime_error("input " + ref.spec() + " has IRIS values and the definition gives no population "
                                 "for set " + ref.set + " (\"population\": \"" + ref.set + ":INDICATOR\")");
      }
      *population = pop->second;
      coverage.iris_without_population = add_iris_means(on_communes, raw_iris, *pop->second, layout);
      if (keep_iris) {
        for (const auto& [code, value] : raw_iris) {
          auto p = pop->second->find(*code);
          if (p == pop->second->end() || !(p->second > 0)) continue;
          const auto commune = layout.find(code->substr(0, 5));
          if (commune && !own[*commune]) units.iris.push_back({code, *commune, value});  // a commune's own value wins
        }
      }
    }
    units.communes.resize(n);
    std::size_t communes_with_value = 0;
    for (std::size_t p = 0; p < n; ++p) {
      if (!on_communes[p] || through_arrondissements(on_communes, p)) continue;
      ++communes_with_value;
      if (own[p] || !keep_iris) units.communes[p] = on_communes[p];
    }
    coverage.units_with_value = communes_with_value;
    coverage.units_missing = result.units > communes_with_value ? result.units - communes_with_value : 0;
    return units;
  };

  // Columns: scores, axes, sub-indices, total, context.
  std::vector<Column> column_values;
  const bool score_iris = d.iris_aggregation == IrisAggregation::Scores;
  std::vector<std::pair<const std::string*, double>> iris_scores;
  for (const auto& s : d.indicators) {
    InputCoverage coverage{s.name, s.input.spec()};
    const CodeValues* population = nullptr;
    const Units units = on_units(s.input, coverage, score_iris, &population);
    result.columns.push_back({s.name, s.label, ColumnKind::Score});
    Column scores = score(d, s, units, layout, iris_scores);
    if (score_iris && population) add_iris_means(scores, iris_scores, *population, layout);
    column_values.push_back(std::move(scores));
    result.coverage.push_back(coverage);
  }
  const std::size_t n_scores = d.indicators.size();

  // Weighted means of present columns, commune by commune.
  std::vector<std::optional<double>> parts_values;
  auto weighted_column = [&](const std::vector<std::size_t>& parts, const std::vector<double>& weights,
                             std::size_t minimum) {
    Column out(n);
    for (std::size_t p = 0; p < n; ++p) {
      parts_values.clear();
      for (std::size_t c : parts) parts_values.push_back(column_values[c][p]);
      out[p] = weighted_mean_of_present(parts_values, weights, minimum);
    }
    return out;
  };
  for (const auto& axis : d.axes) {
    std::vector<std::size_t> parts;
    std::vector<double> weights;
    for (std::size_t i = 0; i < n_scores; ++i) {
      if (d.indicators[i].axis != axis.name) continue;
      parts.push_back(i);
      weights.push_back(d.indicators[i].weight);
    }
    Column values = weighted_column(parts, weights, 1);
    result.columns.push_back({axis.name, axis.label, ColumnKind::Axis});
    column_values.push_back(std::move(values));
  }
  auto columns_of = [&](const std::vector<std::pair<std::string, double>>& named, std::vector<std::size_t>& parts,
                        std::vector<double>& weights) {
    for (const auto& [name, weight] : named) {
      std::size_t i = 0;
      while (i < result.columns.size() && result.columns[i].name != name) ++i;
      if (i == result.columns.size()) throw std::logic_error("no column " + name);
      parts.push_back(i);
      weights.push_back(weight);
    }
  };
  for (const auto& sub : d.sub_indices) {
    std::vector<std::size_t> parts;
    std::vector<double> weights;
    columns_of(sub.weights, parts, weights);
    Column values = weighted_column(parts, weights, sub.weights.size());
    result.columns.push_back({sub.name, sub.label, ColumnKind::SubIndex});
    column_values.push_back(std::move(values));
  }
  {
    std::vector<std::pair<std::string, double>> named = d.total_weights;
    if (named.empty()) {
      for (const auto& s : d.indicators) named.emplace_back(s.name, s.weight);
    }
    std::vector<std::size_t> parts;
    std::vector<double> weights;
    columns_of(named, parts, weights);
    Column values = weighted_column(parts, weights, d.minimum_present);
    result.columns.push_back({"total", d.label, ColumnKind::Total});
    column_values.push_back(std::move(values));
  }
  for (const auto& c : d.context) {
    InputCoverage coverage{c.name, c.input.spec()};
    result.columns.push_back({c.name, c.label, ColumnKind::Context});
    const CodeValues* population = nullptr;
    column_values.push_back(on_units(c.input, coverage, false, &population).communes);
    result.coverage.push_back(coverage);
  }

  // Whole communes from their arrondissements (a whole commune missing from
  // the index still gets a row when it gets a value).
  const auto& wholes = layout.wholes();
  std::vector<std::vector<std::optional<double>>> outside(wholes.size());  // [whole][column], whole not in the index
  for (std::size_t col = 0; col < column_values.size(); ++col) {
    Column& column = column_values[col];
    for (std::size_t w = 0; w < wholes.size(); ++w) {
      if (wholes[w].position) {
        if (!column[*wholes[w].position]) column[*wholes[w].position] = from_arrondissements(column, wholes[w], all);
      } else {
        outside[w].push_back(from_arrondissements(column, wholes[w], all));
      }
    }
  }
  const Column& total = column_values[result.column_index("total")];
  for (std::size_t p = 0; p < n; ++p) {
    if (!is_whole(p) && total[p]) ++result.units_with_total;
  }

  // The commune table: every code of the index, in code order.
  {
    IndexTable& table = result.communes;
    table.level = TerritoryLevel::Commune;
    std::vector<std::size_t> extra;  // wholes outside the index with a value, in code order
    for (std::size_t w = 0; w < wholes.size(); ++w) {
      if (!wholes[w].position && std::any_of(outside[w].begin(), outside[w].end(), [](const auto& v) { return v; })) {
        extra.push_back(w);
      }
    }
    std::sort(extra.begin(), extra.end(), [&](std::size_t a, std::size_t b) { return wholes[a].code < wholes[b].code; });
    // Rows: (position or whole index, from the index?) merged in code order.
    std::vector<std::pair<std::size_t, bool>> rows;
    rows.reserve(n + extra.size());
    auto e = extra.begin();
    for (std::uint32_t p : layout.sorted()) {
      for (; e != extra.end() && wholes[*e].code < layout.code(p); ++e) rows.emplace_back(*e, false);
      if (e != extra.end() && wholes[*e].code == layout.code(p)) ++e;
      rows.emplace_back(p, true);
    }
    for (; e != extra.end(); ++e) rows.emplace_back(*e, false);
    table.codes.reserve(rows.size());
    std::string_view last;
    std::vector<std::pair<std::size_t, bool>> unique_rows;
    unique_rows.reserve(rows.size());
    for (const auto& [i, in_index] : rows) {
      const std::string& code = in_index ? layout.code(i) : wholes[i].code;
      if (!table.codes.empty() && code == last) continue;  // a code twice in the index: one row, as a set gives
      table.codes.push_back(code);
      last = table.codes.back();
      unique_rows.emplace_back(i, in_index);
    }
    table.values.resize(column_values.size());
    for (std::size_t col = 0; col < column_values.size(); ++col) {
      auto& out = table.values[col];
      out.reserve(unique_rows.size());
      for (const auto& [i, in_index] : unique_rows) out.push_back(in_index ? column_values[col][i] : outside[i][col]);
    }
  }
  if (levels == IndexLevels::CommunesOnly) {
    result.epci.level = TerritoryLevel::Epci;
    result.departements.level = TerritoryLevel::Departement;
    result.regions.level = TerritoryLevel::Region;
    return result;
  }

  // EPCI, département, région: population-weighted means of their communes,
  // one pass over the communes per column; the arrondissements count for
  // their commune's territory, and the whole commune then not again.
  auto make_table = [&](TerritoryLevel level) {
    IndexTable table;
    table.level = level;
    const auto territories = layout.territories(level);
    const std::size_t m = territories.codes.size();
    std::vector<std::vector<WeightedSum>> sums(column_values.size(), std::vector<WeightedSum>(m));
    std::vector<char> has_row(m, 0);
    for (std::size_t col = 0; col < column_values.size(); ++col) {
      const Column& column = column_values[col];
      auto& s = sums[col];
      for (std::size_t p = 0; p < n; ++p) {
        const int t = territories.of[p];
        if (t < 0 || !column[p] || all[p].population <= 0 || through_arrondissements(column, p)) continue;
        s[t].add(*column[p], static_cast<double>(all[p].population));
      }
      for (std::size_t t = 0; t < m; ++t) {
        if (s[t].weights > 0) has_row[t] = 1;
      }
    }
    std::vector<std::size_t> rows;
    for (std::size_t t = 0; t < m; ++t) {
      if (has_row[t]) {
        rows.push_back(t);
        table.codes.push_back(territories.codes[t]);
      }
    }
    for (const auto& s : sums) {
      std::vector<std::optional<double>> v;
      v.reserve(rows.size());
      for (std::size_t t : rows) {
        v.push_back(s[t].weights > 0 ? std::optional<double>(s[t].weighted / s[t].weights) : std::nullopt);
      }
      table.values.push_back(std::move(v));
    }
    return table;
  };
  result.epci = make_table(TerritoryLevel::Epci);
  result.departements = make_table(TerritoryLevel::Departement);
  result.regions = make_table(TerritoryLevel::Region);
  return result;
}

}  // namespace relais::indicators
