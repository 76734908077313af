#include "indicators/reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace relais::indicators {
namespace {

namespace fs = std::filesystem;

Mapping arcep_like() {
  return parse_mapping(R"({"source": "t", "date": "2019", "header_line": 2, "separator": ";", "code": "code_insee",
    "indicators": {"no_thd": {"sum": ["t30", "t100"], "divide_by": "nbr", "scale": 100, "complement": 100},
                   "raw": {"column": "taux"}}})");
}

IndicatorFile read(const std::string& text, const Mapping& mapping) {
  std::istringstream in(text);
  return read_indicators(in, mapping, "f.csv");
}

TEST(IndicatorsReader, ComputesValuesAndKeepsMissingAsMissing) {
  auto file = read(
      "Version beta : une note avant l'en-tête\n"
      "code_insee;nom;nbr;t30;t100;taux\n"
      "67017;Baerendorf;148;0;138;12,5\n"
      "1001;L'Abergement;10;;5;NA\n"  // a term missing; code without its leading 0
      "2A004;Ajaccio;0;0;0;s\n"        // zero premises; INSEE secrecy
      "01002;Varey;4;1;1; 7 \n",
      arcep_like());
  EXPECT_TRUE(file.problems.empty());
  ASSERT_EQ(file.rows.size(), 4u);
  EXPECT_EQ(file.rows[0].code, "67017");
  EXPECT_EQ(file.rows[0].line, 3u);
  EXPECT_NEAR(*file.rows[0].values[0], 100 - 100.0 * 138 / 148, 1e-9);
  EXPECT_EQ(file.rows[0].values[1], 12.5);
  EXPECT_EQ(file.rows[1].code, "01001");
  EXPECT_FALSE(file.rows[1].values[0]);
  EXPECT_FALSE(file.rows[1].values[1]);
  EXPECT_EQ(file.rows[2].code, "2A004");
  EXPECT_FALSE(file.rows[2].values[0]) << "0 premises gives no rate, not 0 or 100";
  EXPECT_FALSE(file.rows[2].values[1]);
  EXPECT_EQ(file.rows[3].values[0], 50.0);
  EXPECT_EQ(file.rows[3].values[1], 7.0);
}

TEST(IndicatorsReader, BadRowsAreLocatedAndLeftOut) {
  auto file = read(
      "note\n"
      "code_insee;nom;nbr;t30;t100;taux\n"
      "67017;A;10;1;1;douze\n"      // unreadable number: warning, missing
      "ABCDE;B;10;1;1;1\n"          // not a code
      "67018;C;10;1\n"              // short row
      "67017;D;10;2;2;2\n",         // duplicate code
      arcep_like());
  ASSERT_EQ(file.rows.size(), 1u);
  EXPECT_FALSE(file.rows[0].values[1]);
  ASSERT_EQ(file.problems.size(), 4u);
  std::map<std::string, std::size_t> line_of;
  for (const auto& p : file.problems) {
    EXPECT_EQ(p.file, "f.csv");
    line_of[p.rule] = p.line;
  }
  EXPECT_EQ(line_of["indicators.number"], 3u);
  EXPECT_EQ(line_of["indicators.code"], 4u);
  EXPECT_EQ(line_of["indicators.columns"], 5u);
  EXPECT_EQ(line_of["indicators.duplicate"], 6u);
  EXPECT_EQ(file.problems[0].field, "taux");
  EXPECT_EQ(file.problems[0].value, "douze");
}

TEST(IndicatorsReader, AFileThatDoesNotMatchItsMappingIsRejectedWhole) {
  auto missing_column = read("note\ncode_insee;nbr;t30;taux\n67017;1;1;1\n", arcep_like());
  EXPECT_TRUE(missing_column.rows.empty());
  ASSERT_EQ(missing_column.problems.size(), 1u);
  EXPECT_EQ(missing_column.problems[0].line, 2u);
  EXPECT_EQ(missing_column.problems[0].field, "t100");
  EXPECT_EQ(missing_column.problems[0].action, Action::FileRejected);

  auto no_header = read("note seulement\n", arcep_like());
  EXPECT_TRUE(no_header.rows.empty());
  ASSERT_EQ(no_header.problems.size(), 1u);
  EXPECT_EQ(no_header.problems[0].rule, "indicators.header");

  auto bad_quotes = read("note\ncode_insee;nom;nbr;t30;t100;taux\n67017;\"A;1;1;1;1\n", arcep_like());
  EXPECT_TRUE(bad_quotes.rows.empty());
  ASSERT_EQ(bad_quotes.problems.size(), 1u);
  EXPECT_EQ(bad_quotes.problems[0].rule, "indicators.csv");
}

TEST(IndicatorsReader, CellValues) {
  bool unreadable = false;
  EXPECT_EQ(cell_value("1,5", unreadable), 1.5);
  EXPECT_EQ(cell_value("+2", unreadable), 2.0);
  EXPECT_EQ(cell_value("-3.25", unreadable), -3.25);
  EXPECT_FALSE(cell_value("n.d.", unreadable));
  EXPECT_FALSE(unreadable);
  EXPECT_FALSE(cell_value("1,000,000", unreadable));
  EXPECT_TRUE(unreadable);
  EXPECT_FALSE(cell_value("inf", unreadable));
  EXPECT_TRUE(unreadable);
}

// --- The real files of ../shared/data/indicateurs -----------------------------

fs::path shared(const std::string& name) { return fs::path(RELAIS_SOURCE_DIR) / "../shared/data/indicateurs" / name; }

Mapping shipped(const std::string& name) {
  std::ifstream in(fs::path(RELAIS_SOURCE_DIR) / "data/indicateurs/mappings" / name);
  std::stringstream text;
  text << in.rdbuf();
  return parse_mapping(text.str());
}

IndicatorFile read_file(const fs::path& path, const Mapping& mapping) {
  std::ifstream in(path, std::ios::binary);
  return read_indicators(in, mapping, path.filename().string());
}

// The ARCEP file (disclaimer on line 1, header on line 2, `;`) read with the
// shipped mapping agrees with the THD rate Data for Good derived from it.
TEST(IndicatorsRealFiles, ArcepAgreesWithTheDerivedThdFile) {
  if (!fs::exists(shared("arcep_commune-debit-beta_2019-09.csv"))) GTEST_SKIP() << "shared data absent";
  auto arcep = read_file(shared("arcep_commune-debit-beta_2019-09.csv"), shipped("arcep_debit_communes.json"));
  EXPECT_EQ(arcep.rows.size(), 35359u);
  for (const auto& p : arcep.problems) ADD_FAILURE() << p.line << " " << p.field << " " << p.message;
  auto derived = read_file(shared("d4g_batch8_taux_couverture_thd_2020.csv"),
                           parse_mapping(R"({"source": "d4g", "date": "2020", "code": "CODE_INSEE",
                                             "indicators": {"thd": {"column": "TAUX_COUVERTURE_THD"}}})"));
  std::map<std::string, std::optional<double>> expected;
  for (const auto& row : derived.rows) expected[row.code] = row.values[0];
  std::size_t compared = 0;
  for (const auto& row : arcep.rows) {
    auto it = expected.find(row.code);
    if (it == expected.end()) continue;
    if (!row.values[0] || !it->second) {
      EXPECT_EQ(row.values[0].has_value(), it->second.has_value()) << row.code;
      continue;
    }
    EXPECT_NEAR(*row.values[0], *it->second, 1e-6) << row.code;
    ++compared;
  }
  EXPECT_GT(compared, 34000u);
  auto baerendorf = std::find_if(arcep.rows.begin(), arcep.rows.end(), [](const auto& r) { return r.code == "67017"; });
  ASSERT_NE(baerendorf, arcep.rows.end());
  EXPECT_NEAR(*baerendorf->values[0], 6.756756756756754, 1e-9);
}

// The merged Data for Good file: 1,111 duplicated codes reported, poverty
// missing where INSEE keeps it secret (never read as 0).
TEST(IndicatorsRealFiles, DataForGoodMergeKeepsMissingValuesAndReportsDuplicates) {
  if (!fs::exists(shared("d4g_batch8_indicateurs_communes_merge_2020.csv"))) GTEST_SKIP() << "shared data absent";
  auto file = read_file(shared("d4g_batch8_indicateurs_communes_merge_2020.csv"),
                        shipped("d4g_indicateurs_communes_2020.json"));
  EXPECT_EQ(file.rows.size(), 35282u);
  std::size_t duplicates = 0, others = 0;
  for (const auto& p : file.problems) (p.rule == "indicators.duplicate" ? duplicates : others)++;
  EXPECT_EQ(duplicates, 1111u);
  EXPECT_EQ(others, 0u);
  std::size_t poverty = 0, poverty_zero = 0;
  for (const auto& row : file.rows) {
    if (row.values[0]) {
      ++poverty;
      poverty_zero += *row.values[0] == 0;
    }
  }
  EXPECT_GT(poverty, 5000u);
  EXPECT_LT(poverty, 7000u);
  EXPECT_EQ(poverty_zero, 0u);
}

TEST(IndicatorsRealFiles, OfficialIfnScores) {
  if (!fs::exists(shared("ifn_communes_2023-08.csv"))) GTEST_SKIP() << "shared data absent";
  auto communes = read_file(shared("ifn_communes_2023-08.csv"), shipped("ifn_officiel_communes_2023.json"));
  EXPECT_EQ(communes.rows.size(), 35008u);
  EXPECT_TRUE(communes.problems.empty());
  std::size_t without = 0;
  for (const auto& row : communes.rows) without += !row.values.back();
  EXPECT_EQ(without, 2u);  // 13055 Marseille and 27058 Les Trois Lacs
  auto epci = read_file(shared("ifn_epci_2023-08.csv"), shipped("ifn_officiel_epci_2023.json"));
  // 1,255 rows, one of them "ZZZZZZZZZ" (INSEE's code for communes in no
  // EPCI: islands such as Yeu or Sein), which is not an EPCI: reported.
  EXPECT_EQ(epci.rows.size(), 1254u);
  ASSERT_EQ(epci.problems.size(), 1u);
  EXPECT_EQ(epci.problems[0].value, "ZZZZZZZZZ");
  EXPECT_EQ(epci.problems[0].rule, "indicators.code");
}

}  // namespace
}  // namespace relais::indicators
