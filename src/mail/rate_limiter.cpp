#include "mail/rate_limiter.h"

#include "security/random.h"

namespace relais::mail {

RateLimiter::RateLimiter(std::size_t per_client, std::size_t per_instance, std::string secret)
    : limit_{.scope = "courriel_fiche", .window_ms = 60'000, .per_key = per_client, .per_scope = per_instance},
      secret_(std::move(secret)) {}

std::string RateLimiter::key_of(std::string_view client) const {
  // The scope in the hashed text keeps these pseudonyms unrelated to any other
  // HMAC made with the same secret.
  return security::hmac_sha256_hex(secret_, limit_.scope + ":" + std::string(client));
}

bool RateLimiter::allow(store::AccountStore& store, std::string_view client,
                        std::chrono::system_clock::time_point now) const {
  const auto at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  return store.admit_rate_event(limit_, key_of(client), at_ms);
}

}  // namespace relais::mail
