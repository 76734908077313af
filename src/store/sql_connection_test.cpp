#include "store/sql_connection.h"

#include <gtest/gtest.h>

#include "store/test_database.h"

namespace relais::store::sql {
namespace {

TEST(NumberedPlaceholders, NumbersQuestionMarksOutsideQuotesAndComments) {
  EXPECT_EQ(numbered_placeholders("SELECT a FROM t WHERE b = ? AND c = ?"), "SELECT a FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(numbered_placeholders("SELECT '?', \"a?\" FROM t WHERE x = ?"), "SELECT '?', \"a?\" FROM t WHERE x = $1");
  EXPECT_EQ(numbered_placeholders("SELECT 'it''s ?' WHERE x = ?"), "SELECT 'it''s ?' WHERE x = $1");
  EXPECT_EQ(numbered_placeholders("SELECT 1 -- why?\nWHERE x = ?"), "SELECT 1 -- why?\nWHERE x = $1");
  EXPECT_EQ(numbered_placeholders("WHERE a < ?1 OR b < ?1"), "WHERE a < $1 OR b < $1");
  EXPECT_EQ(numbered_placeholders("no parameters"), "no parameters");
  EXPECT_EQ(numbered_placeholders("unterminated '?"), "unterminated '?");
}

TEST(UtcNowText, IsIso8601Utc) {
  const std::string now = utc_now_text();
  ASSERT_EQ(now.size(), 20u) << now;
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
}

// The same values come back the same from both backends (run on each pass).
class ConnectionTest : public ::testing::Test {
 protected:
  std::unique_ptr<Connection> db_ = testing::raw_connection(testing::test_database_url(":memory:"));
};

TEST_F(ConnectionTest, ValuesRoundTrip) {
  db_->exec(db_->backend() == Backend::sqlite
                ? "CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB)"
                : "CREATE TABLE v (i BIGINT, r DOUBLE PRECISION, t TEXT, b BYTEA)");
  const std::string bytes("\x00\x01\xff?'\\x", 7);
  {
    Statement insert(*db_, "INSERT INTO v (i, r, t, b) VALUES (?, ?, ?, ?)");
    insert.bind(1, std::int64_t{-9'007'199'254'740'993});
    insert.bind(2, 0.1 + 0.2);
    insert.bind(3, std::string_view("é ? ' \"x\""));
    insert.bind(4, Blob{bytes});
    EXPECT_EQ(insert.exec(), 1u);
    insert.reset();
    insert.bind(1);
    insert.bind(2);
    insert.bind(3, std::optional<std::string>());
    insert.bind(4);
    EXPECT_EQ(insert.exec(), 1u);
  }
  Statement q(*db_, "SELECT i, r, t, b FROM v ORDER BY i NULLS LAST");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), -9'007'199'254'740'993);
  EXPECT_EQ(q.real(1), 0.1 + 0.2);  // exactly: shortest round-trip text
  EXPECT_EQ(q.text(2), "é ? ' \"x\"");
  EXPECT_EQ(q.blob(3), bytes);
  ASSERT_TRUE(q.step());
  EXPECT_TRUE(q.is_null(0));
  EXPECT_EQ(q.optional_int64(0), std::nullopt);
  EXPECT_EQ(q.optional_text(2), std::nullopt);
  EXPECT_EQ(q.text(2), "");
  EXPECT_FALSE(q.step());
}

TEST_F(ConnectionTest, ConstraintViolationsAreFlagged) {
  db_->exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
  Statement insert(*db_, "INSERT INTO u (k) VALUES (?)");
  insert.bind(1, "a");
  insert.exec();
  insert.reset();
  try {
    insert.exec();
    FAIL() << "duplicate key accepted";
  } catch (const Error& e) {
    EXPECT_TRUE(e.constraint_violation()) << e.what();
  }
  try {
    Statement bad(*db_, "SELECT * FROM no_such_table");
    bad.step();
    FAIL() << "unknown table accepted";
  } catch (const Error& e) {
    EXPECT_FALSE(e.constraint_violation()) << e.what();
  }
}

TEST_F(ConnectionTest, AnUncommittedTransactionLeavesNothing) {
  db_->exec("CREATE TABLE w (k TEXT)");
  {
    WriteTransaction tx(*db_);
    Statement insert(*db_, "INSERT INTO w (k) VALUES (?)");
    insert.bind(1, "lost");
    insert.exec();
  }  // no commit: rolled back
  {
    WriteTransaction tx(*db_);
    Statement insert(*db_, "INSERT INTO w (k) VALUES (?) RETURNING k");
    insert.bind(1, "kept");
    ASSERT_TRUE(insert.step());
    EXPECT_EQ(insert.text(0), "kept");
    insert.reset();  // SQLite commits no statement in progress
    tx.commit();
  }
  Statement q(*db_, "SELECT k FROM w");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "kept");
  EXPECT_FALSE(q.step());
}

}  // namespace
}  // namespace relais::store::sql
