#include "store/journal_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

namespace fs = std::filesystem;

class JournalStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("relais_journal_store_") + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "relais.db").string();
    store_ = open_store({testing::test_database_url(path_)});
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  JournalStore& journal() { return store_->journal(); }

  // Appends an entry chained by seq only (the hashing is journal/'s business).
  JournalEntryRow add(std::string recorded_at, std::optional<std::int64_t> actor = std::nullopt,
                      JournalPersonalRow personal = {}) {
    return journal().append(
        [&](const std::optional<JournalEntryRow>& last) {
          JournalEntryRow e;
          e.seq = last ? last->seq + 1 : 1;
          e.recorded_at = recorded_at;
          e.action = "connexion";
          e.actor_user_id = actor;
          e.object_type = "session";
          e.object_id = "s" + std::to_string(e.seq);
          e.details = "{}";
          e.personal_commitment = personal.fields.empty() ? "" : "c";
          e.prev_hash = last ? last->hash : "genesis";
          e.hash = "h" + std::to_string(e.seq);
          return e;
        },
        personal);
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(JournalStoreTest, AppendGivesTheLastEntryToTheBuilderAndStoresTheRow) {
  EXPECT_FALSE(journal().last_entry());
  EXPECT_EQ(journal().entry_count(), 0);
  const auto first = add("2026-01-01T00:00:00Z", 4);
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.prev_hash, "genesis");
  const auto second = add("2026-01-02T00:00:00Z");
  EXPECT_EQ(second.prev_hash, "h1");
  EXPECT_EQ(journal().last_entry(), second);
  EXPECT_EQ(journal().entry_count(), 2);
  EXPECT_EQ(journal().entries(1, 10), (std::vector<JournalEntryRow>{first, second}));
  EXPECT_EQ(journal().entries(2, 10), (std::vector<JournalEntryRow>{second}));
  EXPECT_EQ(journal().entries(1, 1), (std::vector<JournalEntryRow>{first}));
  EXPECT_TRUE(journal().entries(3, 10).empty());
  EXPECT_EQ(journal().entries(1, std::numeric_limits<std::size_t>::max()).size(), 2u);
  EXPECT_EQ(journal().entries(1, 10)[0].actor_user_id, 4);
  EXPECT_EQ(journal().entries(1, 10)[1].actor_user_id, std::nullopt);
}

TEST_F(JournalStoreTest, AFailedBuildOrInsertWritesNothing) {
  add("2026-01-01T00:00:00Z");
  EXPECT_THROW(journal().append([](const auto&) -> JournalEntryRow { throw std::runtime_error("no"); }, {}),
               std::runtime_error);
  // Same seq twice: the primary key refuses it, as a StoreError.
  EXPECT_THROW(journal().append(
                   [](const auto& last) {
                     JournalEntryRow e = *last;
                     return e;
                   },
                   {}),
               StoreError);
  EXPECT_EQ(journal().entry_count(), 1);
}

TEST_F(JournalStoreTest, PersonalRowsAreKeptApartAndErasedByUserOrDate) {
  add("2026-01-01T00:00:00Z", 1, {0, 7, "aa", R"({"email":"a@example.fr"})", ""});
  add("2026-02-01T00:00:00Z", 2);
  add("2026-03-01T00:00:00Z", std::nullopt, {0, 7, "bb", R"({"ip":"192.0.2.1"})", ""});
  add("2026-04-01T00:00:00Z", 3, {0, 8, "cc", R"({"email":"b@example.fr"})", ""});
  auto rows = journal().personal_rows(1, 10);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (JournalPersonalRow{1, 7, "aa", R"({"email":"a@example.fr"})", ""}));
  EXPECT_EQ(rows[1].seq, 3);
  EXPECT_EQ(journal().personal_rows(2, 2).size(), 1u);  // seq in [2, 4)
  // Entries about user 7: as the person of a personal row (1, 3), not as actor.
  std::vector<std::int64_t> seqs;
  for (const auto& e : journal().entries_of_user(7)) seqs.push_back(e.seq);
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(journal().entries_of_user(2).size(), 1u);  // as actor
  EXPECT_EQ(journal().erase_personal_of_user(7, "2026-05-01T00:00:00Z"), 2u);
  EXPECT_EQ(journal().erase_personal_of_user(7, "2026-06-01T00:00:00Z"), 0u);  // already erased
  rows = journal().personal_rows(1, 10);
  EXPECT_EQ(rows[0], (JournalPersonalRow{1, 7, "", "", "2026-05-01T00:00:00Z"}));
  EXPECT_EQ(rows[2].fields, R"({"email":"b@example.fr"})");
  EXPECT_EQ(journal().erase_personal_before("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"), 0u);
  EXPECT_EQ(journal().erase_personal_before("2026-04-02T00:00:00Z", "2026-07-01T00:00:00Z"), 1u);
  EXPECT_EQ(journal().personal_rows(4, 1)[0].erased_at, "2026-07-01T00:00:00Z");
  EXPECT_EQ(journal().entry_count(), 4);  // entries untouched
}

TEST_F(JournalStoreTest, CheckpointsAreKeptBySizeOnceEach) {
  EXPECT_FALSE(journal().last_checkpoint());
  const JournalCheckpointRow a{4, "r4", "note4", "2026-01-01T00:00:00Z"};
  const JournalCheckpointRow b{8, "r8", "note8", "2026-01-02T00:00:00Z"};
  journal().add_checkpoint(b);
  journal().add_checkpoint(a);
  EXPECT_EQ(journal().checkpoints(), (std::vector<JournalCheckpointRow>{a, b}));
  EXPECT_EQ(journal().last_checkpoint(), b);
  EXPECT_THROW(journal().add_checkpoint({8, "x", "y", "z"}), StoreError);
}

TEST_F(JournalStoreTest, EntriesAndCheckpointsRefuseUpdateAndDelete) {
  add("2026-01-01T00:00:00Z");
  journal().add_checkpoint({1, "r", "n", "t"});
  auto db = testing::raw_connection(testing::test_database_url(path_));
  EXPECT_THROW(db->exec("UPDATE journal_entries SET action = 'x'"), StoreError);
  EXPECT_THROW(db->exec("DELETE FROM journal_entries"), StoreError);
  EXPECT_THROW(db->exec("UPDATE journal_checkpoints SET root_hash = 'x'"), StoreError);
  EXPECT_THROW(db->exec("DELETE FROM journal_checkpoints"), StoreError);
  EXPECT_EQ(journal().entry_count(), 1);
  EXPECT_EQ(journal().checkpoints().size(), 1u);
}

// Writers on several connections at once (several servers on one database):
// each append is chained onto the true last entry, none is lost or doubled.
TEST_F(JournalStoreTest, ConcurrentAppendsFromSeveralConnectionsStayChained) {
  constexpr int kThreads = 4, kAppends = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      try {
        auto store = open_store({testing::test_database_url(path_)});
        for (int i = 0; i < kAppends; ++i) {
          store->journal().append(
              [](const std::optional<JournalEntryRow>& last) {
                JournalEntryRow e;
                e.seq = last ? last->seq + 1 : 1;
                e.recorded_at = "2026-01-01T00:00:00Z";
                e.action = "connexion";
                e.object_type = "session";
                e.object_id = "s";
                e.details = "{}";
                e.prev_hash = last ? last->hash : "genesis";
                e.hash = "h" + std::to_string(e.seq);
                return e;
              },
              {});
        }
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const auto rows = journal().entries(1, 1000);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kThreads * kAppends));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(rows[i].prev_hash, i == 0 ? "genesis" : rows[i - 1].hash);
  }
}

}  // namespace
}  // namespace relais::store
