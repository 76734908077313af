// One connection to the database, SQLite or PostgreSQL, as the store's code
// sees it (internal to the store module): statements with `?` parameters,
// rows read by column index, write transactions. The store's logic
// (sql_store.cpp and its parts) is written once against this; each backend
// lives in its own file on a well-kept library: SQLiteCpp for SQLite, libpq
// for PostgreSQL.
//
// Why not a library for this layer too: SOCI (Debian libsoci) abstracts both,
// but types its rows by backend (an integer column reads as int on one and
// long long on the other, std::bad_cast otherwise) and exposes neither
// SQLite's BEGIN IMMEDIATE nor PostgreSQL's advisory locks, which the store's
// write rule needs. What is written here is only the dispatch: the drivers do
// the real work.
//
// The write rule, the same on both backends: write transactions are
// serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level
// advisory lock per schema), so read-then-write logic inside one is never
// raced by another process. Reads run concurrently with writes.
//
// Like the Store that owns it, a Connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace relais::store::sql {

enum class Backend { sqlite, postgresql };

// A database error. Derives from StoreError so that nothing escapes the store
// as a driver type.
class Error : public StoreError {
 public:
  Error(const std::string& message, bool constraint_violation)
      : StoreError(message), constraint_violation_(constraint_violation) {}
  // UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, NOT NULL.
  bool constraint_violation() const { return constraint_violation_; }

 private:
  bool constraint_violation_;
};

// Bytes bound as a BLOB (SQLite) or bytea (PostgreSQL).
struct Blob {
  std::string_view bytes;
};

// What a backend implements for one statement (see Statement).
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_null(int index) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual bool step() = 0;
  virtual std::size_t exec() = 0;
  virtual void reset() = 0;
  virtual bool is_null(int column) = 0;
  virtual std::string text(int column) = 0;
  virtual std::int64_t int64(int column) = 0;
  virtual double real(int column) = 0;
  virtual std::string blob(int column) = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // Runs constant SQL without parameters, several statements allowed (schema
  // migrations, DELETE of a whole table).
  virtual void exec(std::string_view sql) = 0;
  virtual bool table_exists(std::string_view name) = 0;
  // `sql` uses `?` placeholders on both backends.
  virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
  // See the write rule above. A connection holds at most one transaction.
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
};

// A prepared statement. Parameters are numbered from 1, columns from 0.
// step() runs the statement on its first call and moves to the next row
// (false when there is none); exec() runs a statement that returns no rows and
// returns how many rows it changed; reset() lets it run again (bindings are
// kept until rebound).
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql) : impl_(connection.prepare(sql)) {}

  void bind(int index) { impl_->bind_null(index); }
  void bind(int index, std::string_view value) { impl_->bind_text(index, value); }
  void bind(int index, const std::string& value) { impl_->bind_text(index, value); }
  void bind(int index, const char* value) { impl_->bind_text(index, value); }
  void bind(int index, std::int64_t value) { impl_->bind_int64(index, value); }
  void bind(int index, int value) { impl_->bind_int64(index, value); }
  void bind(int index, double value) { impl_->bind_real(index, value); }
  void bind(int index, Blob value) { impl_->bind_blob(index, value.bytes); }
  void bind(int index, const std::optional<std::string>& value) {
    if (value) bind(index, *value);
    else bind(index);
  }
  void bind(int index, const std::optional<std::int64_t>& value) {
    if (value) bind(index, *value);
    else bind(index);
  }

  bool step() { return impl_->step(); }
  // For "INSERT … RETURNING id": runs the statement, returns the id and
  // finishes the statement (SQLite cannot commit while one is in progress).
  std::int64_t returned_id() {
    if (!step()) throw Error("store: INSERT … RETURNING returned no row", false);
    const std::int64_t id = int64(0);
    reset();
    return id;
  }
  std::size_t exec() { return impl_->exec(); }
  void reset() { impl_->reset(); }

  bool is_null(int column) { return impl_->is_null(column); }
  // Text of the column; "" for NULL.
  std::string text(int column) { return impl_->text(column); }
  std::optional<std::string> optional_text(int column) {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }
  std::int64_t int64(int column) { return impl_->int64(column); }
  int int32(int column) { return static_cast<int>(impl_->int64(column)); }
  std::optional<std::int64_t> optional_int64(int column) {
    if (is_null(column)) return std::nullopt;
    return int64(column);
  }
  double real(int column) { return impl_->real(column); }
  std::string blob(int column) { return impl_->blob(column); }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// A write transaction (the write rule above), rolled back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& connection) : connection_(connection) { connection_.begin_write(); }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (!done_) connection_.rollback();
  }
  void commit() {
    connection_.commit();
    done_ = true;
  }

 private:
  Connection& connection_;
  bool done_ = false;
};

// `path` is a file path or ":memory:". WAL mode, foreign keys, busy timeout.
std::unique_ptr<Connection> open_sqlite(const std::string& path);
// `url` is a libpq connection URI ("postgresql://user@host:port/db?…").
// A lost connection is re-established on the next use outside a transaction.
std::unique_ptr<Connection> open_postgresql(const std::string& url);

// The connection for a store URL (store.h: StoreOptions::url), without the
// store: no folder created, no migration.
std::unique_ptr<Connection> open_connection(std::string_view url);

// "… WHERE a = ? AND b = '?'" -> "… WHERE a = $1 AND b = '?'": `?` outside
// quotes and comments become numbered parameters, SQLite's "?NNN" becomes
// "$NNN" (exposed for tests).
std::string numbered_placeholders(std::string_view sql);

// UTC now as ISO 8601 text ("2026-12-01T10:00:00Z"), the store's time format.
std::string utc_now_text();

}  // namespace relais::store::sql
