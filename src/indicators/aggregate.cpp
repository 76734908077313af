#include "indicators/aggregate.h"

#include <stdexcept>

namespace relais::indicators {

namespace {

struct WeightedSum {
  double weighted = 0, weights = 0;
  void add(double value, double weight) {
    weighted += value * weight;
    weights += weight;
  }
};

CodeValues means(const std::map<std::string, WeightedSum>& sums) {
  CodeValues out;
  for (const auto& [code, s] : sums) {
    if (s.weights > 0) out.emplace(code, s.weighted / s.weights);
  }
  return out;
}

// Whole communes that have arrondissements, and the arrondissements of each.
std::map<std::string, std::vector<const territory::Commune*>> arrondissements_by_commune(
    const territory::CommuneIndex& communes) {
  std::map<std::string, std::vector<const territory::Commune*>> out;
  for (const auto& c : communes.communes()) {
    if (c.commune_parente) out[*c.commune_parente].push_back(&c);
  }
  return out;
}

}  // namespace

bool is_iris_code(const std::string& code) {
  if (code.size() != 9) return false;
  for (std::size_t i = 5; i < 9; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  return true;
}

CodeValues iris_to_communes(const CodeValues& values, const CodeValues& population,
                            std::size_t* iris_without_population) {
  CodeValues out;
  std::map<std::string, WeightedSum> sums;
  std::size_t without = 0;
  for (const auto& [code, value] : values) {
    if (!is_iris_code(code)) {
      out[code] = value;
      continue;
    }
    auto p = population.find(code);
    if (p == population.end() || !(p->second > 0)) {
      ++without;
      continue;
    }
    sums[code.substr(0, 5)].add(value, p->second);
  }
  for (const auto& [code, mean] : means(sums)) out.emplace(code, mean);  // a commune's own value wins
  if (iris_without_population) *iris_without_population = without;
  return out;
}

CodeValues fill_whole_communes(const CodeValues& commune_values, const territory::CommuneIndex& communes) {
  CodeValues out = commune_values;
  for (const auto& [whole, parts] : arrondissements_by_commune(communes)) {
    if (out.contains(whole)) continue;
    WeightedSum s;
    for (const auto* a : parts) {
      auto it = commune_values.find(a->code_insee);
      if (it != commune_values.end() && a->population > 0) s.add(it->second, static_cast<double>(a->population));
    }
    if (s.weights > 0) out.emplace(whole, s.weighted / s.weights);
  }
  return out;
}

CodeValues aggregate_communes(const CodeValues& commune_values, const territory::CommuneIndex& communes,
                              territory::TerritoryLevel level) {
  using territory::TerritoryLevel;
  if (level == TerritoryLevel::Commune) return commune_values;
  const auto arrondissements = arrondissements_by_commune(communes);
  std::map<std::string, WeightedSum> sums;
  for (const auto& c : communes.communes()) {
    auto it = commune_values.find(c.code_insee);
    if (it == commune_values.end() || c.population <= 0) continue;
    // A whole commune counts through its arrondissements when any of them has a value.
    if (auto parts = arrondissements.find(c.code_insee); parts != arrondissements.end()) {
      bool any = false;
      for (const auto* a : parts->second) any = any || commune_values.contains(a->code_insee);
      if (any) continue;
    }
    std::optional<std::string> territory;
    switch (level) {
      case TerritoryLevel::Epci: territory = communes.epci_of(c.code_insee); break;
      case TerritoryLevel::Departement: territory = communes.departement_of(c.code_insee); break;
      case TerritoryLevel::Region: territory = communes.region_of(c.code_insee); break;
      case TerritoryLevel::Commune: break;
    }
    if (!territory || territory->empty()) continue;
    sums[*territory].add(it->second, static_cast<double>(c.population));
  }
  return means(sums);
}

std::optional<double> weighted_mean_of_present(const std::vector<std::optional<double>>& values,
                                               const std::vector<double>& weights, std::size_t minimum_present) {
  if (values.size() != weights.size()) throw std::invalid_argument("weighted_mean_of_present: sizes differ");
  WeightedSum s;
  std::size_t present = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    s.add(*values[i], weights[i]);
    ++present;
  }
  if (present == 0 || present < minimum_present || !(s.weights > 0)) return std::nullopt;
  return s.weighted / s.weights;
}

}  // namespace relais::indicators
