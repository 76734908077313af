// The SQLite backend of Store (internal; use open_store()).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace relais::store {

// `path` is a file path or ":memory:". Sets WAL mode, foreign keys, a busy
// timeout, then migrates. Throws StoreError.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace relais::store
