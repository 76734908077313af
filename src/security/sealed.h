// Authenticated encryption of small secrets at rest (TOTP seeds): libsodium's
// XChaCha20-Poly1305 (IETF AEAD) under KeyRing::secret, with a random 192-bit
// nonce and a version byte in front for crypto agility; `context` (e.g.
// "totp:<user id>") is bound as associated data, so a sealed seed copied to
// another account does not open.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace relais::security {

// version (1 byte) ‖ nonce (24) ‖ ciphertext and tag.
std::string seal(const std::array<unsigned char, 32>& key, std::string_view plaintext, std::string_view context);
// Nothing when `sealed` was altered, sealed under another key or context, or malformed.
std::optional<std::string> unseal(const std::array<unsigned char, 32>& key, std::string_view sealed,
                                  std::string_view context);

}  // namespace relais::security
