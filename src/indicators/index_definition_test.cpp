#include "indicators/index_definition.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace relais::indicators {
namespace {

namespace fs = std::filesystem;

const char* kClasses = R"({
  "name": "mini", "generation": "v3", "variant": "tout_age", "method": "classes", "minimum_present": 1,
  "indicators": [
    {"name": "thd", "label": "Non-couverture THD", "input": "arcep:no_thd"},
    {"name": "cov", "input": "mob:coverage", "direction": "lower_is_more_fragile", "weight": 2}
  ],
  "context": [{"name": "menseul", "input": "d4g:menseul_rate"}]
})";

// Parses `text`, expecting an error at `path` whose reason contains `reason`.
void expect_error(const std::string& text, const std::string& path, const std::string& reason) {
  try {
    parse_index_definition(text, "def.json");
    ADD_FAILURE() << "no error, expected " << path << ": " << reason;
  } catch (const IndexDefinitionError& e) {
    EXPECT_EQ(e.file(), "def.json");
    EXPECT_EQ(e.path(), path) << e.what();
    EXPECT_NE(e.reason().find(reason), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("def.json: " + path), std::string::npos) << e.what();
  }
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(IndexDefinition, ParsesAClassesDefinition) {
  const auto d = parse_index_definition(kClasses, "def.json");
  EXPECT_EQ(d.name, "mini");
  EXPECT_EQ(d.label, "mini");
  EXPECT_EQ(d.generation, "v3");
  EXPECT_EQ(d.method, IndexMethod::Classes);
  EXPECT_EQ(d.classes, 10);
  EXPECT_EQ(d.minimum_present, 1u);
  ASSERT_EQ(d.indicators.size(), 2u);
  EXPECT_EQ(d.indicators[0].label, "Non-couverture THD");
  EXPECT_EQ(d.indicators[0].input, (InputRef{"arcep", "no_thd"}));
  EXPECT_TRUE(d.indicators[0].higher_is_more_fragile);
  EXPECT_EQ(d.indicators[0].weight, 1.0);
  EXPECT_FALSE(d.indicators[1].higher_is_more_fragile);
  EXPECT_EQ(d.indicators[1].weight, 2.0);
  ASSERT_EQ(d.context.size(), 1u);
  EXPECT_EQ(d.context[0].input.spec(), "d4g:menseul_rate");
  EXPECT_TRUE(d.axes.empty());
  EXPECT_TRUE(d.total_weights.empty());
  EXPECT_EQ(d.inputs(), (std::vector<InputRef>{{"arcep", "no_thd"}, {"d4g", "menseul_rate"}, {"mob", "coverage"}}));
}

TEST(IndexDefinition, MinimumPresentDefaultsToAll) {
  const auto d = parse_index_definition(replace(kClasses, "\"minimum_present\": 1,", ""), "def.json");
  EXPECT_EQ(d.minimum_present, 2u);
}

TEST(IndexDefinition, IrisAggregation) {
  EXPECT_EQ(parse_index_definition(kClasses, "def.json").iris_aggregation, IrisAggregation::Inputs);
  const auto d = parse_index_definition(
      replace(kClasses, "\"minimum_present\": 1,", "\"iris_aggregation\": \"scores\", \"population\": \"arcep:pop\","),
      "def.json");
  EXPECT_EQ(d.iris_aggregation, IrisAggregation::Scores);
  EXPECT_EQ(d.populations, (std::vector<InputRef>{{"arcep", "pop"}}));
  EXPECT_EQ(d.inputs().size(), 4u) << "the population is an input";
}

TEST(IndexDefinition, RatioWithoutAxesGetsTheV1Structure) {
  const auto d = parse_index_definition(R"({
    "name": "v1", "generation": "v1", "method": "ratio", "reference_level": "departement",
    "indicators": [
      {"name": "menseul", "input": "s:menseul", "axis": "acces_information", "reference": "median"},
      {"name": "revenu", "input": "s:revenu", "axis": "acces_interfaces", "direction": "lower_is_more_fragile"},
      {"name": "jeunes", "input": "s:jeunes", "axis": "competences_administratives"},
      {"name": "age", "input": "s:age", "axis": "competences_numeriques"}
    ]})",
                                        "def.json");
  EXPECT_EQ(d.method, IndexMethod::Ratio);
  EXPECT_EQ(d.reference_level, ReferenceLevel::Departement);
  EXPECT_EQ(d.indicators[0].reference, ReferenceStatistic::Median);
  EXPECT_EQ(d.indicators[1].reference, ReferenceStatistic::Mean);
  ASSERT_EQ(d.axes.size(), 4u);
  ASSERT_EQ(d.sub_indices.size(), 2u);
  using W = std::vector<std::pair<std::string, double>>;
  EXPECT_EQ(d.sub_indices[0].weights, (W{{"acces_information", 2}, {"acces_interfaces", 1}}));
  EXPECT_EQ(d.sub_indices[1].weights, (W{{"competences_administratives", 1}, {"competences_numeriques", 2}}));
  EXPECT_EQ(d.total_weights, (W{{"global_acces", 1}, {"global_competences", 1}}));
  EXPECT_EQ(d.minimum_present, 2u) << "the total needs both sub-indices by default";
}

TEST(IndexDefinition, ExplicitAxesSubIndicesAndTotalWeights) {
  const auto d = parse_index_definition(R"({
    "name": "c", "generation": "custom", "method": "classes",
    "axes": [{"name": "a"}, {"name": "b", "label": "B"}],
    "sub_indices": [{"name": "g", "weights": {"a": 3, "b": 1}}],
    "indicators": [{"name": "x", "input": "s:x", "axis": "a"}, {"name": "y", "input": "s:y", "axis": "b"}]})",
                                        "def.json");
  EXPECT_EQ(d.axes[1].label, "B");
  EXPECT_EQ(d.total_weights, (std::vector<std::pair<std::string, double>>{{"g", 1}}));
  EXPECT_EQ(d.minimum_present, 1u);
}

TEST(IndexDefinition, ErrorsAreLocated) {
  expect_error("{", "", "not valid JSON");
  expect_error("[]", "", "must be an object");
  expect_error(replace(kClasses, "\"name\": \"mini\", ", ""), "name", "missing");
  expect_error(replace(kClasses, "\"name\": \"mini\"", "\"name\": \"a b\""), "name", "letters, digits and _");
  expect_error(replace(kClasses, "\"v3\"", "\"v2\""), "generation", "expected v1, v3 or custom");
  expect_error(replace(kClasses, "\"classes\"", "\"quantiles\""), "method", "expected classes or ratio");
  expect_error(replace(kClasses, "\"classes\"", "\"ratio\""), "method", "the v3 generation uses classes");
  expect_error(replace(kClasses, "\"input\": \"arcep:no_thd\"", "\"input\": \"arcep\""), "indicators[0].input",
               "expected SET:INDICATOR");
  expect_error(replace(kClasses, "\"weight\": 2", "\"weight\": 0"), "indicators[1].weight", "above 0");
  expect_error(replace(kClasses, "\"weight\": 2", "\"weight\": \"2\""), "indicators[1].weight", "above 0");
  expect_error(replace(kClasses, "\"lower_is_more_fragile\"", "\"down\""), "indicators[1].direction",
               "expected higher_is_more_fragile");
  expect_error(replace(kClasses, "\"name\": \"cov\"", "\"name\": \"thd\""), "indicators[1].name", "used twice");
  expect_error(replace(kClasses, "\"name\": \"cov\"", "\"name\": \"total\""), "indicators[1].name",
               "name of the total");
  expect_error(replace(kClasses, "\"name\": \"menseul\"", "\"name\": \"thd\""), "context[0].name", "used twice");
  expect_error(replace(kClasses, "\"weight\": 2", "\"weight\": 2, \"colour\": 1"), "indicators[1].colour",
               "unknown member");
  expect_error(replace(kClasses, "\"weight\": 2", "\"weight\": 2, \"reference\": \"mean\""),
               "indicators[1].reference", "only for the ratio method");
  expect_error(replace(kClasses, "\"minimum_present\": 1", "\"minimum_present\": 3"), "minimum_present",
               "from 1 to 2");
  expect_error(replace(kClasses, "\"weight\": 2", "\"weight\": 2, \"axis\": \"a\""), "indicators[1].axis",
               "has no axes");
  expect_error(replace(kClasses, "\"indicators\": [", "\"indicators\": [], \"x\": ["), "x", "unknown member");
  const std::string ratio = R"({"name": "r", "generation": "v1", "method": "ratio", "reference_level": "pays",
    "indicators": [{"name": "x", "input": "s:x", "axis": "acces_information"}]})";
  expect_error(ratio, "reference_level", "expected france, region, departement or epci");
  expect_error(replace(replace(ratio, "\"pays\"", "\"epci\""), "acces_information", "acces"), "indicators[0].axis",
               "no axis of that name");
  expect_error(replace(replace(ratio, "\"pays\"", "\"epci\""), ", \"axis\": \"acces_information\"", ""),
               "indicators[0].axis", "missing");
  expect_error(replace(replace(ratio, "\"pays\"", "\"epci\""), "\"indicators\"",
                       "\"total_weights\": {\"global_acces\": 1, \"nope\": 1}, \"indicators\""),
               "total_weights.nope", "no sub-index of that name");
  expect_error(R"({"name": "c", "generation": "custom", "method": "classes", "axes": [{"name": "a"}],
    "sub_indices": [{"name": "g", "weights": {"b": 1}}], "indicators": [{"name": "x", "input": "s:x", "axis": "a"}]})",
               "sub_indices[0].weights.b", "no axis of that name");
  expect_error(replace(kClasses, "\"minimum_present\": 1,", "\"iris_aggregation\": \"both\","), "iris_aggregation",
               "expected inputs or scores");
  expect_error(replace(kClasses, "\"minimum_present\": 1,", "\"population\": [\"p:pop\", \"p:pop2\"],"),
               "population[1]", "a second population for set p");
}

// Every shipped definition parses, and the v3 tout-âge one is what ifn.md §5 says.
TEST(IndexDefinition, ShippedDefinitionsParse) {
  const fs::path dir = fs::path(RELAIS_SOURCE_DIR) / "data/indicateurs/indices";
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto d = parse_index_definition(text.str(), entry.path().filename().string());
    EXPECT_EQ(d.name, entry.path().stem().string()) << "file named after the index";
    ++count;
  }
  EXPECT_GE(count, 4u);
  std::ifstream in(dir / "ifn_v3_tout_age.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto v3 = parse_index_definition(text.str(), "ifn_v3_tout_age.json");
  EXPECT_EQ(v3.method, IndexMethod::Classes);
  EXPECT_EQ(v3.indicators.size(), 5u);
  for (const auto& s : v3.indicators) EXPECT_EQ(s.weight, 1.0) << s.name;
}

}  // namespace
}  // namespace relais::indicators
