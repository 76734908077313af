#include "standard/reader.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace relais::standard {
namespace {

const std::filesystem::path kData = RELAIS_SHARED_DATA_DIR;

TEST(StandardReader, DetectsFormatByExtensionThenContent) {
  EXPECT_EQ(detect_format("[]", "a.CSV"), Format::Csv);
  EXPECT_EQ(detect_format("id,nom", "a.json"), Format::Json);
  EXPECT_EQ(detect_format("id,nom", "a.geojson"), Format::Json);
  EXPECT_EQ(detect_format("\xEF\xBB\xBF \n [", "stdin"), Format::Json);
  EXPECT_EQ(detect_format("  {", "stdin"), Format::Json);
  EXPECT_EQ(detect_format("id,nom\n", "stdin"), Format::Csv);
}

TEST(StandardReader, DetectsLayoutFromFieldNames) {
  EXPECT_EQ(detect_layout({"id", "nom", "courriel", "cle_ban"}), Layout::V0_1);
  EXPECT_EQ(detect_layout({"id", "nom", "courriels", "frais_a_charge"}), Layout::V1);
  EXPECT_EQ(detect_layout({"id", "nom", "adresse"}), Layout::V1);
  EXPECT_EQ(detect_layout({"foo", "bar"}), Layout::Unknown);
}

TEST(StandardReader, AutoFormatDispatchesToTheRightReader) {
  auto json = read_buffer("[{\"id\": \"1\", \"courriel\": \"a@b.fr\"}]", "stdin", Format::Auto);
  ASSERT_EQ(json.records.size(), 1u);
  EXPECT_EQ(json.layout, Layout::V0_1);
  auto csv = read_buffer("id,nom\n1,A\n", "stdin", Format::Auto);
  ASSERT_EQ(csv.records.size(), 1u);
  EXPECT_EQ(csv.layout, Layout::V1);
  // An explicit format wins over the extension.
  auto forced = read_buffer("id,nom\n1,A\n", "x.json", Format::Csv);
  EXPECT_EQ(forced.records.size(), 1u);
}

TEST(StandardReader, V01CsvHeaderJudgesColumnsAgainstV01) {
  auto result = read_buffer("id,nom,courriel,cle_ban,frais_a_charge\n1,A,a@b.fr,x,Gratuit\n", "old.csv", Format::Csv);
  EXPECT_EQ(result.layout, Layout::V0_1);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].rule, "csv.unknown_column");
  EXPECT_EQ(result.problems[0].field, "frais_a_charge");
}

TEST(StandardReader, MissingFileIsFatal) {
  auto result = read_file("/nonexistent/relais/file.csv");
  EXPECT_TRUE(result.fatal);
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].rule, "file.open");
  EXPECT_EQ(result.problems[0].action, Action::FileRejected);
}

TEST(StandardReader, ReadsEachRealV01FileFully) {
  if (!std::filesystem::exists(kData / "lieux")) GTEST_SKIP() << "shared data absent";
  const std::pair<const char*, std::size_t> files[] = {
      {"cartonat_v0.1_hinaura_auvergne-rhone-alpes.json", 687},
      {"cartonat_v0.1_20230516_hub-du-sud_paca.json", 792},
      {"cartonat_v0.1_20240320_nouvelle-caledonie.json", 90},
      {"cartonat_v0.1_20231003_bus-france-services-charente.json", 12},
  };
  for (const auto& [name, count] : files) {
    auto result = read_file(kData / "lieux" / name);
    SCOPED_TRACE(name);
    EXPECT_FALSE(result.fatal);
    EXPECT_EQ(result.layout, Layout::V0_1);
    EXPECT_EQ(result.records.size(), count);
    for (const auto& p : result.problems) EXPECT_NE(p.severity, Severity::Error) << p.rule << " " << p.message;
    for (const auto& record : result.records) {
      EXPECT_GT(record.line, 1u);
      ASSERT_NE(record.find("id"), nullptr);
    }
  }
}

TEST(StandardReader, ReadsOfficialV1ExampleRow) {
  auto path = kData / "standard" / "lamednum_exemple-valide_v1.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent";
  auto result = read_file(path);
  EXPECT_FALSE(result.fatal);
  EXPECT_EQ(result.layout, Layout::V1);
  EXPECT_TRUE(result.problems.empty());
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].line, 2u);
  EXPECT_EQ(result.records[0].fields.size(), 32u);
}

}  // namespace
}  // namespace relais::standard
