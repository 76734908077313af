#include "maps/contour_import.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace relais::maps {
namespace {

territory::Commune commune(std::string code, std::string nom, std::string dep, std::string reg,
                           std::vector<std::string> anciens = {}, std::optional<std::string> parent = std::nullopt) {
  territory::Commune c;
  c.code_insee = std::move(code);
  c.nom = std::move(nom);
  c.code_departement = std::move(dep);
  c.code_region = std::move(reg);
  c.anciens_codes = std::move(anciens);
  c.commune_parente = std::move(parent);
  return c;
}

const territory::CommuneIndex& communes() {
  // Valserhône (2019) absorbed Châtillon-en-Michaille (01091) and Lancrans
  // (01205) and kept Bellegarde-sur-Valserine's code 01033.
  static const territory::CommuneIndex index({
      commune("01033", "Valserhône", "01", "84", {"01091", "01205"}),
      commune("69123", "Lyon", "69", "84"),
      commune("69381", "Lyon 1er Arrondissement", "69", "84", {}, "69123"),
      commune("2A004", "Ajaccio", "2A", "94"),
      commune("97411", "Saint-Denis", "974", "04"),
  });
  return index;
}

std::string square(double lat, double lon) {
  auto p = [](double x, double y) { return "[" + std::to_string(x) + "," + std::to_string(y) + "]"; };
  return "[[" + p(lon, lat) + "," + p(lon + 0.01, lat) + "," + p(lon + 0.01, lat + 0.01) + "," + p(lon, lat + 0.01) +
         "," + p(lon, lat) + "]]";
}

std::string feature(std::string properties, double lat, double lon) {
  return R"({"type":"Feature","properties":)" + properties + R"(,"geometry":{"type":"Polygon","coordinates":)" +
         square(lat, lon) + "}}";
}

std::string collection(const std::vector<std::string>& features) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) out += (i ? "," : "") + features[i];
  return out + "]}";
}

const Problem* find_rule(const Problems& problems, std::string_view rule) {
  for (const auto& p : problems)
    if (p.rule == rule) return &p;
  return nullptr;
}

TEST(ContourImport, FormerCommunesJoinTodaysCommuneUnknownCodesAreLeftOut) {
  const std::string text = collection({
      feature(R"({"code":"01033","nom":"Bellegarde-sur-Valserine"})", 46.1, 5.8),
      feature(R"({"code":"01091","nom":"Châtillon-en-Michaille"})", 46.14, 5.8),
      feature(R"({"code":"01205","nom":"Lancrans"})", 46.12, 5.83),
      feature(R"({"code":"69381","nom":"Lyon 1er"})", 45.77, 4.83),
      feature(R"({"code":"99999","nom":"Nulle part"})", 45.0, 4.0),
  });
  auto r = import_contours(text, "c.geojson", communes(), {});
  EXPECT_FALSE(r.rejected);
  EXPECT_EQ(r.level, kCommune);
  EXPECT_TRUE(r.level_guessed);
  EXPECT_EQ(r.features, 5u);
  ASSERT_EQ(r.contours.size(), 2u);
  EXPECT_EQ(r.contours[0].code, "01033");
  EXPECT_EQ(r.contours[0].name, "Valserhône") << "today's name";
  EXPECT_EQ(r.contours[0].polygons.size(), 3u) << "the three former communes";
  EXPECT_EQ(r.contours[1].code, "69381") << "an arrondissement keeps its own contour";

  std::size_t former = 0;
  for (const auto& p : r.problems) former += p.rule == "contours.former_commune";
  EXPECT_EQ(former, 2u);
  const Problem* unknown = find_rule(r.problems, "contours.unknown_code");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->record, 4u);
  EXPECT_EQ(unknown->field, "properties.code");
  EXPECT_EQ(unknown->value, "99999");
  EXPECT_EQ(unknown->action, Action::RecordDropped);
  // Lyon has an arrondissement's contour: not missing; Ajaccio and Saint-Denis are.
  EXPECT_EQ(r.territories_without_contour, 2u);
  const Problem* missing = find_rule(r.problems, "contours.missing_territories");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->value, "2A004, 97411");
}

TEST(ContourImport, DepartementsFromTheirKeyOrTheirCodes) {
  const std::string inclusion = collection({
      feature(R"({"DDEP_C_COD":"69","DDEP_L_LIB":"Rhône"})", 45.8, 4.6),
      feature(R"({"DDEP_C_COD":"2A","DDEP_L_LIB":"Corse-du-Sud"})", 41.9, 8.8),
      feature(R"({"DDEP_C_COD":"975","DDEP_L_LIB":"Saint-Pierre-et-Miquelon"})", 46.9, -56.3),
  });
  auto r = import_contours(inclusion, "d.geojson", communes(), {});
  EXPECT_EQ(r.level, kDepartement);
  EXPECT_EQ(r.code_key, "DDEP_C_COD");
  ASSERT_EQ(r.contours.size(), 2u);
  EXPECT_EQ(r.contours[0].code, "2A");
  EXPECT_EQ(r.contours[1].name, "Rhône");
  ASSERT_TRUE(find_rule(r.problems, "contours.unknown_code"));
  EXPECT_EQ(find_rule(r.problems, "contours.unknown_code")->value, "975");
  EXPECT_EQ(r.territories_without_contour, 2u);  // 01, 974

  // A generic "code": régions when every code is one and they are few enough.
  auto regions = import_contours(collection({feature(R"({"code":"84","nom":"ARA"})", 45, 4),
                                             feature(R"({"code":"94","nom":"Corse"})", 42, 9)}),
                                 "r.geojson", communes(), {});
  EXPECT_EQ(regions.level, kRegion);
  EXPECT_EQ(regions.contours.size(), 2u);
  EXPECT_EQ(regions.territories_without_contour, 1u);  // 04
  auto departements = import_contours(collection({feature(R"({"code":"69","nom":"Rhône"})", 45, 4),
                                                  feature(R"({"code":"2A","nom":"Corse-du-Sud"})", 42, 9)}),
                                      "d.geojson", communes(), {});
  EXPECT_EQ(departements.level, kDepartement);

  // A forced level is not second-guessed.
  auto forced = import_contours(collection({feature(R"({"code":"69","nom":"Rhône"})", 45, 4)}), "d.geojson",
                                communes(), {kRegion, 0.0005});
  EXPECT_FALSE(forced.level_guessed);
  EXPECT_TRUE(forced.contours.empty());
}

TEST(ContourImport, RejectedFileAndMissingCode) {
  auto r = import_contours("{\"type\":", "x.geojson", communes(), {});
  EXPECT_TRUE(r.rejected);
  EXPECT_TRUE(r.contours.empty());
  auto no_code = import_contours(collection({feature(R"({"nom":"Lyon"})", 45, 4)}), "x.geojson", communes(), {});
  ASSERT_TRUE(find_rule(no_code.problems, "contours.code"));
  EXPECT_TRUE(no_code.contours.empty());
}

TEST(ContourImport, GeometryIsSimplified) {
  std::string ring = "[";
  for (int i = 0; i <= 360; ++i) {
    const double a = (i % 360) * M_PI / 180;
    ring += (i ? "," : "") + std::string("[") + std::to_string(4.83 + 0.05 * std::cos(a)) + "," +
            std::to_string(45.76 + 0.05 * std::sin(a)) + "]";
  }
  ring += "]";
  const std::string text = R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"69123"},)"
                           R"("geometry":{"type":"Polygon","coordinates":[)" + ring + "]}}]}";
  auto r = import_contours(text, "c.geojson", communes(), {});
  EXPECT_EQ(r.points_read, 361u);
  EXPECT_LT(r.points_kept, 60u);
  auto exact = import_contours(text, "c.geojson", communes(), {"", 0});
  EXPECT_EQ(exact.points_kept, 361u);
}

// The real files of ../shared/data/contours against a commune table made of
// their own codes (the real one needs `relais import communes`; see
// cli_test.sh for the end-to-end import).
std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ContourImport, RealDepartementsFiles) {
  const std::filesystem::path dir = std::filesystem::path(RELAIS_SHARED_DATA_DIR) / "contours";
  if (!std::filesystem::exists(dir / "departements_avec-outre-mer_2018_gregoiredavid.geojson")) {
    GTEST_SKIP() << "no shared data";
  }
  // One commune per département of the 2018 COG (101), so every département code is known.
  std::vector<territory::Commune> list;
  const char* drom[] = {"971", "972", "973", "974", "976"};
  for (int d = 1; d <= 95; ++d) {
    if (d == 20) continue;
    char code[3];
    std::snprintf(code, sizeof code, "%02d", d);
    list.push_back(commune(std::string(code) + "001", "C", code, "84"));
  }
  list.push_back(commune("2A004", "Ajaccio", "2A", "94"));
  list.push_back(commune("2B033", "Bastia", "2B", "94"));
  for (const char* d : drom) list.push_back(commune(std::string(d) + "01", "C", d, "01"));
  const territory::CommuneIndex index(std::move(list));

  const auto start = std::chrono::steady_clock::now();
  auto gregoire = import_contours(read_file(dir / "departements_avec-outre-mer_2018_gregoiredavid.geojson"),
                                  "departements.geojson", index, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(gregoire.level, kDepartement);
  EXPECT_EQ(gregoire.features, 101u);
  EXPECT_EQ(gregoire.contours.size(), 101u);
  EXPECT_EQ(gregoire.territories_without_contour, 0u);
  EXPECT_LT(gregoire.points_kept, gregoire.points_read);
  EXPECT_LT(seconds, 5.0);
  for (const auto& c : gregoire.contours) {
    EXPECT_FALSE(c.polygons.empty()) << c.code;
    for (const auto& polygon : c.polygons)
      for (const auto& ring : polygon) EXPECT_GE(ring.size(), 4u) << c.code;
  }
  const auto rhone = std::find_if(gregoire.contours.begin(), gregoire.contours.end(),
                                  [](const Contour& c) { return c.code == "69"; });
  ASSERT_NE(rhone, gregoire.contours.end());
  EXPECT_EQ(rhone->name, "Rhône");

  auto inclusion = import_contours(read_file(dir / "departements_inclusion-numerique-stack.geojson"),
                                   "departements_in.geojson", index, {});
  EXPECT_EQ(inclusion.level, kDepartement);
  EXPECT_EQ(inclusion.code_key, "DDEP_C_COD");
  EXPECT_EQ(inclusion.features, 108u);
  EXPECT_EQ(inclusion.contours.size(), 101u) << "975, 977, 978, 986–989 are not départements of the table";
  std::size_t unknown = 0;
  for (const auto& p : inclusion.problems) unknown += p.rule == "contours.unknown_code";
  EXPECT_EQ(unknown, 7u);
}

}  // namespace
}  // namespace relais::maps
