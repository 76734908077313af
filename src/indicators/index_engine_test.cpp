#include "indicators/index_engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "indicators/mapping.h"
#include "indicators/reader.h"
#include "indicators/resolve.h"
#include "indicators/test_communes.h"
#include "territory/loader.h"

namespace relais::indicators {
namespace {

using V = std::optional<double>;

// The value of column `name` for `code` in `table`.
V at(const IndexResult& r, const IndexTable& table, const std::string& name, const std::string& code) {
  const auto column = r.column_index(name);
  for (std::size_t row = 0; row < table.codes.size(); ++row) {
    if (table.codes[row] == code) return table.values[column][row];
  }
  ADD_FAILURE() << "no row " << code;
  return std::nullopt;
}

const char* kClasses = R"({
  "name": "t", "generation": "custom", "method": "classes", "minimum_present": 2,
  "indicators": [
    {"name": "up", "input": "s:a"},
    {"name": "down", "input": "s:b", "direction": "lower_is_more_fragile", "weight": 2}
  ],
  "context": [{"name": "ctx", "input": "s:c"}]})";

TEST(IndexEngine, ClassesWithTiesDirectionsAndWeights) {
  const auto communes = testing::small_communes();
  IndexInputs inputs{&communes, {}};
  // Units: 01001, 01002, 01003, 02001, 75101, 75102 (75056 through its arrondissements).
  inputs.values["s:a"] = {{"01001", 1}, {"01002", 2}, {"01003", 2}, {"02001", 3}, {"75101", 4}};
  inputs.values["s:b"] = {{"01001", 1}, {"01002", 2}, {"01003", 2}, {"02001", 3}, {"75101", 4}, {"75056", 0}};
  inputs.values["s:c"] = {{"01001", 0.5}};
  const auto d = parse_index_definition(kClasses, "t.json");
  const auto r = compute_index(d, inputs);
  const auto& c = r.communes;

  // 5 present values: ranks 1, 2.5, 2.5, 4, 5 -> classes ceil(10 × rank / 5).
  EXPECT_EQ(at(r, c, "up", "01001"), 2);
  EXPECT_EQ(at(r, c, "up", "01002"), 5) << "ties share the class of their middle rank";
  EXPECT_EQ(at(r, c, "up", "01003"), 5);
  EXPECT_EQ(at(r, c, "up", "02001"), 8);
  EXPECT_EQ(at(r, c, "up", "75101"), 10);
  EXPECT_EQ(at(r, c, "up", "75102"), std::nullopt) << "missing stays missing";
  // Lower is more fragile: reversed ranks 5, 3.5, 3.5, 2, 1; 75056's own value is ignored
  // because its arrondissements have values.
  EXPECT_EQ(at(r, c, "down", "01001"), 10);
  EXPECT_EQ(at(r, c, "down", "01002"), 7);
  EXPECT_EQ(at(r, c, "down", "02001"), 4);
  EXPECT_EQ(at(r, c, "down", "75101"), 2);
  // Total = (1 × up + 2 × down) / 3.
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "01001"), (2 + 2 * 10) / 3.0);
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "02001"), (8 + 2 * 4) / 3.0);
  EXPECT_EQ(at(r, c, "total", "75102"), std::nullopt);
  // The whole commune: its arrondissements weighted by population (75102 has nothing).
  EXPECT_EQ(at(r, c, "up", "75056"), 10);
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "75056"), (10 + 2 * 2) / 3.0);
  // Context carried as it is.
  EXPECT_EQ(at(r, c, "ctx", "01001"), 0.5);
  EXPECT_EQ(at(r, c, "ctx", "01002"), std::nullopt);

  EXPECT_EQ(r.units, 6u);
  EXPECT_EQ(r.units_with_total, 5u);
  ASSERT_EQ(r.coverage.size(), 3u);
  EXPECT_EQ(r.coverage[0].units_with_value, 5u);
  EXPECT_EQ(r.coverage[0].units_missing, 1u);
  EXPECT_EQ(r.coverage[2].name, "ctx");
  EXPECT_EQ(r.coverage[2].units_with_value, 1u);
  ASSERT_EQ(r.columns.size(), 4u);
  EXPECT_EQ(r.columns[2].kind, ColumnKind::Total);
  EXPECT_EQ(r.columns[3].kind, ColumnKind::Context);

  // Aggregates: population-weighted means of the communes' columns.
  EXPECT_DOUBLE_EQ(*at(r, r.epci, "up", "E1"), (100 * 2 + 300 * 5) / 400.0);
  EXPECT_DOUBLE_EQ(*at(r, r.epci, "total", "E1"), (100 * 22 / 3.0 + 300 * (5 + 14) / 3.0) / 400.0);
  EXPECT_DOUBLE_EQ(*at(r, r.departements, "up", "01"), (100 * 2 + 300 * 5 + 600 * 5) / 1000.0);
  EXPECT_DOUBLE_EQ(*at(r, r.regions, "up", "84"), (100 * 2 + 300 * 5 + 600 * 5 + 1000 * 8) / 2000.0);
  EXPECT_EQ(at(r, r.departements, "up", "75"), 10) << "75102 has no value: not counted as 0";
}

TEST(IndexEngine, TheTotalNeedsItsMinimumOfPresentScores) {
  const auto communes = testing::small_communes();
  IndexInputs inputs{&communes, {}};
  inputs.values["s:a"] = {{"01001", 1}, {"01002", 2}};
  inputs.values["s:b"] = {{"01001", 1}};
  inputs.values["s:c"] = {};
  auto d = parse_index_definition(kClasses, "t.json");
  auto r = compute_index(d, inputs);
  EXPECT_TRUE(at(r, r.communes, "total", "01001"));
  EXPECT_FALSE(at(r, r.communes, "total", "01002")) << "one score of two, minimum 2";
  d.minimum_present = 1;
  r = compute_index(d, inputs);
  EXPECT_EQ(at(r, r.communes, "total", "01002"), 10) << "mean over the present scores only";
}

// IFN v1 on a hand-computed example (ifn.md §2.3): base 100 = the commune's département.
TEST(IndexEngine, RatioAndTheV1Aggregation) {
  const auto communes = testing::small_communes();
  const auto d = parse_index_definition(R"({
    "name": "v1", "generation": "v1", "method": "ratio", "reference_level": "departement",
    "indicators": [
      {"name": "info", "input": "s:info", "axis": "acces_information"},
      {"name": "revenu", "input": "s:revenu", "axis": "acces_interfaces", "reference": "median",
       "direction": "lower_is_more_fragile"},
      {"name": "admin", "input": "s:admin", "axis": "competences_administratives", "reference": "median"},
      {"name": "num", "input": "s:num", "axis": "competences_numeriques"},
      {"name": "num2", "input": "s:num2", "axis": "competences_numeriques"}
    ]})",
                                        "v1.json");
  IndexInputs inputs{&communes, {}};
  inputs.values["s:info"] = {{"01001", 10}, {"01002", 20}, {"01003", 30}, {"02001", 5}};  // mean 20 in 01
  inputs.values["s:revenu"] = {{"01001", 100}, {"01002", 200}, {"01003", 400}, {"02001", 0}};  // median 200
  inputs.values["s:admin"] = {{"01001", 1}, {"01002", 1}, {"01003", 4}};                       // median 1
  inputs.values["s:num"] = {{"01001", 2}, {"01002", 4}, {"01003", 6}};                          // mean 4
  inputs.values["s:num2"] = {{"01003", 3}};                                                      // mean 3
  const auto r = compute_index(d, inputs);
  const auto& c = r.communes;
  EXPECT_DOUBLE_EQ(*at(r, c, "info", "01001"), 50);
  EXPECT_DOUBLE_EQ(*at(r, c, "info", "02001"), 100) << "02001 is its département's only commune";
  EXPECT_DOUBLE_EQ(*at(r, c, "revenu", "01001"), 200) << "inverted: 100 × reference / value";
  EXPECT_DOUBLE_EQ(*at(r, c, "revenu", "01003"), 50);
  EXPECT_EQ(at(r, c, "revenu", "02001"), std::nullopt) << "value 0: no score rather than infinity";
  EXPECT_DOUBLE_EQ(*at(r, c, "admin", "01003"), 400);
  EXPECT_DOUBLE_EQ(*at(r, c, "competences_numeriques", "01003"), (150 + 100) / 2.0) << "axis = mean of present";
  EXPECT_DOUBLE_EQ(*at(r, c, "competences_numeriques", "01001"), 50);

  // A: information 50, interfaces 200, administratives 100, numériques 50.
  EXPECT_DOUBLE_EQ(*at(r, c, "global_acces", "01001"), (2 * 50 + 200) / 3.0);
  EXPECT_DOUBLE_EQ(*at(r, c, "global_competences", "01001"), (100 + 2 * 50) / 3.0);
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "01001"), (100 + 200 / 3.0) / 2);
  // B: 100 everywhere.
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "01002"), 100);
  // C: information 150, interfaces 50, administratives 400, numériques 125.
  EXPECT_DOUBLE_EQ(*at(r, c, "global_acces", "01003"), (2 * 150 + 50) / 3.0);
  EXPECT_DOUBLE_EQ(*at(r, c, "global_competences", "01003"), (400 + 2 * 125) / 3.0);
  EXPECT_DOUBLE_EQ(*at(r, c, "total", "01003"), ((2 * 150 + 50) / 3.0 + (400 + 2 * 125) / 3.0) / 2);
  // D: information only; a sub-index needs all its axes, the total both sub-indices.
  EXPECT_EQ(at(r, c, "global_acces", "02001"), std::nullopt);
  EXPECT_EQ(at(r, c, "total", "02001"), std::nullopt);
  EXPECT_EQ(r.units_with_total, 3u);
}

TEST(IndexEngine, RatioReferenceLevels) {
  const auto communes = testing::small_communes();
  const std::string text = R"({"name": "r", "generation": "custom", "method": "ratio", "reference_level": "LEVEL",
    "axes": [{"name": "a"}], "indicators": [{"name": "x", "input": "s:x", "axis": "a"}]})";
  IndexInputs inputs{&communes, {}};
  inputs.values["s:x"] = {{"01001", 10}, {"01002", 30}, {"01003", 20}, {"02001", 40}};
  auto score = [&](const std::string& level, const std::string& code) {
    std::string t = text;
    t.replace(t.find("LEVEL"), 5, level);
    const auto r = compute_index(parse_index_definition(t, "r.json"), inputs);
    return at(r, r.communes, "x", code);
  };
  EXPECT_DOUBLE_EQ(*score("france", "01001"), 100 * 10 / 25.0);
  EXPECT_DOUBLE_EQ(*score("region", "01001"), 100 * 10 / 25.0);
  EXPECT_DOUBLE_EQ(*score("departement", "01001"), 100 * 10 / 20.0);
  EXPECT_DOUBLE_EQ(*score("epci", "01001"), 100 * 10 / 20.0);
  EXPECT_EQ(score("epci", "01003"), std::nullopt) << "a commune outside any EPCI has no EPCI reference";
}

// Synthetic IRIS (no IRIS file is shipped): values averaged into communes by population first.
TEST(IndexEngine, IrisInputsAreAveragedIntoCommunes) {
  const auto communes = testing::small_communes();
  const std::string text = R"({"name": "i", "generation": "custom", "method": "ratio", "reference_level": "france",
    "population": "iris:pop", "axes": [{"name": "a"}], "indicators": [{"name": "x", "input": "iris:x", "axis": "a"}]})";
  IndexInputs inputs{&communes, {}};
  inputs.values["iris:x"] = {{"010010101", 10}, {"010010102", 20}, {"01002", 35}};
  inputs.values["iris:pop"] = {{"010010101", 100}, {"010010102", 300}, {"01002", 50}};
  const auto r = compute_index(parse_index_definition(text, "i.json"), inputs);
  // 01001 = (100 × 10 + 300 × 20) / 400 = 17.5; France mean of (17.5, 35) = 26.25.
  EXPECT_DOUBLE_EQ(*at(r, r.communes, "x", "01001"), 100 * 17.5 / 26.25);
  EXPECT_DOUBLE_EQ(*at(r, r.communes, "x", "01002"), 100 * 35 / 26.25);

  auto without_population = parse_index_definition(text, "i.json");
  without_population.populations.clear();
  EXPECT_THROW(compute_index(without_population, inputs), std::runtime_error);
}

// Synthetic IRIS, v3 style (ifn.md §5.1): classes cut over the IRIS, then
// the IRIS scores averaged into their commune by population.
TEST(IndexEngine, IrisScoresAreAveragedIntoCommunes) {
  const auto communes = testing::small_communes();
  std::string text = R"({"name": "i", "generation": "v3", "method": "classes", "population": "iris:pop",
    "iris_aggregation": "MODE", "indicators": [{"name": "x", "input": "iris:x"}]})";
  IndexInputs inputs{&communes, {}};
  inputs.values["iris:x"] = {{"010010101", 1}, {"010010102", 3}, {"01002", 2}, {"01003", 4}};
  inputs.values["iris:pop"] = {{"010010101", 100}, {"010010102", 300}};
  auto with = [&](const std::string& mode) {
    std::string t = text;
    t.replace(t.find("MODE"), 4, mode);
    return compute_index(parse_index_definition(t, "i.json"), inputs);
  };
  // Units 010010101 (1), 010010102 (3), 01002 (2), 01003 (4): classes 3, 8, 5, 10.
  const auto scores = with("scores");
  EXPECT_DOUBLE_EQ(*at(scores, scores.communes, "x", "01001"), (100 * 3 + 300 * 8) / 400.0);
  EXPECT_EQ(at(scores, scores.communes, "x", "01002"), 5);
  EXPECT_EQ(at(scores, scores.communes, "x", "01003"), 10);
  EXPECT_EQ(scores.coverage[0].units_with_value, 3u) << "counted in communes";
  // Inputs first: 01001 = (100 × 1 + 300 × 3) / 400 = 2.5; units 2.5, 2, 4 -> classes 7, 4, 10.
  const auto values = with("inputs");
  EXPECT_EQ(at(values, values.communes, "x", "01001"), 7);
  EXPECT_EQ(at(values, values.communes, "x", "01002"), 4);
  EXPECT_EQ(at(values, values.communes, "x", "01003"), 10);
}

// The engine holds columns by commune position: the commune index in another
// order, a commune-only result and the reference functions of aggregate.h
// must all give the same tables.
TEST(IndexEngine, SameTablesWhateverTheOrderAndTheLevelsAsked) {
  const auto communes = testing::small_communes();
  std::vector<territory::Commune> reversed(communes.communes().rbegin(), communes.communes().rend());
  const territory::CommuneIndex reversed_index(std::move(reversed));
  const auto d = parse_index_definition(kClasses, "t.json");
  IndexInputs inputs{&communes, {}};
  // Paris through its arrondissements on a, whole on b; 75056's own value on c is not counted again.
  inputs.values["s:a"] = {{"01001", 3}, {"01002", 1}, {"01003", 3}, {"02001", 7}, {"75101", 2}, {"75102", 9},
                          {"99999", 5}};
  inputs.values["s:b"] = {{"01001", 4}, {"01002", 4}, {"02001", 1}, {"75056", 6}};
  inputs.values["s:c"] = {{"01003", 1.5}, {"75056", 10}, {"75101", 20}};
  const auto all = compute_index(d, inputs);
  const auto only = compute_index(d, inputs, IndexLevels::CommunesOnly);
  IndexInputs reversed_inputs = inputs;
  reversed_inputs.communes = &reversed_index;
  const auto other_order = compute_index(d, reversed_inputs);

  EXPECT_EQ(all.communes.codes,
            (std::vector<std::string>{"01001", "01002", "01003", "02001", "75056", "75101", "75102"}));
  EXPECT_EQ(only.communes.codes, all.communes.codes);
  EXPECT_EQ(only.communes.values, all.communes.values);
  EXPECT_TRUE(only.epci.codes.empty() && only.departements.codes.empty() && only.regions.codes.empty());
  EXPECT_EQ(only.units, all.units);
  EXPECT_EQ(only.units_with_total, all.units_with_total);
  EXPECT_EQ(other_order.communes.codes, all.communes.codes);
  for (const auto* table : {&all.epci, &all.departements, &all.regions}) {
    const auto& same = table == &all.epci           ? other_order.epci
                       : table == &all.departements ? other_order.departements
                                                    : other_order.regions;
    EXPECT_EQ(same.codes, table->codes);
  }
  for (std::size_t c = 0; c < all.columns.size(); ++c) {
    const auto column = all.communes.column(c);
    EXPECT_EQ(fill_whole_communes(column, communes), column) << all.columns[c].name;
    for (const auto& [level, table] : {std::pair{territory::TerritoryLevel::Epci, &all.epci},
                                       std::pair{territory::TerritoryLevel::Departement, &all.departements},
                                       std::pair{territory::TerritoryLevel::Region, &all.regions}}) {
      EXPECT_EQ(table->column(c), aggregate_communes(column, communes, level)) << all.columns[c].name;
    }
    const auto reordered = other_order.communes.column(c);
    ASSERT_EQ(reordered.size(), column.size()) << all.columns[c].name;
    for (const auto& [code, value] : column) EXPECT_DOUBLE_EQ(reordered.at(code), value) << code;
  }
  // Spot checks. a: units 01002 (1), 75101 (2), 01001 and 01003 (3), 02001 (7), 75102 (9), ranks 1, 2, 3.5,
  // 3.5, 5, 6 of 6 -> classes 2, 4, 6, 6, 9, 10; Paris = (1,000 × 4 + 2,000 × 10) / 3,000.
  EXPECT_EQ(at(all, all.communes, "up", "75101"), 4);
  EXPECT_DOUBLE_EQ(*at(all, all.communes, "up", "75056"), (1000 * 4 + 2000 * 10) / 3000.0);
  // c: 75101 has a value, so 75056's own 10 is not a unit: Paris = 75101's 20, counted once in E75.
  EXPECT_EQ(at(all, all.communes, "ctx", "75056"), 20);
  EXPECT_EQ(at(all, all.epci, "ctx", "E75"), 20);
  EXPECT_EQ(all.units, 6u);
}

// The four shipped definitions on the real communes and inputs: the
// position-indexed engine gives, column by column, exactly (same bits) what
// the code-keyed reference functions of aggregate.h give from its commune
// table, and the commune-only result the same commune table.
TEST(IndexEngine, ShippedDefinitionsOnRealDataMatchTheReferenceAggregation) {
  namespace fs = std::filesystem;
  const fs::path root = RELAIS_SOURCE_DIR;
  const fs::path shared = fs::path(RELAIS_SHARED_DATA_DIR) / "indicateurs";
  const fs::path decoupage = root / "node_modules/@etalab/decoupage-administratif/data";
  if (!fs::exists(shared / "arcep_commune-debit-beta_2019-09.csv")) GTEST_SKIP() << "shared data absent";
  if (!fs::exists(decoupage / "communes.json")) GTEST_SKIP() << "npm decoupage-administratif absent";
  Problems problems;
  const auto communes =
      territory::build_commune_index(decoupage, root / "data/territoires/laposte_hexasmal_2020.csv", &problems);
  IndexInputs inputs{&communes, {}};
  for (const auto& [file, set] : std::vector<std::pair<std::string, std::string>>{
           {"arcep_commune-debit-beta_2019-09.csv", "arcep_debit_communes"},
           {"d4g_batch8_taux_couverture_mobile_2020.csv", "d4g_couverture_mobile_2020"},
           {"d4g_batch8_indicateurs_communes_merge_2020.csv", "d4g_indicateurs_communes_2020"}}) {
    std::ifstream mapping_in(root / "data/indicateurs/mappings" / (set + ".json"));
    std::stringstream text;
    text << mapping_in.rdbuf();
    const Mapping mapping = parse_mapping(text.str());
    std::ifstream in(shared / file, std::ios::binary);
    const auto resolved = resolve_codes(read_indicators(in, mapping, file), mapping, communes, file);
    for (std::size_t i = 0; i < mapping.indicators.size(); ++i) {
      CodeValues& values = inputs.values[set + ":" + mapping.indicators[i].name];
      for (const auto& row : resolved.rows) {
        if (row.values[i]) values.emplace(row.code, *row.values[i]);
      }
    }
  }
  for (const auto& entry : fs::directory_iterator(root / "data/indicateurs/indices")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto d = parse_index_definition(text.str(), entry.path().filename().string());
    SCOPED_TRACE(d.name);
    const auto all = compute_index(d, inputs);
    const auto only = compute_index(d, inputs, IndexLevels::CommunesOnly);
    EXPECT_EQ(all.communes.codes.size(), communes.size());
    EXPECT_EQ(only.communes.codes, all.communes.codes);
    EXPECT_EQ(only.communes.values, all.communes.values);
    EXPECT_GT(all.units_with_total, 30000u);
    EXPECT_GT(all.epci.codes.size(), 1000u);
    for (std::size_t c = 0; c < all.columns.size(); ++c) {
      const auto column = all.communes.column(c);
      EXPECT_EQ(fill_whole_communes(column, communes), column) << all.columns[c].name;
      EXPECT_EQ(all.epci.column(c), aggregate_communes(column, communes, territory::TerritoryLevel::Epci))
          << all.columns[c].name;
      EXPECT_EQ(all.departements.column(c),
                aggregate_communes(column, communes, territory::TerritoryLevel::Departement))
          << all.columns[c].name;
      EXPECT_EQ(all.regions.column(c), aggregate_communes(column, communes, territory::TerritoryLevel::Region))
          << all.columns[c].name;
    }
  }
}

TEST(IndexEngine, MissingInputIsAnError) {
  const auto communes = testing::small_communes();
  IndexInputs inputs{&communes, {}};
  inputs.values["s:a"] = {};
  try {
    compute_index(parse_index_definition(kClasses, "t.json"), inputs);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("s:b"), std::string::npos) << e.what();
  }
  EXPECT_THROW(compute_index(parse_index_definition(kClasses, "t.json"), IndexInputs{}), std::invalid_argument);
}

}  // namespace
}  // namespace relais::indicators
