#include "territory/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

namespace relais::territory {
namespace {

namespace fs = std::filesystem;

fs::path decoupage_dir() {
  return fs::path(RELAIS_SOURCE_DIR) / "node_modules/@etalab/decoupage-administratif/data";
}
fs::path laposte_csv() { return fs::path(RELAIS_SOURCE_DIR) / "data/territoires/laposte_hexasmal_2020.csv"; }

// The real sources, loaded once for the whole suite (about a second).
class RealCommunes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(decoupage_dir() / "communes.json") || !fs::exists(laposte_csv())) return;
    problems_ = new Problems();
    index_ = new CommuneIndex(build_commune_index(decoupage_dir(), laposte_csv(), problems_));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete problems_;
    index_ = nullptr;
    problems_ = nullptr;
  }
  void SetUp() override {
    if (!index_) GTEST_SKIP() << "npm decoupage-administratif or La Poste CSV absent";
  }
  static inline CommuneIndex* index_ = nullptr;
  static inline Problems* problems_ = nullptr;
};

double km(const Coordinates& a, double lat, double lon) {
  // Equirectangular is plenty for "near" checks at a few km.
  double dx = (a.longitude - lon) * 111.32 * std::cos(lat * 3.14159265 / 180);
  double dy = (a.latitude - lat) * 110.57;
  return std::sqrt(dx * dx + dy * dy);
}

TEST_F(RealCommunes, CountsAndPositions) {
  // ~35k communes actuelles + 45 arrondissements.
  EXPECT_GT(index_->size(), 34000u);
  EXPECT_LT(index_->size(), 36000u);
  std::size_t arrondissements = 0, with_position = 0;
  for (const auto& c : index_->communes()) {
    arrondissements += c.commune_parente.has_value();
    with_position += c.position.has_value();
  }
  EXPECT_EQ(arrondissements, 45u);
  // Communes created after 2020 may lack a La Poste row; nearly all have one.
  EXPECT_GT(with_position, index_->size() * 98 / 100);
  // The real file has no malformed row; unknown (pre-merger) codes are warnings.
  for (const auto& p : *problems_) EXPECT_EQ(p.severity, Severity::Warning) << p.line << " " << p.message;
}

TEST_F(RealCommunes, LyonParisMarseille) {
  const Commune* lyon = index_->find("69123");
  ASSERT_NE(lyon, nullptr);
  EXPECT_EQ(lyon->nom, "Lyon");
  ASSERT_TRUE(lyon->position);
  EXPECT_LT(km(*lyon->position, 45.76, 4.83), 5.0);
  for (const char* code : {"75101", "75120", "69381", "69389", "13201", "13216"}) {
    const Commune* arr = index_->find(code);
    ASSERT_NE(arr, nullptr) << code;
    const Commune* parent = index_->find_commune(code);
    ASSERT_NE(parent, nullptr);
    EXPECT_EQ(parent->code_insee, *arr->commune_parente);
    EXPECT_FALSE(parent->commune_parente);
    EXPECT_EQ(index_->departement_of(code), parent->code_departement);
    EXPECT_EQ(index_->epci_of(code), parent->code_epci);
  }
  EXPECT_EQ(index_->find_commune("13201")->code_insee, "13055");
  EXPECT_TRUE(index_->contains({TerritoryLevel::Commune, "75056"}, "75108"));
  EXPECT_FALSE(index_->contains({TerritoryLevel::Commune, "75108"}, "75056"));
  EXPECT_TRUE(index_->contains({TerritoryLevel::Departement, "13"}, "13203"));
  EXPECT_TRUE(index_->contains({TerritoryLevel::Region, "93"}, "13001"));
  EXPECT_FALSE(index_->contains({TerritoryLevel::Region, "84"}, "13001"));
  // Aix-Marseille-Provence métropole.
  EXPECT_TRUE(index_->contains({TerritoryLevel::Epci, "200054807"}, "13001"));
  EXPECT_TRUE(index_->contains({TerritoryLevel::Epci, "200054807"}, "13205"));
}

TEST_F(RealCommunes, PostcodeAndDerivation) {
  auto aix = index_->by_postcode("13100");
  ASSERT_FALSE(aix.empty());
  EXPECT_EQ(aix.front()->code_insee, "13001");

  auto d = index_->derive_code_insee("73100", "Aix les bains", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "73008");
  EXPECT_EQ(d->method, DerivationMethod::PostcodeAndName);

  d = index_->derive_code_insee("13100", "AIX-EN-PROVENCE CEDEX 1", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "13001");

  // A La Poste locality (Ligne_5) names its commune.
  d = index_->derive_code_insee("13100", "La Duranne", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "13001");

  d = index_->derive_code_insee("13003", "Marseille 3e", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "13055");

  d = index_->derive_code_insee("69003", "Lyon 3ème", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "69123");

  // St / Saint
  d = index_->derive_code_insee("42000", "St Etienne", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "42218");

  // Real PACA records: wrong postcode, CEDEX postcode, misspelling.
  d = index_->derive_code_insee("06100", "Grasse", std::nullopt);  // 06100 is Nice
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "06069");
  EXPECT_EQ(d->method, DerivationMethod::NameInDepartement);
  d = index_->derive_code_insee("83412", "Hyères", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "83069");
  d = index_->derive_code_insee("83500", "LA SEYNES SUR MER", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "83126");
  EXPECT_EQ(d->method, DerivationMethod::PostcodeAndSimilarName);

  // Unknown postcode, coordinates in central Lyon: nearest commune overall.
  d = index_->derive_code_insee("00000", "", Coordinates{45.7640, 4.8357});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "69123");
  EXPECT_EQ(d->method, DerivationMethod::NearestOverall);
  ASSERT_TRUE(d->distance_km);
  EXPECT_LT(*d->distance_km, 10.0);

  // Open sea: nothing within 10 km.
  EXPECT_FALSE(index_->derive_code_insee("00000", "", Coordinates{43.0, 6.5}));
}

TEST_F(RealCommunes, Search) {
  auto hits = index_->search("Aix");
  ASSERT_GE(hits.size(), 3u);
  // The commune named exactly "Aix" (Corrèze) first, then the most populous
  // name starting with "Aix": Aix-en-Provence.
  EXPECT_EQ(hits[0].commune->nom, "Aix");
  EXPECT_EQ(hits[1].commune->code_insee, "13001");
  // Postcode 13100 (Aix) before INSEE code 13100 (Saint-Rémy-de-Provence).
  hits = index_->search("13100");
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits.front().commune->code_insee, "13001");
  bool saint_remy = false;
  for (const auto& h : hits) saint_remy |= h.commune->code_insee == "13100";
  EXPECT_TRUE(saint_remy);
  hits = index_->search("lyon", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().commune->code_insee, "69123");
  EXPECT_LE(hits.size(), 3u);
}

// search() answers from sorted word starts and postcodes; this is what it
// must agree with: every commune read, scored by the documented rules.
// `keys`: commune_name_key of every commune's name, in index order.
std::vector<std::pair<std::string, int>> search_by_scan(const CommuneIndex& index, const std::vector<std::string>& keys,
                                                         std::string_view text) {
  std::string query = commune_name_key(text);
  bool numeric = !query.empty() && std::all_of(query.begin(), query.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::vector<SearchHit> hits;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const Commune& c = index.communes()[i];
    int score = 0;
    if (numeric) {
      if (c.code_insee == query) score = 300;
      for (const auto& cp : c.codes_postaux) score = std::max(score, cp == query ? 400 : cp.starts_with(query) ? 100 : 0);
    } else {
      const std::string& name = keys[i];
      score = name == query ? 300 : name.starts_with(query) ? 200 : name.find(" " + query) != std::string::npos ? 100 : 0;
    }
    if (score > 0) hits.push_back({&c, score});
  }
  std::sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.commune->population != b.commune->population) return a.commune->population > b.commune->population;
    return a.commune->code_insee < b.commune->code_insee;
  });
  std::vector<std::pair<std::string, int>> out;
  if (query.empty()) return out;
  for (std::size_t i = 0; i < hits.size(); ++i) out.emplace_back(hits[i].commune->code_insee, hits[i].score);
  return out;
}

TEST_F(RealCommunes, SearchAgreesWithAScanOfEveryCommune) {
  std::vector<std::string> queries{"a", "Aix", "saint", "st martin", "Sainte-Marie", "lyon", "Lyon 3e", "marseille",
                                   "sur", "le", "en provence", "Bourg", "y", "69", "6910", "69100", "13100", "75001",
                                   "97411", "2A004", "0", "zzzz", "Villeurbanne", "Les Adrets-de-l'Estérel"};
  // Every 211th commune's name, its second word, its first postcode and a prefix of it.
  auto communes = index_->communes();
  std::vector<std::string> keys;
  for (const auto& c : communes) keys.push_back(commune_name_key(c.nom));
  for (std::size_t i = 0; i < communes.size(); i += 211) {
    const auto& c = communes[i];
    queries.push_back(c.nom);
    if (auto space = c.nom.find_first_of(" -"); space != std::string::npos) queries.push_back(c.nom.substr(space + 1));
    if (!c.codes_postaux.empty()) {
      queries.push_back(c.codes_postaux.front());
      queries.push_back(c.codes_postaux.front().substr(0, 3));
    }
  }
  for (const auto& q : queries) {
    auto expected = search_by_scan(*index_, keys, q);
    for (std::size_t limit : {std::size_t{1}, std::size_t{5}, std::size_t{50}}) {
      std::vector<std::pair<std::string, int>> got;
      for (const auto& hit : index_->search(q, limit)) got.emplace_back(hit.commune->code_insee, hit.score);
      auto want = expected;
      if (want.size() > limit) want.resize(limit);
      ASSERT_EQ(got, want) << "query \"" << q << "\", limit " << limit;
    }
  }
}

fs::path write_temp(const std::string& name, const std::string& content) {
  fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::vector<Commune> two_communes() {
  Commune a;
  a.code_insee = "13001";
  a.nom = "Aix-en-Provence";
  Commune b;
  b.code_insee = "73008";
  b.nom = "Aix-les-Bains";
  return {a, b};
}

TEST(LaPoste, BadRowsAreLocated) {
  auto path = write_temp("relais_laposte_bad.csv",
                         "Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps\r\n"
                         "13001;AIX EN PROVENCE;13100;;AIX EN PROVENCE;43.5360708378,5.39857444582\r\n"
                         "1300X;AIX;13100;;AIX;43.5,5.3\r\n"
                         "73008;AIX LES BAINS;731;;AIX LES BAINS;45.69,5.90\r\n"
                         "73008;AIX LES BAINS;73100;;AIX LES BAINS;north\r\n"
                         "73008;AIX LES BAINS;73100\r\n"
                         "99999;NOWHERE;99999;;NOWHERE;45,5\r\n"
                         "73008;AIX LES BAINS;73100;;AIX LES BAINS;45.6978541675, 5.90388626955\r\n");
  auto communes = two_communes();
  Problems problems = apply_laposte(communes, path);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].line, 3u);
  EXPECT_EQ(problems[0].field, "Code_commune_INSEE");
  EXPECT_EQ(problems[0].value, "1300X");
  EXPECT_EQ(problems[1].line, 4u);
  EXPECT_EQ(problems[1].field, "Code_postal");
  EXPECT_EQ(problems[2].line, 5u);
  EXPECT_EQ(problems[2].field, "coordonnees_gps");
  EXPECT_EQ(problems[3].line, 6u);
  EXPECT_EQ(problems[3].rule, "laposte.columns");
  EXPECT_EQ(problems[4].line, 7u);
  EXPECT_EQ(problems[4].severity, Severity::Warning);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(problems[i].severity, Severity::Error);
  ASSERT_TRUE(communes[1].position);
  EXPECT_DOUBLE_EQ(communes[1].position->latitude, 45.6978541675);  // "lat, lon" with a space
  EXPECT_EQ(communes[1].codes_postaux, std::vector<std::string>{"73100"});
  ASSERT_TRUE(communes[0].position);
  fs::remove(path);
}

TEST(LaPoste, WrongHeaderOrMissingFileThrows) {
  auto path = write_temp("relais_laposte_header.csv", "a;b;c\r\n1;2;3\r\n");
  auto communes = two_communes();
  EXPECT_THROW(apply_laposte(communes, path), TerritoryLoadError);
  fs::remove(path);
  EXPECT_THROW(apply_laposte(communes, "/nonexistent/laposte.csv"), TerritoryLoadError);
  EXPECT_THROW(load_decoupage("/nonexistent"), TerritoryLoadError);
}

}  // namespace
}  // namespace relais::territory

namespace relais::territory {
namespace {

// Real places of the PACA hub (v0.1 file, 792 places, 23 with code_insee).
TEST_F(RealCommunes, DerivesTheCodesOfRealPacaPlaces) {
  fs::path file = fs::path(RELAIS_SHARED_DATA_DIR) / "lieux/cartonat_v0.1_20230516_hub-du-sud_paca.json";
  if (!fs::exists(file)) GTEST_SKIP() << "shared data absent";
  std::ifstream in(file);
  auto places = nlohmann::json::parse(in);
  std::size_t derived = 0, with_code = 0, agree = 0;
  std::map<DerivationMethod, std::size_t> methods;
  for (const auto& p : places) {
    std::optional<Coordinates> pos;
    if (p.contains("latitude") && p.contains("longitude") && p["latitude"].is_number()) {
      pos = Coordinates{p["latitude"].get<double>(), p["longitude"].get<double>()};
    }
    auto d = index_->derive_code_insee(p.value("code_postal", ""), p.value("commune", ""), pos);
    if (d) {
      ++derived;
      ++methods[d->method];
    }
    if (p.contains("code_insee") && p["code_insee"].is_string()) {
      ++with_code;
      const Commune* given = index_->find_commune(p["code_insee"].get<std::string>());
      ASSERT_NE(given, nullptr) << p["code_insee"];
      ASSERT_TRUE(d) << p["id"];
      agree += d->code_insee == given->code_insee;
      EXPECT_EQ(d->code_insee, given->code_insee) << p["id"] << " " << p.value("commune", "");
    }
  }
  EXPECT_EQ(with_code, 23u);
  EXPECT_EQ(agree, with_code);
  std::cout << "PACA: " << derived << "/" << places.size() << " derived;";
  for (auto [m, n] : methods) std::cout << " " << method_name(m) << "=" << n;
  std::cout << "\n";
  EXPECT_GT(derived, places.size() * 95 / 100);
}

}  // namespace
}  // namespace relais::territory
