// The PostgreSQL side of sql::Connection, on libpq. Every parameterised
// statement is prepared once per connection (PQprepare, named after its SQL)
// and run with PQexecPrepared; values travel as text, BLOBs as binary bytea.
#include <libpq-fe.h>

#include <charconv>
#include <unordered_map>
#include <vector>

#include "store/sql_connection.h"

namespace relais::store::sql {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// SQLSTATE class 23: integrity constraint violation.
bool is_constraint_violation(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  return state && state[0] == '2' && state[1] == '3';
}

// SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server
// shutting down, crashed, or not accepting connections yet).
bool is_server_unavailable(const PGresult* r) {
  const char* field = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view state = field ? field : "";
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

std::string trimmed_message(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

class PostgresqlConnection;

class PostgresqlStatement final : public StatementImpl {
 public:
  PostgresqlStatement(PostgresqlConnection& connection, std::string sql) : connection_(connection), sql_(std::move(sql)) {}

  void bind_null(int index) override { slot(index) = {std::nullopt, false}; }
  void bind_text(int index, std::string_view value) override { slot(index) = {std::string(value), false}; }
  void bind_int64(int index, std::int64_t value) override { slot(index) = {std::to_string(value), false}; }
  void bind_real(int index, double value) override {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);  // shortest text that reads back the same
    slot(index) = {std::string(buf, end), false};
  }
  void bind_blob(int index, std::string_view bytes) override { slot(index) = {std::string(bytes), true}; }

  bool step() override {
    if (!result_) run();
    ++row_;
    return row_ < PQntuples(result_.get());
  }
  std::size_t exec() override {
    run();
    const char* changed = PQcmdTuples(result_.get());
    std::size_t n = 0;
    std::from_chars(changed, changed + std::char_traits<char>::length(changed), n);
    return n;
  }
  void reset() override {
    result_.reset();
    row_ = -1;
  }

  bool is_null(int column) override { return PQgetisnull(result_.get(), row_, column) != 0; }
  std::string text(int column) override {
    return std::string(PQgetvalue(result_.get(), row_, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::int64_t int64(int column) override {
    const std::string t = text(column);
    std::int64_t v = 0;
    if (std::from_chars(t.data(), t.data() + t.size(), v).ec != std::errc()) {
      throw Error("store: column " + std::to_string(column) + " is not an integer: " + t, false);
    }
    return v;
  }
  double real(int column) override {
    const std::string t = text(column);
    double v = 0;
    if (std::from_chars(t.data(), t.data() + t.size(), v).ec != std::errc()) {
      throw Error("store: column " + std::to_string(column) + " is not a number: " + t, false);
    }
    return v;
  }
  std::string blob(int column) override {
    // Results come as text: bytea in its hex form ("\x0a1b…").
    std::size_t length = 0;
    unsigned char* bytes =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row_, column)), &length);
    if (!bytes) throw Error("store: out of memory reading a bytea column", false);
    std::string out(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return out;
  }

 private:
  struct Parameter {
    std::optional<std::string> value;
    bool binary = false;
  };
  Parameter& slot(int index) {
    if (index < 1) throw Error("store: parameter index " + std::to_string(index), false);
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(static_cast<std::size_t>(index));
    return params_[static_cast<std::size_t>(index - 1)];
  }
  void run();

  PostgresqlConnection& connection_;
  std::string sql_;
  std::vector<Parameter> params_;
  Result result_;
  int row_ = -1;
};

class PostgresqlConnection final : public Connection {
 public:
  explicit PostgresqlConnection(std::string url) : url_(std::move(url)) { connect(); }
  ~PostgresqlConnection() override {
    if (conn_) PQfinish(conn_);
  }

  Backend backend() const override { return Backend::postgresql; }

  void exec(std::string_view sql) override {
    ensure_connected();
    Result r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get(), sql);
  }

  bool table_exists(std::string_view name) override {
    Statement q(*this, "SELECT to_regclass(?) IS NOT NULL");
    q.bind(1, name);
    return q.step() && q.text(0) == "t";
  }

  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
    return std::make_unique<PostgresqlStatement>(*this, numbered_placeholders(sql));
  }

  void begin_write() override {
    exec("BEGIN");
    in_transaction_ = true;
    // The write rule (sql_connection.h): one writer at a time per schema, so
    // that each instance (a schema; tests use one per test) has its own lock.
    try {
      exec("SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '')))");
    } catch (...) {
      rollback();
      throw;
    }
  }
  void commit() override {
    in_transaction_ = false;
    // Never through exec(): it would connect again, and a COMMIT on a new
    // session "succeeds" with nothing to commit, reporting a lost write as done.
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      throw StoreUnavailable("store: the connection to PostgreSQL was lost before COMMIT (nothing was written)");
    }
    Result r(PQexec(conn_, "COMMIT"));
    check(r.get(), "COMMIT");
    // A transaction that had failed ends with ROLLBACK, and COMMIT says so.
    if (std::string_view(PQcmdStatus(r.get())) != "COMMIT") {
      throw Error("store: the transaction was rolled back by PostgreSQL", false);
    }
  }
  void rollback() noexcept override {
    in_transaction_ = false;
    if (PQstatus(conn_) != CONNECTION_OK) return;  // the server ended the transaction with the connection
    PGresult* r = PQexec(conn_, "ROLLBACK");
    PQclear(r);
  }

  // Runs a statement prepared under the name of its SQL.
  Result run_prepared(const std::string& sql, int count, const char* const* values, const int* lengths,
                      const int* formats) {
    ensure_connected();
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      const std::string name = "s" + std::to_string(prepared_.size() + 1);
      Result r(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
      check(r.get(), sql);
      it = prepared_.emplace(sql, name).first;
    }
    Result r(PQexecPrepared(conn_, it->second.c_str(), count, values, lengths, formats, 0));
    check(r.get(), sql);
    return r;
  }

 private:
  void connect() {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = trimmed_message(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreUnavailable("cannot connect to PostgreSQL: " + message);
    }
    PQsetClientEncoding(conn_, "UTF8");
    // Quiet: NOTICEs (e.g. "relation already exists, skipping") go nowhere.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }

  // A connection lost to a server restart is made again, outside a
  // transaction only: inside one, the transaction is gone and its caller
  // must see the error.
  void ensure_connected() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return;
    if (in_transaction_) {
      throw StoreUnavailable("store: the connection to PostgreSQL was lost during a transaction (nothing of it was written)");
    }
    prepared_.clear();  // prepared statements die with their session
    if (conn_) {
      PQreset(conn_);
      if (PQstatus(conn_) == CONNECTION_OK) {
        PQsetClientEncoding(conn_, "UTF8");
        return;
      }
      std::string message = trimmed_message(PQerrorMessage(conn_));
      throw StoreUnavailable("store: PostgreSQL is unreachable: " + message);
    }
    connect();
  }

  void check(const PGresult* r, std::string_view sql) {
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = trimmed_message(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
    if (message.empty()) message = trimmed_message(PQerrorMessage(conn_));
    (void)sql;
    if (PQstatus(conn_) != CONNECTION_OK || is_server_unavailable(r)) {
      prepared_.clear();
      throw StoreUnavailable("store: PostgreSQL: " + message);
    }
    throw Error(message, is_constraint_violation(r));
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

void PostgresqlStatement::run() {
  std::vector<const char*> values(params_.size());
  std::vector<int> lengths(params_.size()), formats(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].value) {
      values[i] = params_[i].value->data();
      lengths[i] = static_cast<int>(params_[i].value->size());
    }
    formats[i] = params_[i].binary ? 1 : 0;
  }
  result_ = connection_.run_prepared(sql_, static_cast<int>(params_.size()), values.data(), lengths.data(),
                                     formats.data());
  row_ = -1;
}

}  // namespace

std::unique_ptr<Connection> open_postgresql(const std::string& url) {
  return std::make_unique<PostgresqlConnection>(url);
}

}  // namespace relais::store::sql
