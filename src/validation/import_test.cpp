#include "validation/import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "standard/writer.h"

using namespace relais;
using namespace relais::validation;

namespace {

const std::filesystem::path kData = RELAIS_SHARED_DATA_DIR;

std::size_t count_rule(const Problems& problems, std::string_view rule) {
  return std::count_if(problems.begin(), problems.end(), [&](const Problem& p) { return p.rule == rule; });
}

const char* kHeader =
    "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,"
    "telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,"
    "structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,"
    "frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,"
    "modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv\n";

std::string row(std::string id, std::string telephone, std::string code_postal = "51100") {
  return id + ",43493312300029,Anonymal,Reims," + code_postal + ",51454,12 RUE DE LECLERCQ,,43.5,5.4,,"
         + telephone + ",,,,,,,,,2024-04-02,Aide aux démarches administratives,,,,,,,Se présenter,,,\n";
}

}  // namespace

TEST(Import, OneBadRecordKeepsTheOthers) {
  std::string csv = std::string(kHeader) + row("a", "+33180059880") + row("b", "+33180059880", "ABCDE") +
                    row("c", "+33180059880");
  auto result = import_buffer(csv, "three.csv");
  EXPECT_FALSE(result.rejected);
  EXPECT_EQ(result.layout, standard::Layout::V1);
  EXPECT_EQ(result.counts.read, 3u);
  EXPECT_EQ(result.counts.accepted, 2u);
  EXPECT_EQ(result.counts.dropped_records, 1u);
  ASSERT_EQ(result.places.size(), 2u);
  EXPECT_EQ(result.places[0].id, "a");
  EXPECT_EQ(result.places[1].id, "c");
  ASSERT_EQ(count_rule(result.problems, "code_postal.format"), 1u);
  auto it = std::find_if(result.problems.begin(), result.problems.end(),
                         [](const Problem& p) { return p.rule == "code_postal.format"; });
  EXPECT_EQ(it->record_id, "b");
  EXPECT_EQ(it->line, 3u);
  EXPECT_EQ(it->file, "three.csv");
}

TEST(Import, BadOptionalFieldIsDroppedAndCounted) {
  std::string csv = std::string(kHeader) + row("a", "12") + row("b", "+33180059880");
  auto result = import_buffer(csv, "phones.csv");
  ASSERT_EQ(result.places.size(), 2u);
  EXPECT_FALSE(result.places[0].telephone);
  EXPECT_EQ(result.counts.dropped_fields, 1u);
  EXPECT_TRUE(has_errors(result));
}

TEST(Import, StrictRejectsTheFileForOneBadValue) {
  std::string csv = std::string(kHeader) + row("a", "+33180059880") + row("b", "12");
  ImportOptions options;
  options.policy = Policy::Strict;
  auto result = import_buffer(csv, "strict.csv", options);
  EXPECT_TRUE(result.rejected);
  EXPECT_TRUE(result.places.empty());
  EXPECT_EQ(count_rule(result.problems, "telephone.format"), 1u);
  for (const auto& p : result.problems) {
    if (p.severity == Severity::Error) {
      EXPECT_EQ(p.action, Action::FileRejected);
    }
  }
  auto clean = import_buffer(std::string(kHeader) + row("a", "+33180059880"), "clean.csv", options);
  EXPECT_FALSE(clean.rejected);
  EXPECT_EQ(clean.places.size(), 1u);
}

TEST(Import, DuplicateIdDropsTheLaterRecord) {
  std::string csv = std::string(kHeader) + row("a", "+33180059880") + row("a", "0180059880");
  auto result = import_buffer(csv, "dup.csv");
  ASSERT_EQ(result.places.size(), 1u);
  EXPECT_EQ(result.places[0].telephone, "+33180059880");
  EXPECT_EQ(count_rule(result.problems, "id.duplicate"), 1u);
  EXPECT_EQ(result.counts.dropped_records, 1u);
}

TEST(Import, SourceOverride) {
  ImportOptions options;
  options.source = "Hubik";
  auto result = import_buffer(std::string(kHeader) + row("a", "+33180059880"), "s.csv", options);
  ASSERT_EQ(result.places.size(), 1u);
  EXPECT_EQ(result.places[0].source, "Hubik");
}

TEST(Import, UnreadableFileIsRejected) {
  auto result = import_file("/nonexistent/lieux.csv");
  EXPECT_TRUE(result.rejected);
  EXPECT_TRUE(has_errors(result));
}

TEST(Import, ReportsListEveryProblem) {
  std::string csv = std::string(kHeader) + row("a", "12");
  auto result = import_buffer(csv, "r.csv");
  std::ostringstream text;
  report_text(result, text);
  EXPECT_NE(text.str().find("telephone=\"12\" telephone.format (error, field_dropped)"), std::string::npos)
      << text.str();
  auto json = report_json(result);
  EXPECT_EQ(json["counts"]["read"], 1);
  EXPECT_EQ(json["problems"].size(), result.problems.size());
  bool found = false;
  for (const auto& p : json["problems"])
    if (p["rule"] == "telephone.format") {
      found = true;
      EXPECT_EQ(p["record_id"], "a");
      EXPECT_EQ(p["action"], "field_dropped");
      EXPECT_EQ(p["line"], 2);
    }
  EXPECT_TRUE(found);
}

// Import then export of the official valid v1 file gives the same records.
TEST(Import, OfficialFileRoundTrip) {
  auto file = kData / "standard/lamednum_exemple-valide_v1.csv";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared data absent";
  auto first = import_file(file);
  ASSERT_EQ(first.places.size(), 1u);
  EXPECT_FALSE(has_errors(first));
  std::ostringstream csv;
  standard::write_csv(csv, first.places);
  auto second = import_buffer(csv.str(), "roundtrip.csv");
  EXPECT_FALSE(has_errors(second));
  ASSERT_EQ(second.places.size(), 1u);
  EXPECT_EQ(second.places[0], first.places[0]);
}

// The 4 real v0.1 files (reference §15): every record converts; the known bad
// values are reported field by field.
TEST(Import, RealV01Files) {
  if (!std::filesystem::exists(kData / "lieux")) GTEST_SKIP() << "shared data absent";
  std::map<std::string, std::size_t> expected_records{
      {"cartonat_v0.1_hinaura_auvergne-rhone-alpes.json", 687},
      {"cartonat_v0.1_20230516_hub-du-sud_paca.json", 792},
      {"cartonat_v0.1_20240320_nouvelle-caledonie.json", 90},
      {"cartonat_v0.1_20231003_bus-france-services-charente.json", 12}};
  Problems all;
  std::size_t read = 0, accepted = 0;
  for (const auto& [name, records] : expected_records) {
    auto result = import_file(kData / "lieux" / name);
    EXPECT_EQ(result.layout, standard::Layout::V0_1) << name;
    EXPECT_EQ(result.counts.read, records) << name;
    EXPECT_FALSE(result.rejected);
    read += result.counts.read;
    accepted += result.counts.accepted;
    all.insert(all.end(), result.problems.begin(), result.problems.end());
    // Every accepted place passes validation again after export (v1 round trip).
    std::ostringstream csv;
    standard::write_csv(csv, result.places);
    auto again = import_buffer(csv.str(), "v1.csv");
    EXPECT_EQ(again.counts.errors, 0u) << name;
    ASSERT_EQ(again.places.size(), result.places.size()) << name;
    for (std::size_t i = 0; i < result.places.size(); ++i)
      EXPECT_EQ(again.places[i], result.places[i]) << result.places[i].id;
  }
  EXPECT_EQ(read, 1581u);
  EXPECT_EQ(count_rule(all, "pivot.placeholder"), 1581u);
  EXPECT_EQ(count_rule(all, "date_maj.epoch"), 144u + 18u);
  EXPECT_EQ(count_rule(all, "presentation_resume.length"), 12u);
  EXPECT_EQ(count_rule(all, "telephone.format"), 0u);
  EXPECT_EQ(count_rule(all, "telephone.schema_pattern"), 0u);
  ASSERT_EQ(count_rule(all, "courriels.format"), 1u);
  auto mail = std::find_if(all.begin(), all.end(), [](const Problem& p) { return p.rule == "courriels.format"; });
  EXPECT_EQ(mail->value, "chambéry@accorderie.fr");
  EXPECT_EQ(mail->action, Action::FieldDropped);
  // Every dropped record is explained by a RecordDropped problem.
  std::size_t record_drops = std::count_if(all.begin(), all.end(),
                                           [](const Problem& p) { return p.action == Action::RecordDropped; });
  EXPECT_EQ(read - accepted, record_drops);
}

TEST(Import, JsonV1ArrayWithNumbers) {
  std::string json = R"([{"id":"a","pivot":"W123456789","nom":"Espace","commune":"Nouméa","code_postal":"98800",
    "adresse":"1 rue de Sébastopol","latitude":-22.27,"longitude":166.45,"date_maj":"2024-01-31",
    "telephone":"+687123456","services":"Aide aux démarches administratives"}])";
  auto result = import_buffer(json, "lieux.json");
  EXPECT_EQ(result.layout, standard::Layout::V1);
  ASSERT_EQ(result.places.size(), 1u);
  ASSERT_TRUE(result.places[0].coordinates);
  EXPECT_DOUBLE_EQ(result.places[0].coordinates->longitude, 166.45);
  EXPECT_FALSE(has_errors(result));
}

TEST(Import, ValidateFileKeepsNoPlaces) {
  auto file = kData / "lieux/cartonat_v0.1_20231003_bus-france-services-charente.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared data absent";
  auto imported = import_file(file);
  auto validated = validate_file(file);
  EXPECT_TRUE(validated.places.empty());
  EXPECT_EQ(validated.counts.accepted, imported.counts.accepted);
  EXPECT_EQ(validated.problems.size(), imported.problems.size());
  EXPECT_EQ(imported.counts.read, 12u);
}
