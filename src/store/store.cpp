#include "store/store.h"

#include <filesystem>

#include "store/sql_store.h"

namespace relais::store {

bool is_postgresql_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  std::string_view url = options.url;
  if (is_postgresql_url(url)) return open_sql_store(sql::open_postgresql(std::string(url)), options.schema);
  if (url.starts_with("sqlite:")) url.remove_prefix(std::string_view("sqlite:").size());
  std::string path = url.empty() ? std::string(kDefaultStorePath) : std::string(url);
  if (path != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) throw StoreError("cannot create folder " + parent.string() + ": " + ec.message());
  }
  return open_sql_store(sql::open_sqlite(path), options.schema);
}

namespace sql {

std::unique_ptr<Connection> open_connection(std::string_view url) {
  if (is_postgresql_url(url)) return open_postgresql(std::string(url));
  if (url.starts_with("sqlite:")) url.remove_prefix(std::string_view("sqlite:").size());
  return open_sqlite(url.empty() ? std::string(kDefaultStorePath) : std::string(url));
}

}  // namespace sql

SchemaPolicy schema_policy_for(std::string_view url) {
  return is_postgresql_url(url) ? SchemaPolicy::require_current : SchemaPolicy::migrate;
}

}  // namespace relais::store
