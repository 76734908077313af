// Computes an index of digital fragility from its definition and the input
// indicators (issue 4, "The index"). Pure: no store, no files; the CLI
// (`relais indice calculer`) loads the inputs from the store and saves the
// result, a benchmark can call it directly. Formulas: docs/index.md.
//
// Steps, per scored indicator: the units scored are the communes of the
// index, with the arrondissements of Paris, Lyon and Marseille in place of
// their commune (the whole commune is a unit only for an indicator none of
// its arrondissements has); IRIS values are averaged into their commune by
// population first (aggregate.h), or, with iris_aggregation "scores", the
// IRIS are units in place of their commune and their scores are averaged
// into it by population afterwards; then
//   - classes: class 1..N by rank over the units with a value (classes.h,
//     ties share a class, 10 = most fragile after the direction);
//   - ratio: 100 × value / reference (reference ÷ value when lower is more
//     fragile), reference = mean or median of the units of the same
//     reference territory (France, région, département or EPCI of the unit);
//     no score when the reference or the value it divides by is 0.
// Axes = weighted mean of their present scores; sub-indices and the total =
// weighted mean of their present components when at least the required
// number are present (all for sub-indices, minimum_present for the total).
// Context indicators are carried through unscored. Whole communes with
// arrondissements get the population-weighted mean of their arrondissements
// for every column; EPCI, département and région get the population-weighted
// mean of their communes, column by column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicators/aggregate.h"
#include "indicators/index_definition.h"
#include "territory/commune.h"

namespace relais::indicators {

struct IndexInputs {
  const territory::CommuneIndex* communes = nullptr;  // required, not owned
  // "SET:INDICATOR" -> code -> value; a code without a value is absent.
  std::map<std::string, CodeValues> values;
};

enum class ColumnKind { Score, Axis, SubIndex, Total, Context };
std::string_view column_kind_name(ColumnKind kind);  // "score", "axe", "sous_indice", "total", "contexte"

struct IndexColumn {
  std::string name;   // score: the indicator's name; "total" for the total
  std::string label;
  ColumnKind kind;
};

// One level of the result: rows = territory codes (sorted), values[column][row].
struct IndexTable {
  territory::TerritoryLevel level = territory::TerritoryLevel::Commune;
  std::vector<std::string> codes;
  std::vector<std::vector<std::optional<double>>> values;

  // The column's values by code, missing left out.
  CodeValues column(std::size_t column) const;
};

// What each scored or context input gave.
struct InputCoverage {
  std::string name;   // column name
  std::string input;  // SET:INDICATOR
  std::size_t units_with_value = 0;  // scoring units (communes, arrondissements) with a value
  std::size_t units_missing = 0;     // scoring units without one
  std::size_t iris_without_population = 0;
};

struct IndexResult {
  std::vector<IndexColumn> columns;  // scores, axes, sub-indices, total, context (this order)
  IndexTable communes;       // every commune and arrondissement of the index
  IndexTable epci, departements, regions;
  std::vector<InputCoverage> coverage;  // scored indicators then context, in definition order
  std::size_t units = 0;                // scoring units
  std::size_t units_with_total = 0;

  std::size_t column_index(const std::string& name) const;  // throws std::out_of_range
};

// Which tables compute_index fills: all four levels (what `relais indice
// calculer` saves), or the communes only (epci, departements and regions
// left empty), for a caller that needs the commune level alone (the
// diagnosis of every commune) and should not pay for the aggregation.
enum class IndexLevels { All, CommunesOnly };

// Throws std::invalid_argument when inputs.communes is null, and
// std::runtime_error naming the input when one of definition.inputs() is not
// in inputs.values, or a set has IRIS values and no population in the definition.
// Cost: linear in the communes and the input values per column, plus one
// sort per scored indicator (classes) or per reference group (median); the
// columns are held by the commune's position in the index, not by code.
IndexResult compute_index(const IndexDefinition& definition, const IndexInputs& inputs,
                          IndexLevels levels = IndexLevels::All);

}  // namespace relais::indicators
