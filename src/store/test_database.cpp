#include "store/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>

#include "store/sql_connection.h"

namespace relais::store::testing {

std::string postgresql_base_url() {
  const char* url = std::getenv("RELAIS_TEST_DATABASE_URL");
  return url && is_postgresql_url(url) ? std::string(url) : std::string();
}

std::string test_database_url(std::string_view sqlite_path) {
  const std::string base = postgresql_base_url();
  if (base.empty()) return "sqlite:" + std::string(sqlite_path);

  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> by_path;
  std::lock_guard lock(mutex);
  if (sqlite_path != ":memory:") {
    if (auto it = by_path.find(sqlite_path); it != by_path.end()) return it->second;
  }
  // Unique across the processes of a parallel run: pid, a counter, a random
  // part (pids are reused by later test processes).
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  const std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(++counter) + "_" +
                             std::to_string(salt % 1'000'000);
  sql::open_postgresql(base)->exec("CREATE SCHEMA " + schema);
  const std::string url = base + (base.find('?') == std::string::npos ? "?" : "&") +
                          "options=-csearch_path%3D" + schema;
  if (sqlite_path != ":memory:") by_path.emplace(std::string(sqlite_path), url);
  return url;
}

SharedTestDatabase::SharedTestDatabase(std::string_view name)
    : dir_(std::filesystem::temp_directory_path() / ("relais_" + std::string(name) + "_" + std::to_string(getpid()))) {
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  url_ = test_database_url((dir_ / "relais.db").string());
}

SharedTestDatabase::~SharedTestDatabase() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::unique_ptr<sql::Connection> raw_connection(std::string_view url) {
  auto db = sql::open_connection(url);
  // As the sqlite3 shell opens a file: foreign keys off (the store's own
  // connections turn them on).
  if (db->backend() == sql::Backend::sqlite) db->exec("PRAGMA foreign_keys = OFF");
  return db;
}

Place sample_place(std::string id) {
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = "Lieu " + p.id;
  p.commune = "Lyon";
  p.code_postal = "69001";
  p.adresse = "1 rue A";
  p.coordinates = Coordinates{45.76 + 0.001, 4.83};
  p.date_maj = std::chrono::year{2024} / 5 / 1;
  return p;
}

}  // namespace relais::store::testing
