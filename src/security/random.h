// Random secrets and hashes (libsodium): session ids, one-time tokens, CSRF
// tokens, recovery codes; SHA-256 to store them; HMAC-SHA-256 for keyed
// pseudonyms; constant-time comparison.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relais::security {

// `bytes` random bytes from the CSPRNG, base64url without padding
// (16 bytes = 128 bits = 22 characters). Safe in cookies, URLs and forms.
std::string random_token(std::size_t bytes = 32);

// A recovery code "xxxx-xxxx-xxxx" of lowercase letters and digits without
// look-alikes (0/o, 1/l): 60 bits.
std::string random_recovery_code();
// Lowercases and drops spaces and dashes, so "ABCD EFGH-IJKL" == "abcd-efgh-ijkl".
std::string normalise_recovery_code(std::string_view code);

// Lowercase hex of SHA-256(data).
std::string sha256_hex(std::string_view data);
std::vector<unsigned char> sha256(std::string_view data);
// Lowercase hex of HMAC-SHA-256(key, data) (RFC 2104): a pseudonym of `data`
// that cannot be reversed by hashing every candidate without the key (an IPv4
// address has only 2^32 values, a plain hash of it is no pseudonym).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

std::string to_hex(std::string_view bytes);

// Constant-time equality (different lengths are unequal).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace relais::security
