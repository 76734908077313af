// The SQLite side of sql::Connection, on SQLiteCpp.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "store/sql_connection.h"

namespace relais::store::sql {
namespace {

constexpr int kBusyTimeoutMs = 10'000;

[[noreturn]] void rethrow(const SQLite::Exception& e) {
  throw Error(e.what(), (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT);
}

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(SQLite::Database& db, std::string_view sql) try : statement_(db, std::string(sql)) {
  } catch (const SQLite::Exception& e) {
    rethrow(e);
  }

  void bind_null(int index) override { statement_.bind(index); }
  void bind_text(int index, std::string_view value) override {
    // As text, not as (const void*, int), which SQLiteCpp binds as a BLOB
    // (a BLOB never equals a TEXT value).
    statement_.bind(index, std::string(value));
  }
  void bind_int64(int index, std::int64_t value) override { statement_.bind(index, static_cast<int64_t>(value)); }
  void bind_real(int index, double value) override { statement_.bind(index, value); }
  void bind_blob(int index, std::string_view bytes) override {
    statement_.bind(index, static_cast<const void*>(bytes.data()), static_cast<int>(bytes.size()));
  }

  bool step() override {
    try {
      return statement_.executeStep();
    } catch (const SQLite::Exception& e) {
      rethrow(e);
    }
  }
  std::size_t exec() override {
    try {
      return static_cast<std::size_t>(statement_.exec());
    } catch (const SQLite::Exception& e) {
      rethrow(e);
    }
  }
  void reset() override { statement_.reset(); }

  bool is_null(int column) override { return statement_.getColumn(column).isNull(); }
  std::string text(int column) override {
    const SQLite::Column c = statement_.getColumn(column);
    return c.isNull() ? std::string() : c.getString();
  }
  std::int64_t int64(int column) override { return statement_.getColumn(column).getInt64(); }
  double real(int column) override { return statement_.getColumn(column).getDouble(); }
  std::string blob(int column) override {
    const SQLite::Column c = statement_.getColumn(column);
    return std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
  }

 private:
  SQLite::Statement statement_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs) {
    // WAL: readers never block the writer; NORMAL sync is durable in WAL mode
    // except for the last transactions on power loss.
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
  }

  Backend backend() const override { return Backend::sqlite; }

  void exec(std::string_view sql) override {
    try {
      db_.exec(std::string(sql));
    } catch (const SQLite::Exception& e) {
      rethrow(e);
    }
  }
  bool table_exists(std::string_view name) override { return db_.tableExists(std::string(name)); }
  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, sql);
  }
  // IMMEDIATE takes the write lock at once: two writers never both read the
  // old state (the busy timeout makes the second wait).
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {  // no transaction left (SQLite rolled back on its own)
    }
  }

 private:
  SQLite::Database db_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) {
  try {
    return std::make_unique<SqliteConnection>(path);
  } catch (const SQLite::Exception& e) {
    throw Error("cannot open store " + path + ": " + e.what(), false);
  }
}

}  // namespace relais::store::sql
