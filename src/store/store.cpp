#include "store/store.h"

#include <filesystem>

#include "store/sqlite_store.h"

namespace relais::store {

std::unique_ptr<Store> open_store(const StoreOptions& options) {
  std::string_view url = options.url;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    throw StoreError("PostgreSQL store is not yet supported (use a SQLite path or sqlite:PATH)");
  }
  if (url.starts_with("sqlite:")) url.remove_prefix(std::string_view("sqlite:").size());
  std::string path = url.empty() ? std::string(kDefaultStorePath) : std::string(url);
  if (path != ":memory:") {
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) throw StoreError("cannot create folder " + parent.string() + ": " + ec.message());
  }
  return open_sqlite_store(path);
}

}  // namespace relais::store
