#include "security/sodium_init.h"

#include <sodium.h>

#include <stdexcept>

namespace relais::security::detail {

void ensure_sodium() {
  // A function-local static runs sodium_init() exactly once across threads.
  static const int status = sodium_init();
  if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace relais::security::detail
