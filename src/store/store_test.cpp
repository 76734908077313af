#include "store/store.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "maps/contour_import.h"
#include "territory/loader.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

// A fresh folder per test, removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / (std::string("relais_store_") + info->name() + "_" +
                                        std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "sub" / "relais.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<Store> open() { return open_store({testing::test_database_url(path_)}); }
  std::unique_ptr<Store> open_sqlite() { return open_store({"sqlite:" + path_}); }

  fs::path dir_;
  std::string path_;
};

Place place(std::string id, std::string nom, std::optional<std::string> code_insee = std::nullopt) {
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = std::move(nom);
  p.commune = "Aix-en-Provence";
  p.code_postal = "13100";
  p.code_insee = std::move(code_insee);
  p.adresse = "1 rue A";
  p.coordinates = Coordinates{43.5, 5.4};
  p.services = {Service::AideDemarchesAdministratives};
  p.date_maj = year{2024} / 5 / 1;
  return p;
}

TEST_F(StoreTest, UrlForms) {
  try {  // PostgreSQL, on a port where no server listens
    open_store({"postgresql://127.0.0.1:1/relais?connect_timeout=5"});
    FAIL() << "unreachable PostgreSQL accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect to PostgreSQL"), std::string::npos) << e.what();
  }
  auto s = open_sqlite();  // sqlite:PATH, creating the missing folder
  EXPECT_TRUE(fs::exists(path_));
  auto plain = open_store({(dir_ / "plain.db").string()});
  EXPECT_TRUE(fs::exists(dir_ / "plain.db"));
  auto memory = open_store({testing::test_database_url(":memory:")});
  EXPECT_EQ(memory->count_places(), 0u);

  // Default: ./var/relais.db relative to the working directory.
  auto cwd = fs::current_path();
  fs::current_path(dir_);
  {
    auto def = open_store({});
    EXPECT_TRUE(fs::exists(dir_ / "var" / "relais.db"));
  }
  fs::current_path(cwd);
}

TEST_F(StoreTest, ImportCountsAndReplacementPerFile) {
  auto s = open();
  std::vector<Place> first{place("1", "Un", "13001"), place("2", "Deux"), place("3", "Trois")};
  auto r1 = s->import_places("hub", "a.csv", "sha-a1", first, R"({"ok":1})");
  EXPECT_EQ(r1.inserted, 3u);
  EXPECT_EQ(r1.updated + r1.unchanged + r1.removed, 0u);
  EXPECT_FALSE(r1.skipped_identical);

  // Backdate every row so an untouched updated_at is observable.
  {
    testing::raw_connection(testing::test_database_url(path_))->exec(
        "UPDATE places SET updated_at = '2000-01-01T00:00:00Z'");
  }
  std::vector<Place> second{place("1", "Un", "13001"), place("2", "Deux modifié"), place("4", "Quatre")};
  auto r2 = s->import_places("hub", "a.csv", "sha-a2", second, "{}");
  EXPECT_EQ(r2.inserted, 1u);
  EXPECT_EQ(r2.updated, 1u);
  EXPECT_EQ(r2.unchanged, 1u);
  EXPECT_EQ(r2.removed, 1u);
  EXPECT_EQ(s->count_places(), 3u);
  EXPECT_FALSE(s->find_place("hub", "3"));
  EXPECT_EQ(s->find_place("hub", "2")->nom, "Deux modifié");
  {
    auto raw = testing::raw_connection(testing::test_database_url(path_));
    sql::Statement q(*raw, "SELECT id, updated_at, code_insee, latitude, date_maj FROM places ORDER BY id");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(1), "2000-01-01T00:00:00Z");  // "1" unchanged
    EXPECT_EQ(q.text(2), "13001");
    EXPECT_DOUBLE_EQ(q.real(3), 43.5);
    EXPECT_EQ(q.text(4), "2024-05-01");
    ASSERT_TRUE(q.step());
    EXPECT_NE(q.text(1), "2000-01-01T00:00:00Z");  // "2" updated
  }

  // Another file of the same source, and another source: neither removes a.csv's places.
  s->import_places("hub", "b.csv", "sha-b", std::vector<Place>{place("9", "Neuf")}, "{}");
  s->import_places("other", "a.csv", "sha-o", std::vector<Place>{place("1", "Autre un")}, "{}");
  EXPECT_EQ(s->count_places(), 5u);
  auto stored = s->load_stored_places();
  ASSERT_EQ(stored.size(), 5u);
  EXPECT_EQ(stored[0].source, "hub");
  EXPECT_EQ(stored[0].place.id, "1");
  EXPECT_EQ(stored.back().source, "other");
  EXPECT_EQ(s->load_places().size(), 5u);
  EXPECT_EQ(s->load_places()[3], place("9", "Neuf"));

  auto runs = s->list_imports();
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs.back().sha256, "sha-a1");  // newest first
  EXPECT_EQ(runs.back().report_json, R"({"ok":1})");
  EXPECT_EQ(runs.back().inserted, 3u);
  EXPECT_EQ(runs[2].removed, 1u);
  EXPECT_EQ(runs.back().imported_at.size(), 20u);  // 2026-11-22T08:00:00Z
}

TEST_F(StoreTest, SameFileTwiceIsANoOp) {
  auto s = open();
  std::vector<Place> places{place("1", "Un"), place("2", "Deux")};
  s->import_places("hub", "a.csv", "same", places, "{}");
  const auto counter = s->change_counter();
  auto again = s->import_places("hub", "a.csv", "same", places, "{}");
  EXPECT_TRUE(again.skipped_identical);
  EXPECT_EQ(again.import_id, 0);
  EXPECT_EQ(again.inserted + again.updated + again.unchanged + again.removed, 0u);
  EXPECT_EQ(s->change_counter(), counter);
  EXPECT_EQ(s->list_imports().size(), 1u);
  // Same content under a new hash: everything unchanged.
  auto third = s->import_places("hub", "a.csv", "other-hash", places, "{}");
  EXPECT_EQ(third.unchanged, 2u);
  EXPECT_EQ(third.inserted + third.updated + third.removed, 0u);
}

TEST_F(StoreTest, FailedImportLeavesStoreUnchanged) {
  auto s = open();
  s->import_places("hub", "a.csv", "h1", std::vector<Place>{place("1", "Un"), place("2", "Deux")}, "{}");
  s->replace_duplicate_groups(std::vector<DuplicateMember>{{"g1", "hub", "1"}, {"g1", "hub", "2"}});
  const auto before_places = s->load_stored_places();
  const auto before_counter = s->change_counter();
  const auto before_runs = s->list_imports().size();

  // Real failure after rows were written: the id "3" comes twice.
  std::vector<Place> dup{place("1", "Un changé"), place("3", "Trois"), place("3", "Trois bis")};
  EXPECT_THROW(s->import_places("hub", "a.csv", "h2", dup, "{}"), StoreError);
  // Real failure of serialization in the middle of the batch (invalid UTF-8).
  std::vector<Place> bad{place("4", "Quatre"), place("5", "bad \xFF name"), place("6", "Six")};
  EXPECT_THROW(s->import_places("hub", "a.csv", "h3", bad, "{}"), StoreError);

  EXPECT_EQ(s->load_stored_places().size(), before_places.size());
  for (std::size_t i = 0; i < before_places.size(); ++i) {
    EXPECT_EQ(s->load_stored_places()[i].place, before_places[i].place);
  }
  EXPECT_EQ(s->change_counter(), before_counter);
  EXPECT_EQ(s->list_imports().size(), before_runs);
  EXPECT_EQ(s->load_duplicate_groups().size(), 2u);  // no removal cascaded
  // And the store is still usable.
  EXPECT_EQ(s->import_places("hub", "a.csv", "h4", std::span<const Place>(dup).subspan(0, 2), "{}").removed, 1u);
}

TEST_F(StoreTest, Communes) {
  auto s = open();
  territory::Commune paris{"75056", "Paris", "75", "11", "200054781", 2103778, Coordinates{48.86, 2.34},
                           {"75001", "75002"}, std::nullopt, {"PARIS"}, {}};
  territory::Commune arr{"75101", "Paris 1er Arrondissement", "75", "11", std::nullopt, 15114, std::nullopt,
                         {"75001"}, "75056", {}, {}};
  territory::Commune aix{"13001", "Aix-en-Provence", "13", "93", "200054807", 149695, Coordinates{43.53, 5.39},
                         {"13090", "13100"}, std::nullopt, {"AIX EN PROVENCE", "LA DURANNE"}, {"13999"}};
  s->replace_communes(std::vector{paris, arr, aix});
  auto loaded = s->load_communes();
  ASSERT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded[0], aix);
  EXPECT_EQ(loaded[1], paris);
  EXPECT_EQ(loaded[2], arr);
  s->replace_communes(std::vector{aix});
  EXPECT_EQ(s->load_communes().size(), 1u);
}

TEST_F(StoreTest, DuplicateGroups) {
  auto s = open();
  s->import_places("a", "a.csv", "h", std::vector<Place>{place("1", "Un"), place("2", "Deux")}, "{}");
  s->import_places("b", "b.csv", "h", std::vector<Place>{place("x", "Un")}, "{}");
  std::vector<DuplicateMember> groups{{"g1", "a", "1"}, {"g1", "b", "x"}};
  s->replace_duplicate_groups(groups);
  EXPECT_EQ(s->load_duplicate_groups(), groups);

  // Unknown member, or a member listed twice: refused, previous groups kept.
  EXPECT_THROW(s->replace_duplicate_groups(std::vector<DuplicateMember>{{"g2", "a", "2"}, {"g2", "a", "nope"}}),
               StoreError);
  EXPECT_THROW(s->replace_duplicate_groups(std::vector<DuplicateMember>{{"g2", "a", "2"}, {"g3", "a", "2"}}),
               StoreError);
  EXPECT_EQ(s->load_duplicate_groups(), groups);

  // A place removed by a later import leaves its group.
  s->import_places("b", "b.csv", "h2", std::vector<Place>{}, "{}");
  EXPECT_EQ(s->load_duplicate_groups(), (std::vector<DuplicateMember>{{"g1", "a", "1"}}));
}

TEST_F(StoreTest, ChangeCounterCountsWrites) {
  auto s = open();
  auto c0 = s->change_counter();
  s->import_places("a", "a.csv", "h", std::vector<Place>{place("1", "Un")}, "{}");
  auto c1 = s->change_counter();
  EXPECT_GT(c1, c0);
  s->replace_communes(std::vector<territory::Commune>{});
  auto c2 = s->change_counter();
  EXPECT_GT(c2, c1);
  s->replace_duplicate_groups(std::vector<DuplicateMember>{});
  EXPECT_GT(s->change_counter(), c2);
  // Seen by another connection to the same file.
  EXPECT_EQ(open()->change_counter(), s->change_counter());
}

TEST_F(StoreTest, PlaceReportsAreKeptNewestFirstWithoutTouchingPlaces) {
  auto s = open();
  auto counter = s->change_counter();
  PlaceReport first;
  first.place_ref = "hub:1";
  first.categories = {"horaires"};
  first.message = "Fermé le lundi";
  PlaceReport second;
  second.place_ref = "hub:2";
  second.categories = {"adresse", "lieu_ferme"};
  second.message = "Déménagé";
  second.email = "a@example.fr";
  auto id1 = s->add_place_report(first);
  auto id2 = s->add_place_report(second);
  EXPECT_GT(id2, id1);
  auto reports = open()->list_place_reports();  // seen by another connection
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].id, id2);
  EXPECT_EQ(reports[0].categories, (std::vector<std::string>{"adresse", "lieu_ferme"}));
  EXPECT_EQ(reports[0].email, "a@example.fr");
  EXPECT_EQ(reports[0].status, "nouveau");
  EXPECT_EQ(reports[1].message, "Fermé le lundi");
  EXPECT_EQ(reports[1].received_at.size(), 20u);  // 2026-12-01T00:00:00Z
  EXPECT_EQ(s->change_counter(), counter);
}

// The thread-safety sentence: one Store per thread, same database, concurrent
// writers wait instead of failing, and every write lands.
TEST_F(StoreTest, IndicatorSetsKeepMissingValuesAndAreReplacedWhole) {
  auto s = open();
  IndicatorSet set{"arcep", "ARCEP", "2019-09-30", "commune", "arcep.csv", "abc", "", {"no_thd", "other"}};
  std::vector<IndicatorValue> values{{"67017", "no_thd", 6.75}, {"2A004", "no_thd", std::nullopt},
                                     {"67017", "other", 0.0}};
  const auto counter = s->change_counter();
  s->replace_indicator_set(set, values);
  EXPECT_EQ(s->change_counter(), counter) << "indicators do not touch the catalogue";
  auto sets = s->list_indicator_sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_FALSE(sets[0].imported_at.empty());
  sets[0].imported_at.clear();
  EXPECT_EQ(sets[0], set);
  auto loaded = s->load_indicator_values("arcep");
  std::vector<IndicatorValue> expected{{"2A004", "no_thd", std::nullopt}, {"67017", "no_thd", 6.75},
                                       {"67017", "other", 0.0}};
  EXPECT_EQ(loaded, expected) << "a missing value stays missing, a 0 stays 0";
  EXPECT_TRUE(s->load_indicator_values("unknown").empty());

  // A pair given twice: refused, and the stored set is untouched.
  std::vector<IndicatorValue> twice{{"01001", "no_thd", 1.0}, {"01001", "no_thd", 2.0}};
  EXPECT_THROW(s->replace_indicator_set(set, twice), StoreError);
  EXPECT_EQ(s->load_indicator_values("arcep"), expected);

  // Re-import under the same name replaces everything.
  set.indicators = {"no_thd"};
  std::vector<IndicatorValue> fresh{{"01001", "no_thd", 3.0}};
  s->replace_indicator_set(set, fresh);
  EXPECT_EQ(s->load_indicator_values("arcep"), fresh);
  EXPECT_EQ(s->list_indicator_sets().size(), 1u);
}

TEST_F(StoreTest, ContoursRoundTripPerLevelAndAreReplacedWhole) {
  auto s = open();
  // Lyon: two polygons, the first with a hole; coordinates on the microdegree.
  Contour lyon{"commune", "69123", "Lyon",
               {{{{45.70, 4.77}, {45.70, 4.90}, {45.81, 4.90}, {45.81, 4.77}, {45.70, 4.77}},
                 {{45.75, 4.80}, {45.76, 4.81}, {45.75, 4.82}, {45.75, 4.80}}},
                {{{45.60, 4.70}, {45.61, 4.71}, {45.60, 4.72}, {45.60, 4.70}}}}};
  Contour bron{"commune", "69029", "Bron", {{{{45.72, 4.90}, {45.72, 4.95}, {45.75, 4.93}, {45.72, 4.90}}}}};
  ContourSet set{"commune", "communes.geojson", "abc", 0.0005, "", 0};
  std::vector<Contour> contours{lyon, bron};
  const auto counter = s->change_counter();
  s->replace_contours(set, contours);
  EXPECT_EQ(s->change_counter(), counter) << "contours do not touch the catalogue";

  EXPECT_EQ(s->load_contours("commune"), (std::vector<Contour>{bron, lyon})) << "by code, exact on microdegrees";
  EXPECT_TRUE(s->load_contours("departement").empty());
  std::vector<std::string> codes{"69123", "99999", "69123"};
  EXPECT_EQ(s->load_contours("commune", codes), (std::vector<Contour>{lyon}));
  auto sets = s->list_contour_sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_FALSE(sets[0].imported_at.empty());
  EXPECT_EQ(sets[0].count, 2u);
  EXPECT_DOUBLE_EQ(sets[0].tolerance_degrees, 0.0005);

  // Another level is independent.
  Contour rhone{"departement", "69", "Rhône", bron.polygons};
  ContourSet departements{"departement", "d.geojson", "def", 0.001, "", 0};
  s->replace_contours(departements, std::vector<Contour>{rhone});
  EXPECT_EQ(s->load_contours("departement"), (std::vector<Contour>{rhone}));
  EXPECT_EQ(s->load_contours("commune").size(), 2u);

  // A code twice or a contour of another level: refused, nothing changed.
  EXPECT_THROW(s->replace_contours(set, std::vector<Contour>{bron, bron}), StoreError);
  EXPECT_THROW(s->replace_contours(set, std::vector<Contour>{rhone}), StoreError);
  EXPECT_THROW(s->replace_contours({"canton", "", "", 0, "", 0}, {}), StoreError);
  EXPECT_EQ(s->load_contours("commune"), (std::vector<Contour>{bron, lyon}));

  // A new import of the level replaces all of it.
  s->replace_contours(set, std::vector<Contour>{bron});
  EXPECT_EQ(s->load_contours("commune"), (std::vector<Contour>{bron}));
  EXPECT_EQ(s->list_contour_sets().size(), 2u);
}

// The real communes file, imported on today's communes and stored: exact
// round trip (the source has 5 decimals, the store keeps microdegrees) and
// how long the readers the maps use take.
TEST_F(StoreTest, RealCommuneContoursRoundTripAndLoadTimes) {
  const fs::path file = fs::path(RELAIS_SHARED_DATA_DIR) / "contours" /
                        "communes_2018_gregoiredavid_merged-from-departements.geojson";
  const fs::path decoupage = fs::path(RELAIS_SOURCE_DIR) / "node_modules/@etalab/decoupage-administratif/data";
  if (!fs::exists(file) || !fs::exists(decoupage)) GTEST_SKIP() << "no shared data or npm packages";
  const territory::CommuneIndex index(territory::load_decoupage(decoupage));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto imported = maps::import_contours(text.str(), file.filename().string(), index, {});
  ASSERT_GT(imported.contours.size(), 34800u);

  auto s = open();
  auto start = steady_clock::now();
  s->replace_contours({"commune", file.filename().string(), "sha", 0.0005, "", 0}, imported.contours);
  const double write_s = duration<double>(steady_clock::now() - start).count();
  start = steady_clock::now();
  const auto all = s->load_contours("commune");
  const double load_all_s = duration<double>(steady_clock::now() - start).count();
  EXPECT_EQ(all, imported.contours);
  std::vector<std::string> rhone;
  for (const auto& c : index.communes())
    if (c.code_departement == "69" && !c.commune_parente) rhone.push_back(c.code_insee);
  start = steady_clock::now();
  const auto of_rhone = s->load_contours("commune", rhone);
  const double load_69_s = duration<double>(steady_clock::now() - start).count();
  EXPECT_EQ(of_rhone.size(), rhone.size());
  std::cout << "stored " << imported.contours.size() << " commune contours in " << write_s << " s; load all "
            << load_all_s << " s; load the " << of_rhone.size() << " of the Rhône " << load_69_s << " s\n";
  EXPECT_LT(load_all_s, 5.0);
  EXPECT_LT(load_69_s, 0.5);
}

TEST_F(StoreTest, OneStorePerThreadOnSameFile) {
  open();  // create and migrate once
  constexpr int kThreads = 4, kImports = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        auto s = open();
        for (int i = 0; i < kImports; ++i) {
          std::string src = "src" + std::to_string(t);
          std::vector<Place> ps{place("p" + std::to_string(i), "N")};
          s->import_places(src, "f" + std::to_string(i) + ".csv", "h", ps, "{}");
          (void)s->count_places();  // reads interleaved with other writers
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto s = open();
  EXPECT_EQ(s->count_places(), static_cast<std::size_t>(kThreads * kImports));
  EXPECT_EQ(s->list_imports().size(), static_cast<std::size_t>(kThreads * kImports));
  EXPECT_EQ(s->change_counter(), kThreads * kImports);
}

}  // namespace
}  // namespace relais::store
