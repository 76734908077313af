// IFN v3 computed here from the 2019–2020 raw indicators, against the
// published 2023 scores (issue 4: "Check against the published 2023 IFN").
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

  // The population of territories the classes are cut on: every current
  // commune (arrondissements instead of Paris, Lyon, Marseille, as the export does).
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

  struct Row {
    std::string label, own_source, official_name;
    std::vector<std::optional<double>> own_raw;
  };
  std::vector<Row> rows{
      {"Non-couverture THD", "ARCEP 2019-09, no_thd_coverage_rate", "ifn_no_thd_coverage",
       column(arcep, index_of(arcep_m, "no_thd_coverage_rate"))},
      {"Non-couverture 4G", "Data for Good 2020 mobile coverage (2G/3G/4G mix), no_mobile_coverage_rate",
       "ifn_no_4g_coverage", column(mobile, index_of(mobile_m, "no_mobile_coverage_rate"))},
      {"Taux de pauvreté", "Data for Good 2020 (Filosofi), poverty_rate", "ifn_poverty",
       column(merge, index_of(merge_m, "poverty_rate"))},
      {"Part des 65 ans et plus", "Data for Good 2020 (RP 2017), older_65_rate", "ifn_older_65",
       column(merge, index_of(merge_m, "older_65_rate"))},
      {"Part des pas ou peu diplômés", "Data for Good 2020 (RP 2017), nscol15p_rate", "ifn_nscol15p",
       column(merge, index_of(merge_m, "nscol15p_rate"))},
  };
  // Floors: the values measured on 2026-12-01 (docs/ifn-comparison.md) minus 0.05.
  const std::map<std::string, double> floors{{"ifn_no_thd_coverage", 0.39}, {"ifn_no_4g_coverage", 0.05},
                                             {"ifn_poverty", 0.55},          {"ifn_older_65", 0.90},
                                             {"ifn_nscol15p", 0.90},         {"total", 0.82}};

  std::ostringstream report;
  report << "| Indicator | Relais input | Communes compared | Spearman (own classes vs published score) |\n"
         << "|---|---|---:|---:|\n";
  std::vector<std::vector<std::optional<double>>> own_classes;
  std::map<std::string, double> measured;
  for (const auto& row : rows) {
    auto classes = rank_classes(row.own_raw, 10, true);
    own_classes.push_back(classes);
    auto published = column(official, index_of(official_m, row.official_name));
    std::size_t pairs = 0;
    auto rho = spearman(classes, published, &pairs);
    ASSERT_TRUE(rho) << row.label;
    measured[row.official_name] = *rho;
    report << fmt::format("| {} | {} | {} | {:.3f} |\n", row.label, row.own_source, pairs, *rho);
  }
  // Totals: the mean of the five classes where all five are present (as the
  // export), then where at least four are (poverty is secret for most communes).
  for (std::size_t minimum : {std::size_t{5}, std::size_t{4}}) {
    std::vector<std::optional<double>> total;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      std::vector<std::optional<double>> scores;
      for (const auto& c : own_classes) scores.push_back(c[i]);
      total.push_back(mean_of_present(scores, minimum));
    }
    std::size_t pairs = 0;
    auto rho = spearman(total, column(official, index_of(official_m, "ifn_total")), &pairs);
    ASSERT_TRUE(rho);
    if (minimum == 5) measured["total"] = *rho;
    report << fmt::format("| Total (mean of {} classes) | the five above | {} | {:.3f} |\n",
                          minimum == 5 ? "the 5" : "at least 4", pairs, *rho);
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
