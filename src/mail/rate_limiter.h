// How many orientation sheets one client may e-mail: at most `per_client` a
// minute per client address, and `per_instance` a minute in all (a flood from
// many addresses must not turn the instance into a spam relay). Counted in the
// store (AccountStore::admit_rate_event), so every `relais serve` sharing the
// database shares the count: N servers behind a proxy allow what one does.
// Client addresses are stored only as a keyed hash (HMAC-SHA-256 with the
// server's secret key, security/random.h), for the minute they count, and are
// never logged.
//
// Thread-safety: allow() is const; each thread passes its own store.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "store/account_store.h"

namespace relais::mail {

class RateLimiter {
 public:
  // REQUIRES: per_client >= 1, per_instance >= 1. `secret` keys the hash of
  // addresses; servers sharing a database share it (the keys folder).
  RateLimiter(std::size_t per_client, std::size_t per_instance, std::string secret);

  // Counts one e-mail for `client` at `now` and returns true when it is within
  // both limits; returns false (nothing counted) otherwise. Throws
  // store::StoreError, store::StoreUnavailable when the database cannot be
  // reached: the caller must not send then.
  bool allow(store::AccountStore& store, std::string_view client,
             std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;

  // The stored key of `client`.
  std::string key_of(std::string_view client) const;

 private:
  store::RateLimit limit_;
  std::string secret_;
};

}  // namespace relais::mail
