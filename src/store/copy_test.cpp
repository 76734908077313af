#include "store/copy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/account_store.h"
#include "store/journal_store.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

namespace fs = std::filesystem;

Place place(std::string id) { return testing::sample_place(std::move(id)); }

// An instance with a row in the tables that have ids, blobs, reals and NULLs.
void fill(Store& s) {
  std::vector<Place> places{place("1"), place("2"), place("3")};
  s.import_places("hub", "a.json", "sha", places, "{}");
  PlaceReport report;
  report.place_ref = "hub:1";
  report.categories = {"horaires"};
  report.message = "Fermé le lundi";
  s.add_place_report(report);
  User u;
  u.email = "Agent@Example.org";
  u.display_name = "Agent";
  u.totp_sealed_seed = std::string("\x00\xff\x10", 3);
  u.status = "actif";
  u.created_at = "2026-01-01T00:00:00Z";
  const auto id = s.accounts().add_user(u);
  Session session;
  session.id_hash = "h1";
  session.user_id = id;
  session.stage = "complete";
  session.csrf_token = "c";
  session.created_at = session.last_seen_at = "2026-01-01T00:00:00Z";
  session.expires_at = "2026-01-02T00:00:00Z";
  s.accounts().add_session(session);
  s.journal().append(
      [](const std::optional<JournalEntryRow>&) {
        JournalEntryRow e;
        e.seq = 1;
        e.recorded_at = "2026-01-01T00:00:00Z";
        e.action = "connexion";
        e.object_type = "session";
        e.object_id = "s1";
        e.details = "{}";
        e.prev_hash = "genesis";
        e.hash = "h";
        return e;
      },
      {});
}

class CopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("relais_copy_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string sqlite_url(const char* name) { return "sqlite:" + (dir_ / name).string(); }
  fs::path dir_;
};

void expect_same_instance(Store& a, Store& b) {
  EXPECT_EQ(a.load_stored_places().size(), b.load_stored_places().size());
  EXPECT_EQ(a.load_places(), b.load_places());
  EXPECT_EQ(a.list_place_reports(), b.list_place_reports());
  EXPECT_EQ(a.accounts().list_users(), b.accounts().list_users());
  EXPECT_EQ(a.accounts().sessions_of_user(1), b.accounts().sessions_of_user(1));
  EXPECT_EQ(a.journal().entries(1, 100), b.journal().entries(1, 100));
  EXPECT_EQ(a.change_counter(), b.change_counter());
}

// Both ways through the suite's database (SQLite on the first pass,
// PostgreSQL on the second), and back to a SQLite file.
TEST_F(CopyTest, AnInstanceGoesThereAndBackUnchanged) {
  const std::string source = sqlite_url("source.db");
  fill(*open_store({source}));
  const std::string middle = testing::test_database_url((dir_ / "middle.db").string());
  const CopyReport there = copy_database(source, middle);
  const std::string back = sqlite_url("back.db");
  const CopyReport again = copy_database(middle, back);

  ASSERT_EQ(there.tables.size(), again.tables.size());
  for (std::size_t i = 0; i < there.tables.size(); ++i) {
    EXPECT_EQ(there.tables[i].table, again.tables[i].table);
    EXPECT_EQ(there.tables[i].rows, again.tables[i].rows) << there.tables[i].table;
    EXPECT_EQ(there.tables[i].checksum, again.tables[i].checksum) << there.tables[i].table;
  }
  auto a = open_store({source});
  auto m = open_store({middle});
  auto b = open_store({back});
  expect_same_instance(*a, *m);
  expect_same_instance(*a, *b);
  EXPECT_EQ(m->count_places(), 3u);
  // New rows get fresh ids after the copied ones.
  PlaceReport report;
  report.place_ref = "hub:2";
  report.message = "x";
  EXPECT_EQ(m->add_place_report(report), 2);
}

TEST_F(CopyTest, ATargetWithDataIsRefusedAndKept) {
  const std::string source = sqlite_url("source.db");
  fill(*open_store({source}));
  const std::string target = testing::test_database_url((dir_ / "target.db").string());
  std::vector<Place> one{place("9")};
  open_store({target})->import_places("autre", "b.json", "sha", one, "{}");
  try {
    copy_database(source, target);
    FAIL() << "copied over existing data";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("already holds data"), std::string::npos) << e.what();
  }
  auto t = open_store({target});
  EXPECT_EQ(t->count_places(), 1u);
  EXPECT_TRUE(t->find_place("autre", "9"));
}

}  // namespace
}  // namespace relais::store
