#include "store/copy.h"

#include <openssl/sha.h>

#include <array>
#include <charconv>
#include <cstdio>

#include "store/schema.h"
#include "store/sql_connection.h"
#include "store/store.h"

namespace relais::store {
namespace {

enum class Kind { integer, real, text, blob };

struct Column {
  std::string name;
  Kind kind;
};

// Table and column names come only from this constant list and from the
// databases' own catalogues, never from input; every value is bound.
// Every table of the schema, parents before children (foreign keys), with
// the order rows are inserted in where it matters: sessions keep their
// insertion order (sessions_of_user sorts by it after created_at).
struct Table {
  const char* name;
  const char* order_by;  // "" for none
};
constexpr Table kTables[] = {
    {"imports", ""},           {"places", ""},          {"communes", ""},
    {"duplicate_members", ""}, {"place_reports", ""},   {"indicator_sets", ""},
    {"indicator_values", ""},  {"contour_sets", ""},    {"contours", ""},
    {"structures", ""},        {"structure_places", ""}, {"users", ""},
    {"memberships", ""},       {"territory_roles", ""}, {"recovery_codes", ""},
    {"sessions", "created_at, rowid"}, {"one_time_tokens", ""}, {"login_throttle", ""},
    {"journal_entries", "seq"}, {"journal_personal", "seq"}, {"journal_checkpoints", "tree_size"},
    {"place_versions", ""},    {"report_replies", ""},  {"place_reminders", ""},
    {"rate_events", ""},
};
// Tables with an identity id on PostgreSQL: its sequence must follow the
// copied ids.
constexpr const char* kIdentityTables[] = {"imports",    "place_reports",  "indicator_sets", "structures",
                                           "users",      "place_versions", "report_replies"};

Kind kind_of(std::string type) {
  for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (type.find("INT") != std::string::npos) return Kind::integer;
  if (type.find("REAL") != std::string::npos || type.find("DOUBLE") != std::string::npos) return Kind::real;
  if (type.find("BLOB") != std::string::npos || type.find("BYTEA") != std::string::npos) return Kind::blob;
  return Kind::text;
}

// The table's columns as the connection's catalogue gives them, in order;
// PostgreSQL's explicit "rowid" (postgresql_schema.cpp) is left out: SQLite
// has it implicitly.
std::vector<Column> columns_of(sql::Connection& db, const std::string& table) {
  std::vector<Column> out;
  if (db.backend() == sql::Backend::sqlite) {
    sql::Statement q(db, "SELECT name, type FROM pragma_table_info(?) ORDER BY cid");
    q.bind(1, table);
    while (q.step()) out.push_back({q.text(0), kind_of(q.text(1))});
  } else {
    sql::Statement q(db,
                     "SELECT column_name, data_type FROM information_schema.columns "
                     "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position");
    q.bind(1, table);
    while (q.step()) {
      if (q.text(0) != "rowid") out.push_back({q.text(0), kind_of(q.text(1))});
    }
  }
  if (out.empty()) throw StoreError("migrate-data: table " + table + " is missing");
  return out;
}

std::string column_list(const std::vector<Column>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

// One value in a backend-neutral form for the checksum.
std::string canonical(sql::Statement& q, int i, Kind kind) {
  if (q.is_null(i)) return std::string("\x01N", 2);
  switch (kind) {
    case Kind::integer:
      return "i" + std::to_string(q.int64(i));
    case Kind::real: {
      char buf[32];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, q.real(i));
      return "r" + std::string(buf, end);
    }
    case Kind::blob:
      return "b" + q.blob(i);
    case Kind::text:
      break;
  }
  return "t" + q.text(i);
}

struct TableSum {
  std::size_t rows = 0;
  std::array<std::uint64_t, 4> sum{};
  std::string hex() const {
    std::string out;
    char buf[17];
    for (auto w : sum) {
      std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(w));
      out += buf;
    }
    return out;
  }
};

TableSum checksum(sql::Connection& db, const std::string& table, const std::vector<Column>& columns) {
  TableSum out;
  sql::Statement q(db, "SELECT " + column_list(columns) + " FROM " + table);
  while (q.step()) {
    std::string row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string v = canonical(q, static_cast<int>(i), columns[i].kind);
      row += std::to_string(v.size()) + ":" + v;  // length-prefixed: no ambiguity between columns
    }
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(row.data()), row.size(), digest);
    std::uint64_t carry = 0;  // 256-bit addition over 64-bit words, the last word the lowest
    for (int w = 3; w >= 0; --w) {
      std::uint64_t word = 0;
      for (int b = 0; b < 8; ++b) word = (word << 8) | digest[w * 8 + b];
      std::uint64_t& sum = out.sum[static_cast<std::size_t>(w)];
      const std::uint64_t partial = sum + word;
      const std::uint64_t total = partial + carry;
      carry = (partial < word ? 1 : 0) + (total < carry ? 1 : 0);  // unsigned wrap-around = carry out
      sum = total;
    }
    ++out.rows;
  }
  return out;
}

void copy_table(sql::Connection& from, sql::Connection& to, const Table& table, const std::vector<Column>& columns) {
  const std::string list = column_list(columns);
  std::string marks;
  for (std::size_t i = 0; i < columns.size(); ++i) marks += i == 0 ? "?" : ", ?";
  sql::Statement read(from, std::string("SELECT ") + list + " FROM " + table.name +
                                (*table.order_by ? std::string(" ORDER BY ") + table.order_by : std::string()));
  sql::Statement write(to, std::string("INSERT INTO ") + table.name + " (" + list + ") VALUES (" + marks + ")");
  while (read.step()) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const int c = static_cast<int>(i);
      const int p = c + 1;
      if (read.is_null(c)) {
        write.bind(p);
        continue;
      }
      switch (columns[i].kind) {
        case Kind::integer: write.bind(p, read.int64(c)); break;
        case Kind::real: write.bind(p, read.real(c)); break;
        case Kind::blob: write.bind(p, sql::Blob{read.blob(c)}); break;
        case Kind::text: write.bind(p, read.text(c)); break;
      }
    }
    write.exec();
    write.reset();
  }
}

}  // namespace

CopyReport copy_database(const std::string& from_url, const std::string& to_url) {
  auto from = sql::open_connection(from_url);
  sql::require_current_schema(*from);
  auto to = sql::open_connection(to_url);
  sql::migrate(*to);

  std::vector<std::vector<Column>> columns;
  for (const Table& t : kTables) {
    columns.push_back(columns_of(*from, t.name));
    if (column_list(columns.back()) != column_list(columns_of(*to, t.name))) {
      throw StoreError(std::string("migrate-data: table ") + t.name + " has other columns in the target");
    }
  }
  {
    sql::WriteTransaction tx(*to);
    for (const Table& t : kTables) {
      sql::Statement any(*to, std::string("SELECT 1 FROM ") + t.name + " LIMIT 1");
      if (any.step()) throw StoreError(std::string("migrate-data: the target already holds data (table ") + t.name + ")");
    }
    for (std::size_t i = 0; i < std::size(kTables); ++i) copy_table(*from, *to, kTables[i], columns[i]);
    sql::Statement counter(*from, "SELECT value FROM meta WHERE key = 'change_counter'");
    counter.step();
    sql::Statement set(*to, "UPDATE meta SET value = ? WHERE key = 'change_counter'");
    set.bind(1, counter.int64(0));
    set.exec();
    if (to->backend() == sql::Backend::postgresql) {
      for (const char* table : kIdentityTables) {
        to->exec(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), "
                 "COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)");
      }
    }
    tx.commit();
  }

  CopyReport report;
  for (std::size_t i = 0; i < std::size(kTables); ++i) {
    const TableSum a = checksum(*from, kTables[i].name, columns[i]);
    const TableSum b = checksum(*to, kTables[i].name, columns[i]);
    if (a.rows != b.rows || a.sum != b.sum) {
      throw StoreError(std::string("migrate-data: table ") + kTables[i].name + " differs after the copy (" +
                       std::to_string(a.rows) + " rows in the source, " + std::to_string(b.rows) + " in the target)");
    }
    report.tables.push_back({kTables[i].name, a.rows, a.hex()});
  }
  return report;
}

}  // namespace relais::store
