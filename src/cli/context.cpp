#include "cli/context.h"

#include "cli/exit_codes.h"
#include "store/store.h"

namespace relais::cli {

store::Store& Context::store() {
  if (!store_) {
    try {
      store_ = store::open_store({database});
    } catch (const store::StoreError& e) {
      throw CommandError(kUsage, std::string("cannot open the database: ") + e.what());
    }
  }
  return *store_;
}

Context::Context() = default;
Context::~Context() = default;

}  // namespace relais::cli
