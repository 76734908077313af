#include "standard/csv_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace relais::standard {
namespace {

const std::filesystem::path kData = RELAIS_SHARED_DATA_DIR;

std::vector<const Problem*> with_rule(const ReadResult& result, std::string_view rule) {
  std::vector<const Problem*> found;
  for (const auto& p : result.problems)
    if (p.rule == rule) found.push_back(&p);
  return found;
}

TEST(CsvReader, ReadsFieldsAndOmitsEmptyCells) {
  auto result = read_csv("id,nom,commune\n1,Lieu,\n2,,Reims\n", "t.csv");
  EXPECT_FALSE(result.fatal);
  EXPECT_TRUE(result.problems.empty());
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].fields.size(), 2u);
  EXPECT_EQ(*result.records[0].find("nom"), "Lieu");
  EXPECT_EQ(result.records[0].find("commune"), nullptr);
  EXPECT_EQ(*result.records[1].find("commune"), "Reims");
  EXPECT_EQ(result.records[1].line, 3u);
  EXPECT_EQ(result.records[1].index, 1u);
}

TEST(CsvReader, KeepsSpacesAndQuotesExactly) {
  auto result = read_csv("id,nom\n1, a \"\"b\"\" \n2,\"x,\"\"y\"\"\"\n", "t.csv");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(*result.records[1].find("nom"), "x,\"y\"");
}

TEST(CsvReader, StripsBomAndAcceptsCrlf) {
  auto result = read_csv("\xEF\xBB\xBFid,nom\r\n1,A\r\n2,B\r\n", "t.csv");
  EXPECT_TRUE(result.problems.empty());
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].fields[0].first, "id");
  EXPECT_EQ(*result.records[1].find("nom"), "B");
  EXPECT_EQ(result.records[1].line, 3u);
}

TEST(CsvReader, BareCarriageReturnLineEndsAreRead) {
  auto result = read_csv("id,nom\r1,A\r2,B\r", "t.csv");
  EXPECT_TRUE(result.problems.empty());
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(*result.records[1].find("nom"), "B");
}

TEST(CsvReader, DetectsSemicolonSeparatorWithWarning) {
  auto result = read_csv("id;nom;commune\n1;A, B;Reims\n", "t.csv");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(*result.records[0].find("nom"), "A, B");
  auto found = with_rule(result, "csv.separator");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->severity, Severity::Warning);
}

TEST(CsvReader, QuotedLineBreaksKeepPhysicalLines) {
  auto result = read_csv("id,nom\n1,\"a\nb\r\nc\"\n\n2,\"x\"\n3,y", "t.csv");
  ASSERT_EQ(result.records.size(), 3u);
  EXPECT_EQ(*result.records[0].find("nom"), "a\nb\r\nc");
  EXPECT_EQ(result.records[0].line, 2u);
  EXPECT_EQ(result.records[1].line, 6u);  // after the blank line 5
  EXPECT_EQ(result.records[2].line, 7u);
}

TEST(CsvReader, InvalidUtf8DropsTheRecordWithLineAndField) {
  auto result = read_csv("id,nom\n1,ok\n2,caf\xE9\n3,fine\n", "t.csv");
  ASSERT_EQ(result.records.size(), 2u);
  auto found = with_rule(result, "encoding.utf8");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->line, 3u);
  EXPECT_EQ(found[0]->field, "nom");
  EXPECT_EQ(found[0]->record_id, "2");
  EXPECT_EQ(found[0]->value, "caf\\xE9");
  EXPECT_EQ(found[0]->action, Action::RecordDropped);
}

TEST(CsvReader, InvalidUtf8HeaderIsFatal) {
  auto result = read_csv("id,n\xFFm\n1,a\n", "t.csv");
  EXPECT_TRUE(result.fatal);
  EXPECT_TRUE(result.records.empty());
  EXPECT_EQ(with_rule(result, "encoding.utf8").size(), 1u);
}

TEST(CsvReader, EmptyFileIsFatalAndHeaderOnlyHasNoRecords) {
  for (std::string_view empty : {"", "\xEF\xBB\xBF", " \r\n\n"}) {
    auto result = read_csv(empty, "t.csv");
    EXPECT_TRUE(result.fatal);
    EXPECT_EQ(with_rule(result, "file.empty").size(), 1u);
  }
  auto header_only = read_csv("id,nom\n", "t.csv");
  EXPECT_FALSE(header_only.fatal);
  EXPECT_TRUE(header_only.records.empty());
  EXPECT_EQ(with_rule(header_only, "file.no_records").size(), 1u);
}

TEST(CsvReader, UnknownColumnsWarnOnceAndAreKept) {
  auto result = read_csv("id,nom,structure_coop_id\n1,A,x\n2,B,y\n", "t.csv");
  auto found = with_rule(result, "csv.unknown_column");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->field, "structure_coop_id");
  EXPECT_EQ(found[0]->line, 1u);
  EXPECT_EQ(*result.records[1].find("structure_coop_id"), "y");
}

TEST(CsvReader, DuplicateColumnIsReportedAndIgnored) {
  auto result = read_csv("id,nom,nom\n1,A,B\n", "t.csv");
  EXPECT_EQ(with_rule(result, "csv.duplicate_column").size(), 1u);
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(*result.records[0].find("nom"), "A");
}

TEST(CsvReader, RaggedRowsAreLocated) {
  auto result = read_csv("id,nom\n1,A\n2\n3,C,extra\n4,D,\n", "t.csv");
  auto missing = with_rule(result, "csv.missing_cells");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->line, 3u);
  EXPECT_EQ(missing[0]->action, Action::RecordDropped);
  auto extra = with_rule(result, "csv.extra_cells");
  ASSERT_EQ(extra.size(), 2u);
  EXPECT_EQ(extra[0]->line, 4u);
  EXPECT_EQ(extra[0]->severity, Severity::Error);
  EXPECT_EQ(extra[1]->line, 5u);
  EXPECT_EQ(extra[1]->severity, Severity::Warning);
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(*result.records[0].find("id"), "1");
  EXPECT_EQ(*result.records[1].find("id"), "4");
}

TEST(CsvReader, MalformedQuotesAreToleratedWithWarning) {
  // The national pipeline writes inner quotes without doubling them.
  auto result = read_csv("id,nom\n1,\"a\"\n2,\"Le \"Lieu\" ici\"\n", "t.csv");
  auto found = with_rule(result, "csv.malformed_quotes");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->line, 3u);
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(*result.records[1].find("nom"), "Le \"Lieu\" ici");
}

TEST(CsvReader, UnterminatedQuoteDropsTheLastRecord) {
  auto result = read_csv("id,nom\n1,A\n2,\"never closed\n3,C\n", "t.csv");
  auto found = with_rule(result, "csv.unterminated_quote");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->line, 3u);
  ASSERT_EQ(result.records.size(), 1u);
}

TEST(CsvReader, RealFileWithQuotedLineBreaks) {
  auto path = kData / "lieux" / "aidants-connect_structures_2024-02-12.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent";
  auto result = read_file(path);
  EXPECT_FALSE(result.fatal);
  EXPECT_EQ(result.records.size(), 5227u);
  EXPECT_TRUE(with_rule(result, "csv.missing_cells").empty());
  EXPECT_TRUE(with_rule(result, "csv.extra_cells").empty());
  // Lines grow strictly and some records span several lines.
  std::size_t spanning = 0;
  for (std::size_t i = 1; i < result.records.size(); ++i) {
    ASSERT_GT(result.records[i].line, result.records[i - 1].line);
    if (result.records[i].line > result.records[i - 1].line + 1) ++spanning;
  }
  EXPECT_GT(spanning, 0u);
}

TEST(CsvReader, LargeInputIsReadInOnePass) {
  // ~20 MB: 60,000 rows of 32 columns with a long quoted text cell.
  std::string header = "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,"
                       "latitude,longitude,typologie,telephone,courriels,site_web,horaires,"
                       "presentation_resume,presentation_detail,source,itinerance,structure_parente,"
                       "date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,"
                       "frais_a_charge,dispositif_programmes_nationaux,formations_labels,"
                       "autres_formations_labels,modalites_acces,modalites_accompagnement,"
                       "fiche_acces_libre,prise_rdv\n";
  std::string detail(250, 'x');
  detail += ", \"\"quoted\"\"\nsecond line";
  std::string bytes = header;
  const std::size_t rows = 60000;
  for (std::size_t i = 0; i < rows; ++i) {
    bytes += std::to_string(i) + ",43493312300029,Lieu " + std::to_string(i) +
             ",Reims,51100,51454,12 RUE X,,49.25,4.03,ASSO,+33180059880,a@b.fr,https://x.fr,"
             "Mo-Fr 09:00-12:00,Résumé,\"" + detail + "\",Hubik,Fixe,,2024-04-02,"
             "Aide aux démarches administratives,Jeunes,Surdité,Gratuit,France Services,,,"
             "Se présenter,En autonomie,,\n";
  }
  ASSERT_GT(bytes.size(), 20'000'000u);
  auto result = read_csv(bytes, "big.csv");
  ASSERT_EQ(result.records.size(), rows);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.records.back().line, 2 + 2 * (rows - 1));
}

}  // namespace
}  // namespace relais::standard
