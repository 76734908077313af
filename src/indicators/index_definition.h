// What an index of digital fragility is made of (issue 4, "The index"): which
// imported indicators it scores, how (classes 1..10 as the IFN v3, or ratio
// to a reference territory × 100 as the IFN v1 / Data for Good), with which
// weights, and how scores are grouped into axes, sub-indices and a total.
// A definition is data, shipped in data/indicateurs/indices/*.json and
// documented in docs/index.md (formulas: ../shared/reference/ifn.md §2.3, §5).
//
// Definition file (JSON):
//   { "name": "ifn_v3_tout_age", "label": "IFN v3 tout âge",
//     "generation": "v3",          // v1 | v3 | custom
//     "variant": "tout_age",       // tout_age | senior | jeune | any other word
//     "method": "classes",         // classes | ratio
//     "classes": 10,               // classes only, default 10
//     "reference_level": "departement",  // ratio only: france | region | departement | epci
//     "minimum_present": 4,        // scores needed for a total (default: all)
//     "population": ["SET:IND"],   // optional: population of sub-communal (IRIS) units of SET
//     "iris_aggregation": "scores",  // IRIS inputs: score the IRIS, then average the scores
//                                    // into communes (v3, ifn.md §5.1), or "inputs" (default):
//                                    // average the values into communes, then score
//     "indicators": [ { "name": "no_thd_coverage_rate", "label": "…",
//         "input": "arcep_debit_communes:no_thd_coverage_rate",  // imported SET:INDICATOR
//         "direction": "higher_is_more_fragile",  // or lower_is_more_fragile
//         "weight": 1,             // default 1
//         "reference": "mean",     // ratio only: mean | median (default mean)
//         "axis": "acces_interfaces" } ],  // optional; required for ratio when axes are given
//     "context": [ { "name": "menseul_rate", "label": "…", "input": "SET:IND" } ],  // carried, not scored
//     "axes": [ { "name": "acces_information", "label": "…" } ],
//     "sub_indices": [ { "name": "global_acces", "label": "…",
//                        "weights": { "acces_information": 2, "acces_interfaces": 1 } } ],
//     "total_weights": { "global_acces": 1, "global_competences": 1 } }
// A ratio definition without "axes" gets the four IFN v1 axes and the two
// v1 sub-indices with their 2/3–1/3 weights (ifn.md §2.3).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace relais::indicators {

enum class IndexMethod { Classes, Ratio };
enum class ReferenceLevel { France, Region, Departement, Epci };
enum class ReferenceStatistic { Mean, Median };
// What is averaged into communes when an input has IRIS values.
enum class IrisAggregation { Inputs, Scores };

// "SET:INDICATOR" of an imported indicator set.
struct InputRef {
  std::string set, indicator;
  std::string spec() const { return set + ":" + indicator; }
  friend bool operator==(const InputRef&, const InputRef&) = default;
  friend auto operator<=>(const InputRef&, const InputRef&) = default;
};

struct ScoredIndicator {
  std::string name;   // name of its score in the result
  std::string label;  // French, for people
  InputRef input;
  bool higher_is_more_fragile = true;  // false: the score is computed on the reversed order / reference ÷ value
  double weight = 1.0;                 // > 0
  ReferenceStatistic reference = ReferenceStatistic::Mean;  // ratio only
  std::string axis;                    // "" when the definition has no axes
};

struct ContextIndicator {
  std::string name, label;
  InputRef input;
};

struct Axis {
  std::string name, label;
};

// A weighted mean of axes (IFN v1 "GLOBAL ACCES").
struct SubIndex {
  std::string name, label;
  std::vector<std::pair<std::string, double>> weights;  // axis name -> weight, in file order
};

struct IndexDefinition {
  std::string name, label;
  std::string generation;  // "v1", "v3", "custom"
  std::string variant;     // "tout_age", "senior", "jeune", …
  IndexMethod method = IndexMethod::Classes;
  int classes = 10;
  ReferenceLevel reference_level = ReferenceLevel::Departement;
  // Minimum number of present components of the total (scores, axes or
  // sub-indices, whichever the total is made of); default: all of them.
  std::size_t minimum_present = 0;
  std::vector<InputRef> populations;  // population indicators, one per set with IRIS values
  IrisAggregation iris_aggregation = IrisAggregation::Inputs;
  std::vector<ScoredIndicator> indicators;
  std::vector<ContextIndicator> context;
  std::vector<Axis> axes;
  std::vector<SubIndex> sub_indices;
  // Weights of what the total is the weighted mean of: sub-indices if any,
  // else axes if any, else the scored indicators' own weights (empty here).
  std::vector<std::pair<std::string, double>> total_weights;

  // Every input the computation reads (scored, context, populations), sorted, unique.
  std::vector<InputRef> inputs() const;
};

// A definition that cannot be used: where (file, JSON path) and why.
class IndexDefinitionError : public std::runtime_error {
 public:
  IndexDefinitionError(std::string file, std::string path, std::string reason);
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }    // "/indicators/2/weight"
  const std::string& reason() const { return reason_; }

 private:
  std::string file_, path_, reason_;
};

// Parses and checks a definition (types, known words, unique names, inputs
// as SET:INDICATOR, positive weights, axes and sub-indices that exist, every
// scored indicator in an axis when there are axes, minimum_present not above
// the number of components). `file` only names the file in errors.
IndexDefinition parse_index_definition(std::string_view json_text, const std::string& file);

std::string_view method_name(IndexMethod method);          // "classes", "ratio"
std::string_view reference_level_name(ReferenceLevel level);  // "france", "region", …

}  // namespace relais::indicators
