// libsodium must be initialised once before use; sodium_init() is itself
// thread-safe and idempotent, this wrapper only turns its failure into an exception.
#pragma once

namespace relais::security::detail {

// Calls sodium_init() on first use; throws std::runtime_error if it fails.
void ensure_sodium();

}  // namespace relais::security::detail
