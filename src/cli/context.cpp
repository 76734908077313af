#include "cli/context.h"

#include "cli/exit_codes.h"
#include "security/keys.h"
#include "store/store.h"

namespace relais::cli {

store::Store& Context::store() {
  if (!store_) {
    try {
      store_ = store::open_store({database, store::schema_policy_for(database)});
    } catch (const store::StoreError& e) {
      throw CommandError(kUsage, std::string("cannot open the database: ") + e.what());
    }
  }
  return *store_;
}

const security::KeyRing& Context::key_ring() {
  if (!keys_) {
    try {
      keys_ = std::make_unique<security::KeyRing>(
          security::load_or_create_keys(keys.empty() ? std::string(security::kDefaultKeysDir) : keys));
    } catch (const std::exception& e) {
      throw CommandError(kUsage, std::string("cannot read the keys: ") + e.what());
    }
  }
  return *keys_;
}

Context::Context() = default;
Context::~Context() = default;

}  // namespace relais::cli
