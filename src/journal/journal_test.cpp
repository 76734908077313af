#include "journal/journal.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "journal/checkpoint.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::journal {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

// A fresh database file per test, removed afterwards; a clock that advances
// one second per reading.
class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("relais_journal_") + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "relais.db").string();
    store_ = store::open_store({store::testing::test_database_url(path_)});
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Journal journal(std::int64_t seal_every = 4) {
    JournalSettings settings;
    settings.origin = "relais.test/journal";
    settings.seal_every = seal_every;
    return Journal(store_->journal(), keys_, settings, [this] { return sys_seconds{seconds{1'800'000'000 + tick_++}}; });
  }

  static Event event(int i) {
    Event e;
    e.action = i % 3 == 0 ? action::kLoginFailed : action::kLogin;
    e.actor_user_id = 100 + i % 5;
    e.structure_id = i % 2 == 0 ? std::optional<std::int64_t>(7) : std::nullopt;
    e.object_type = "session";
    e.object_id = "s" + std::to_string(i);
    e.details = {{"n", i}, {"methode", "totp"}};
    if (i % 4 == 1) {
      e.personal = {{"email", "agent" + std::to_string(i % 5) + "@example.fr"}, {"ip", "192.0.2." + std::to_string(i)}};
      e.personal_user_id = 100 + i % 5;
    }
    return e;
  }

  void record(Journal& j, int from, int to) {
    for (int i = from; i <= to; ++i) j.record(event(i));
  }

  VerifyReport verify_now() { return verify(store_->journal(), keys_.journal_public); }

  // A separate connection, as an attacker with the database file would have.
  std::unique_ptr<store::sql::Connection> raw() {
    auto db = store::testing::raw_connection(store::testing::test_database_url(path_));
    // Once the triggers are gone, the attacker also skips the foreign keys
    // (journal_personal references journal_entries): SQLite's raw connection
    // has them off, a PostgreSQL superuser turns them off so.
    if (triggers_dropped_ && db->backend() == store::sql::Backend::postgresql) {
      db->exec("SET session_replication_role = replica");
    }
    return db;
  }
  // The append-only triggers of a table, as the schema of each backend names them.
  void drop_triggers(std::string_view table = "journal_entries") {
    auto db = raw();
    if (db->backend() == store::sql::Backend::sqlite) {
      db->exec("DROP TRIGGER " + std::string(table) + "_append_only_update");
      db->exec("DROP TRIGGER " + std::string(table) + "_append_only_delete");
    } else {
      db->exec("DROP TRIGGER " + std::string(table) + "_append_only ON " + std::string(table));
    }
    triggers_dropped_ = true;
  }

  static std::string problems_text(const VerifyReport& report) {
    std::string out;
    for (const auto& p : report.problems) out += std::to_string(p.seq) + ": " + p.what + "\n";
    return out;
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<store::Store> store_;
  security::KeyRing keys_ = security::keys_for_tests(1);
  int tick_ = 0;
  bool triggers_dropped_ = false;
};

TEST_F(JournalTest, EntriesAreChainedFromTheGenesis) {
  auto j = journal();
  record(j, 1, 3);
  const auto entries = store_->journal().entries(1, 10);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].prev_hash, genesis_hash());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(entry_hash(entries[i]), entries[i].hash);
    if (i > 0) { EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash); }
  }
  EXPECT_EQ(entries[0].recorded_at, "2027-01-15T08:00:00Z");
  EXPECT_EQ(entries[0].details, R"({"methode":"totp","n":1})");
  EXPECT_EQ(entries[1].personal_commitment, "");
  EXPECT_EQ(entries[0].personal_commitment.size(), 64u);
  const auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
  EXPECT_EQ(report.entries, 3);
}

TEST_F(JournalTest, CanonicalEncodingAndHashAreTheDocumentedOnes) {
  store::JournalEntryRow row;
  row.seq = 12;
  row.recorded_at = "2026-11-22T08:00:00Z";
  row.action = "connexion";
  row.actor_user_id = 3;
  row.object_type = "session";
  row.object_id = "abc";
  row.details = R"({"z": 1, "a": "é"})";  // keys re-sorted, spaces dropped
  row.personal_commitment = "";
  EXPECT_EQ(canonical_entry(row),
            R"([12,"2026-11-22T08:00:00Z","connexion",3,null,"session","abc",{"a":"é","z":1},""])");
  row.prev_hash = std::string(64, 'a');
  // SHA-256 of the 32 bytes 0xaa… followed by the canonical text.
  std::string material(32, '\xaa');
  material += canonical_entry(row);
  unsigned char digest[32];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(material.data()), material.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  EXPECT_EQ(entry_hash(row), std::string(hex));
  row.prev_hash = "not hex";
  EXPECT_EQ(entry_hash(row), std::nullopt);
  EXPECT_EQ(genesis_hash().size(), 64u);
}

TEST_F(JournalTest, SealsEverySealEveryEntriesWithASignedCheckpoint) {
  auto j = journal(4);
  record(j, 1, 9);
  const auto checkpoints = store_->journal().checkpoints();
  ASSERT_EQ(checkpoints.size(), 2u);
  EXPECT_EQ(checkpoints[0].tree_size, 4);
  EXPECT_EQ(checkpoints[1].tree_size, 8);
  // The note opens with the public key and its root is the RFC 6962 root of
  // the entries' leaves.
  std::vector<merkle::Hash> leaves;
  for (const auto& e : store_->journal().entries(1, 8)) leaves.push_back(entry_leaf(e));
  const Checkpoint opened = open_checkpoint(checkpoints[1].signed_note, keys_.journal_public);
  EXPECT_EQ(opened.origin, "relais.test/journal");
  EXPECT_EQ(opened.size, 8u);
  EXPECT_EQ(opened.root, merkle::root(leaves));
  // seal(): the 9th entry, then nothing new.
  const auto sealed = j.seal();
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->tree_size, 9);
  EXPECT_FALSE(j.seal());
  // A new Journal object (another process) computes the same tree from scratch.
  auto other = journal(0);
  record(other, 10, 10);
  EXPECT_FALSE(store_->journal().last_checkpoint()->tree_size == 10);  // seal_every 0: never automatic
  const auto tenth = other.seal();
  ASSERT_TRUE(tenth);
  leaves.clear();
  for (const auto& e : store_->journal().entries(1, 10)) leaves.push_back(entry_leaf(e));
  EXPECT_EQ(open_checkpoint(tenth->signed_note, keys_.journal_public).root, merkle::root(leaves));
  const auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
  EXPECT_EQ(report.checkpoints, 4);
}

// The server's origin follows its public_url or port; a journal must not
// fork when they change: later checkpoints keep the first one's origin.
TEST_F(JournalTest, LaterCheckpointsKeepTheFirstOrigin) {
  auto first = journal(0);
  record(first, 1, 3);
  ASSERT_TRUE(first.seal());
  JournalSettings moved;
  moved.origin = "127.0.0.1:45123/journal";
  moved.seal_every = 0;
  Journal later(store_->journal(), keys_, moved, [this] { return sys_seconds{seconds{1'800'000'000 + tick_++}}; });
  record(later, 4, 6);
  const auto sealed = later.seal();
  ASSERT_TRUE(sealed);
  EXPECT_EQ(open_checkpoint(sealed->signed_note, keys_.journal_public).origin, "relais.test/journal");
  const auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
  // A brand-new journal takes the settings' origin.
  store_ = store::open_store({store::testing::test_database_url((dir_ / "other.db").string())});
  Journal fresh(store_->journal(), keys_, moved, [this] { return sys_seconds{seconds{1'800'000'000 + tick_++}}; });
  record(fresh, 1, 1);
  EXPECT_EQ(open_checkpoint(fresh.seal()->signed_note, keys_.journal_public).origin, "127.0.0.1:45123/journal");
}

TEST_F(JournalTest, EmptyJournalVerifiesAndDoesNotSeal) {
  auto j = journal();
  EXPECT_FALSE(j.seal());
  const auto report = verify_now();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.entries, 0);
}

TEST_F(JournalTest, AnotherPublicKeyRejectsEveryCheckpoint) {
  auto j = journal(4);
  record(j, 1, 8);
  const auto report = verify(store_->journal(), security::keys_for_tests(2).journal_public);
  ASSERT_EQ(report.problems.size(), 2u) << problems_text(report);
  for (const auto& p : report.problems) {
    EXPECT_EQ(p.seq, 0);
    EXPECT_NE(p.what.find("pas signé par cette clé"), std::string::npos) << p.what;
  }
}

TEST_F(JournalTest, TheStoreIsAppendOnlyByTrigger) {
  auto j = journal(4);
  record(j, 1, 5);
  auto db = raw();
  EXPECT_THROW(db->exec("UPDATE journal_entries SET details = '{}' WHERE seq = 5"), store::StoreError);
  EXPECT_THROW(db->exec("DELETE FROM journal_entries WHERE seq = 5"), store::StoreError);
  EXPECT_THROW(db->exec("UPDATE journal_checkpoints SET tree_size = 3"), store::StoreError);
  EXPECT_THROW(db->exec("DELETE FROM journal_checkpoints"), store::StoreError);
  EXPECT_TRUE(verify_now().ok());
}

TEST_F(JournalTest, AnEditedRowIsNamed) {
  auto j = journal(4);
  record(j, 1, 10);
  drop_triggers();
  raw()->exec(R"(UPDATE journal_entries SET details = '{"methode":"totp","n":555}' WHERE seq = 5)");
  const auto report = verify_now();
  // Only entry 5: the checkpoints' leaves are the stored hashes, which the
  // edit left alone, and the next entry still links to that stored hash.
  ASSERT_EQ(report.problems.size(), 1u) << problems_text(report);
  EXPECT_EQ(report.problems[0].seq, 5);
  EXPECT_EQ(report.problems[0].what, "l'entrée 5 a été modifiée (empreinte différente)");
}

TEST_F(JournalTest, AnEditedRowWithItsHashRecomputedBreaksTheNextLink) {
  auto j = journal(0);
  record(j, 1, 10);
  drop_triggers();
  auto db = raw();
  db->exec(R"(UPDATE journal_entries SET action = 'deconnexion' WHERE seq = 5)");
  auto rows = store_->journal().entries(5, 1);
  store::sql::Statement update(*db, "UPDATE journal_entries SET hash = ? WHERE seq = 5");
  update.bind(1, *entry_hash(rows[0]));
  update.exec();
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 1u) << problems_text(report);
  EXPECT_EQ(report.problems[0].seq, 6);
  EXPECT_NE(report.problems[0].what.find("n'est plus à sa place"), std::string::npos);
}

TEST_F(JournalTest, ADeletedRowIsNamed) {
  auto j = journal(4);
  record(j, 1, 10);
  drop_triggers();
  raw()->exec("DELETE FROM journal_entries WHERE seq = 5");
  const auto report = verify_now();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].seq, 5) << problems_text(report);
  EXPECT_EQ(report.problems[0].what, "l'entrée 5 manque (supprimée)");
  // Nothing else is blamed on entries 6..10; the checkpoint of size 8 no
  // longer matches.
  for (std::size_t i = 1; i < report.problems.size(); ++i) EXPECT_EQ(report.problems[i].seq, 0) << problems_text(report);
  EXPECT_NE(problems_text(report).find("taille 8 ne correspond plus aux entrées : les entrées 5 à 8"), std::string::npos)
      << problems_text(report);
}

TEST_F(JournalTest, SwappedRowsAreNamed) {
  auto j = journal(0);
  record(j, 1, 10);
  drop_triggers();
  auto db = raw();
  db->exec("UPDATE journal_entries SET seq = -5 WHERE seq = 5");
  db->exec("UPDATE journal_entries SET seq = 5 WHERE seq = 6");
  db->exec("UPDATE journal_entries SET seq = 6 WHERE seq = -5");
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 3u) << problems_text(report);
  EXPECT_EQ(report.problems[0].seq, 5);
  EXPECT_NE(report.problems[0].what.find("l'entrée 5 n'est plus à sa place"), std::string::npos);
  EXPECT_EQ(report.problems[1].seq, 6);
  EXPECT_EQ(report.problems[2].seq, 7);  // linked to the original 6th
}

TEST_F(JournalTest, SwappedContentsUnderTheSameNumbersAreNamed) {
  auto j = journal(0);
  record(j, 1, 10);
  drop_triggers();
  auto db = raw();
  // Every column but seq exchanged between rows 3 and 4.
  db->exec("CREATE TEMP TABLE t AS SELECT * FROM journal_entries WHERE seq IN (3, 4)");
  db->exec("UPDATE journal_entries SET (recorded_at, action, actor_user_id, structure_id, object_type, object_id, "
          "details, personal_commitment, prev_hash, hash) = (SELECT recorded_at, action, actor_user_id, structure_id, "
          "object_type, object_id, details, personal_commitment, prev_hash, hash FROM t WHERE t.seq = 7 - "
          "journal_entries.seq) WHERE seq IN (3, 4)");
  const auto report = verify_now();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].seq, 3) << problems_text(report);
}

TEST_F(JournalTest, ARewrittenTailIsCaughtByTheCheckpoints) {
  // An insider edits entry 6 and recomputes every later hash: the chain holds,
  // the signed checkpoint over 1..8 does not, the one over 1..4 still does.
  auto j = journal(4);
  record(j, 1, 10);
  drop_triggers();
  auto db = raw();
  db->exec(R"(UPDATE journal_entries SET details = '{"methode":"totp","n":-6}' WHERE seq = 6)");
  std::string previous = store_->journal().entries(5, 1)[0].hash;
  for (auto row : store_->journal().entries(6, 5)) {
    row.prev_hash = previous;
    row.hash = *entry_hash(row);
    store::sql::Statement update(*db, "UPDATE journal_entries SET prev_hash = ?, hash = ? WHERE seq = ?");
    update.bind(1, row.prev_hash);
    update.bind(2, row.hash);
    update.bind(3, row.seq);
    update.exec();
    previous = row.hash;
  }
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 1u) << problems_text(report);
  EXPECT_EQ(report.problems[0].seq, 0);
  EXPECT_EQ(report.problems[0].what,
            "le point de contrôle de taille 8 ne correspond plus aux entrées : les entrées 5 à 8 ont été modifiées, "
            "supprimées ou réécrites depuis sa signature");
}

TEST_F(JournalTest, ATruncatedTailIsCaughtByTheCheckpoints) {
  auto j = journal(4);
  record(j, 1, 9);
  drop_triggers();
  raw()->exec("DELETE FROM journal_entries WHERE seq >= 7");
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 1u) << problems_text(report);
  EXPECT_NE(report.problems[0].what.find("taille 8 couvre plus d'entrées que le journal n'en contient (6)"),
            std::string::npos);
}

TEST_F(JournalTest, AnInsertedRowIsNamed) {
  auto j = journal(0);
  record(j, 1, 6);
  drop_triggers();
  auto db = raw();
  // Make room after 3 and insert a forged entry, chained onto entry 3.
  for (int seq = 6; seq >= 4; --seq) {
    store::sql::Statement move(*db, "UPDATE journal_entries SET seq = ? WHERE seq = ?");
    move.bind(1, seq + 1);
    move.bind(2, seq);
    move.exec();
  }
  auto forged = store_->journal().entries(3, 1)[0];
  forged.prev_hash = forged.hash;
  forged.seq = 4;
  forged.hash = *entry_hash(forged);
  store::sql::Statement insert(*db, "INSERT INTO journal_entries SELECT 4, recorded_at, action, actor_user_id, "
                               "structure_id, object_type, object_id, details, personal_commitment, ?, ? "
                               "FROM journal_entries WHERE seq = 3");
  insert.bind(1, forged.prev_hash);
  insert.bind(2, forged.hash);
  insert.exec();
  const auto report = verify_now();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.problems[0].seq, 5) << problems_text(report);  // the old 4th no longer links to its predecessor
}

TEST_F(JournalTest, ErasingPersonalDataKeepsTheJournalVerifiable) {
  auto j = journal(4);
  record(j, 1, 12);
  const auto of_user = store_->journal().entries_of_user(101);
  ASSERT_FALSE(of_user.empty());
  const std::size_t erased = store_->journal().erase_personal_of_user(101, "2027-02-01T00:00:00Z");
  EXPECT_GT(erased, 0u);
  for (const auto& row : store_->journal().personal_rows(1, 100)) {
    if (row.user_id == 101) {
      EXPECT_EQ(row.fields, "");
      EXPECT_EQ(row.salt, "");
      EXPECT_EQ(row.erased_at, "2027-02-01T00:00:00Z");
    } else {
      EXPECT_NE(row.fields, "");
    }
  }
  auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
  EXPECT_GT(store_->journal().erase_personal_before("2099-01-01T00:00:00Z", "2099-01-01T00:00:00Z"), 0u);
  report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
}

TEST_F(JournalTest, AlteredOrRemovedPersonalDataIsNamed) {
  auto j = journal(4);
  record(j, 1, 10);  // personal rows on entries 1, 5, 9
  auto db = raw();
  db->exec(R"(UPDATE journal_personal SET fields = '{"email":"quelquun@example.fr","ip":"192.0.2.5"}' WHERE seq = 5)");
  db->exec("DELETE FROM journal_personal WHERE seq = 9");
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 2u) << problems_text(report);
  EXPECT_EQ(report.problems[0].seq, 5);
  EXPECT_EQ(report.problems[0].what, "les données personnelles de l'entrée 5 ont été modifiées");
  EXPECT_EQ(report.problems[1].seq, 9);
  EXPECT_NE(report.problems[1].what.find("ont disparu"), std::string::npos);
}

TEST_F(JournalTest, AnEditedCheckpointRowIsCaught) {
  auto j = journal(4);
  record(j, 1, 8);
  auto db = raw();
  drop_triggers("journal_checkpoints");
  // The root depends on the random salts of the personal commitments: change
  // its first digit to another one whatever it is (a fixed 'aa' prefix left
  // one root in 256 unchanged, and the test failed then).
  db->exec("UPDATE journal_checkpoints SET root_hash = (CASE WHEN substr(root_hash, 1, 1) = 'a' THEN 'b' ELSE 'a' END) "
          "|| substr(root_hash, 2) WHERE tree_size = 4");
  const auto signed_note = store_->journal().checkpoints()[1].signed_note;
  store::sql::Statement resize(*db, "UPDATE journal_checkpoints SET signed_note = ? WHERE tree_size = 8");
  std::string edited = signed_note;
  edited.replace(edited.find("\n8\n"), 3, "\n7\n");
  resize.bind(1, edited);
  resize.exec();
  const auto report = verify_now();
  ASSERT_EQ(report.problems.size(), 2u) << problems_text(report);
  EXPECT_NE(report.problems[0].what.find("taille 4 ne correspond pas à sa note signée"), std::string::npos);
  EXPECT_NE(report.problems[1].what.find("taille 8 : signature invalide"), std::string::npos);
}

TEST_F(JournalTest, TextThatIsNotUtf8IsStoredRepairedAndVerifies) {
  auto j = journal(4);
  Event e = event(1);
  e.object_id = "bad\xff\xfeid";
  e.details = {{"champ", std::string("\xc3\x28")}};
  e.personal = {{"user_agent", std::string("x\x80y")}};
  const auto row = j.record(e);
  EXPECT_EQ(row.object_id, "bad\xEF\xBF\xBD\xEF\xBF\xBDid");
  const auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
}

TEST_F(JournalTest, TwoWritersOnOneFileKeepOneChain) {
  auto writer = [this](int from) {
    auto store = store::open_store({store::testing::test_database_url(path_)});
    JournalSettings settings;
    settings.seal_every = 16;
    Journal j(store->journal(), keys_, settings, [] { return sys_seconds{seconds{1'800'000'000}}; });
    for (int i = from; i < from + 150; ++i) j.record(event(i));
  };
  std::thread a(writer, 0), b(writer, 1000);
  a.join();
  b.join();
  const auto report = verify_now();
  EXPECT_TRUE(report.ok()) << problems_text(report);
  EXPECT_EQ(report.entries, 300);
  EXPECT_GE(report.checkpoints, 15);
}

// Performance shape (no timing assert): 20,000 entries verified in one pass,
// in batches, with an O(log n) Merkle state.
TEST_F(JournalTest, VerifiesTwentyThousandEntries) {
  auto j = journal(256);
  for (int i = 1; i <= 20'000; ++i) j.record(event(i));
  const auto start = steady_clock::now();
  const auto report = verify_now();
  const auto elapsed = duration_cast<milliseconds>(steady_clock::now() - start);
  EXPECT_TRUE(report.ok()) << problems_text(report);
  EXPECT_EQ(report.entries, 20'000);
  EXPECT_EQ(report.checkpoints, 78);
  std::cout << "verify of 20,000 entries and 78 checkpoints: " << elapsed.count() << " ms\n";
}

}  // namespace
}  // namespace relais::journal
