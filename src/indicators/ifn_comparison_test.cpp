// IFN v3 computed by the index engine (index_engine.h) with the shipped
// definition data/indicateurs/indices/ifn_v3_tout_age.json from the
// 2019–2020 raw indicators, against the published 2023 scores (issue 4:
// "Check against the published 2023 IFN").
// Prints the comparison table (docs/ifn-comparison.md reports it) and writes
// it to test-output/ifn_comparison.md; the floors below are the measured
// correlations minus a margin, so a broken reader, mapping, class rule or
// code resolution fails the test. Skipped without ../shared/data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "indicators/classes.h"
#include "indicators/index_definition.h"
#include "indicators/index_engine.h"
#include "indicators/mapping.h"
#include "indicators/reader.h"
#include "indicators/resolve.h"
#include "territory/loader.h"

namespace relais::indicators {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = RELAIS_SOURCE_DIR;
const fs::path kShared = kRoot / "../shared/data/indicateurs";

// code -> values of one resolved file.
using Table = std::map<std::string, std::vector<std::optional<double>>>;

Table load(const std::string& file, const std::string& mapping_name, const territory::CommuneIndex& communes,
           Mapping* mapping_out = nullptr) {
  std::ifstream mapping_in(kRoot / "data/indicateurs/mappings" / mapping_name);
  std::stringstream text;
  text << mapping_in.rdbuf();
  const Mapping mapping = parse_mapping(text.str());
  std::ifstream in(kShared / file, std::ios::binary);
  auto read = read_indicators(in, mapping, file);
  auto resolved = resolve_codes(read, mapping, communes, file);
  Table table;
  for (auto& row : resolved.rows) table[row.code] = row.values;
  if (mapping_out) *mapping_out = mapping;
  return table;
}

std::size_t index_of(const Mapping& m, const std::string& name) {
  for (std::size_t i = 0; i < m.indicators.size(); ++i) {
    if (m.indicators[i].name == name) return i;
  }
  throw std::logic_error("no indicator " + name);
}

TEST(IfnComparison, OwnV3AgainstThePublished2023Scores) {
  if (!fs::exists(kShared / "ifn_communes_2023-08.csv")) GTEST_SKIP() << "shared data absent";
  const fs::path decoupage = kRoot / "node_modules/@etalab/decoupage-administratif/data";
  if (!fs::exists(decoupage / "communes.json")) GTEST_SKIP() << "npm decoupage-administratif absent";
  Problems territory_problems;
  const auto communes =
      territory::build_commune_index(decoupage, kRoot / "data/territoires/laposte_hexasmal_2020.csv", &territory_problems);

  Mapping official_m, merge_m, arcep_m, mobile_m;
  const Table official = load("ifn_communes_2023-08.csv", "ifn_officiel_communes_2023.json", communes, &official_m);
  const Table arcep = load("arcep_commune-debit-beta_2019-09.csv", "arcep_debit_communes.json", communes, &arcep_m);
  const Table mobile = load("d4g_batch8_taux_couverture_mobile_2020.csv", "d4g_couverture_mobile_2020.json", communes,
                            &mobile_m);
  const Table merge = load("d4g_batch8_indicateurs_communes_merge_2020.csv", "d4g_indicateurs_communes_2020.json",
                           communes, &merge_m);

  // The engine with the shipped v3 definition (data/indicateurs/indices/ifn_v3_tout_age.json):
  // classes are cut over every current commune, with the arrondissements of
  // Paris, Lyon and Marseille in place of their commune, as the export does.
  std::ifstream definition_in(kRoot / "data/indicateurs/indices/ifn_v3_tout_age.json");
  std::stringstream definition_text;
  definition_text << definition_in.rdbuf();
  IndexDefinition definition = parse_index_definition(definition_text.str(), "ifn_v3_tout_age.json");
  IndexInputs inputs{&communes, {}};
  auto add_set = [&](const std::string& set, const Table& table, const Mapping& m) {
    for (std::size_t i = 0; i < m.indicators.size(); ++i) {
      CodeValues& values = inputs.values[set + ":" + m.indicators[i].name];
      for (const auto& [code, row] : table) {
        if (row[i]) values.emplace(code, *row[i]);
      }
    }
  };
  add_set("arcep_debit_communes", arcep, arcep_m);
  add_set("d4g_couverture_mobile_2020", mobile, mobile_m);
  add_set("d4g_indicateurs_communes_2020", merge, merge_m);

  std::vector<std::string> codes;
  for (const auto& c : communes.communes()) {
    if (c.code_insee == "75056" || c.code_insee == "69123" || c.code_insee == "13055") continue;
    codes.push_back(c.code_insee);
  }
  auto column = [&](const Table& table, std::size_t index) {
    std::vector<std::optional<double>> out;
    for (const auto& code : codes) {
      auto it = table.find(code);
      out.push_back(it == table.end() ? std::nullopt : it->second[index]);
    }
    return out;
  };
  auto engine_column = [&](const IndexResult& result, const std::string& name) {
    const CodeValues values = result.communes.column(result.column_index(name));
    std::vector<std::optional<double>> out;
    for (const auto& code : codes) {
      auto it = values.find(code);
      out.push_back(it == values.end() ? std::nullopt : std::optional<double>(it->second));
    }
    return out;
  };

  struct Row {
    std::string label, own_source, score_name, official_name;
  };
  const std::vector<Row> rows{
      {"Non-couverture THD", "ARCEP 2019-09, no_thd_coverage_rate", "no_thd_coverage_rate", "ifn_no_thd_coverage"},
      {"Non-couverture 4G", "Data for Good 2020 mobile coverage (2G/3G/4G mix), no_mobile_coverage_rate",
       "no_4g_coverage_rate", "ifn_no_4g_coverage"},
      {"Taux de pauvreté", "Data for Good 2020 (Filosofi), poverty_rate", "poverty_rate", "ifn_poverty"},
      {"Part des 65 ans et plus", "Data for Good 2020 (RP 2017), older_65_rate", "older_65_rate", "ifn_older_65"},
      {"Part des pas ou peu diplômés", "Data for Good 2020 (RP 2017), nscol15p_rate", "nscol15p_rate",
       "ifn_nscol15p"},
  };
  // Floors: the values measured on 2026-12-01 (docs/ifn-comparison.md) minus 0.05.
  const std::map<std::string, double> floors{{"ifn_no_thd_coverage", 0.39}, {"ifn_no_4g_coverage", 0.05},
                                             {"ifn_poverty", 0.55},          {"ifn_older_65", 0.90},
                                             {"ifn_nscol15p", 0.90},         {"total", 0.82},
                                             {"total_4", 0.64},              {"epci_total", 0.83}};

  std::ostringstream report;
  report << "| Indicator | Relais input | Communes compared | Spearman (own classes vs published score) |\n"
         << "|---|---|---:|---:|\n";
  std::map<std::string, double> measured;
  // The total as the export (all five classes), then as the shipped definition (at least four).
  definition.minimum_present = 5;
  const IndexResult all_five = compute_index(definition, inputs);
  definition.minimum_present = 4;
  const IndexResult at_least_four = compute_index(definition, inputs);
  for (const auto& row : rows) {
    auto published = column(official, index_of(official_m, row.official_name));
    std::size_t pairs = 0;
    auto rho = spearman(engine_column(all_five, row.score_name), published, &pairs);
    ASSERT_TRUE(rho) << row.label;
    measured[row.official_name] = *rho;
    report << fmt::format("| {} | {} | {} | {:.3f} |\n", row.label, row.own_source, pairs, *rho);
  }
  for (const auto* result : {&all_five, &at_least_four}) {
    std::size_t pairs = 0;
    auto rho = spearman(engine_column(*result, "total"), column(official, index_of(official_m, "ifn_total")), &pairs);
    ASSERT_TRUE(rho);
    const bool five = result == &all_five;
    measured[five ? "total" : "total_4"] = *rho;
    report << fmt::format("| Total (mean of {} classes) | the five above | {} | {:.3f} |\n",
                          five ? "the 5" : "at least 4", pairs, *rho);
  }
  // EPCI: the engine's population-weighted means of the communes' totals
  // (at least four classes) against the published EPCI totals.
  {
    Mapping epci_m;
    const Table official_epci = load("ifn_epci_2023-08.csv", "ifn_officiel_epci_2023.json", communes, &epci_m);
    const CodeValues own = at_least_four.epci.column(at_least_four.column_index("total"));
    std::vector<std::optional<double>> x, y;
    for (const auto& [code, row] : official_epci) {
      auto it = own.find(code);
      x.push_back(it == own.end() ? std::nullopt : std::optional<double>(it->second));
      y.push_back(row[index_of(epci_m, "ifn_total")]);
    }
    std::size_t pairs = 0;
    auto rho = spearman(x, y, &pairs);
    ASSERT_TRUE(rho);
    measured["epci_total"] = *rho;
    report << fmt::format("| EPCI total (population-weighted mean of the communes' totals) | the total above | {} | "
                          "{:.3f} |\n",
                          pairs, *rho);
  }
  std::cout << report.str();
  fs::create_directories(kRoot / "test-output");
  std::ofstream(kRoot / "test-output/ifn_comparison.md") << report.str();
  for (const auto& [name, floor] : floors) {
    EXPECT_GE(measured[name], floor) << name;
  }
}

}  // namespace
}  // namespace relais::indicators
