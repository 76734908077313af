// Passwords of staff accounts (issue 5; ASVS 5.0 V6, ANSSI, CNIL 2022-100):
// Argon2id through libsodium's crypto_pwhash_str (t = 2, m = 19 MiB, p = 1;
// the parameters are recorded in the encoded string, so raising them later
// keeps old hashes verifiable), a length rule without composition rules, and
// a check against a list of breached and common passwords.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace relais::security {

inline constexpr std::size_t kMinPasswordLength = 12;   // characters (code points)
inline constexpr std::size_t kMaxPasswordLength = 128;  // characters; ASVS asks that 64 be allowed

// "$argon2id$v=19$m=19456,t=2,p=1$…". Throws std::runtime_error when libsodium
// cannot allocate the memory.
std::string hash_password(std::string_view password);

// True when `password` matches `encoded` (constant time); false for any
// malformed `encoded`, including "".
bool verify_password(std::string_view password, std::string_view encoded);

// True when `encoded` was made with weaker parameters than hash_password's.
bool password_needs_rehash(std::string_view encoded);

// True when the password (compared without case) is in the embedded list of
// breached and common passwords.
bool is_common_password(std::string_view password);

// Number of entries of that list (for docs and tests).
std::size_t common_password_count();

// Why `password` is refused for the account `email`, in plain French for the
// form ("Le mot de passe doit compter au moins 12 caractères."), or nothing
// when it is acceptable: length in code points, not the e-mail or its local
// part, not in the common list. No composition rules (ASVS 6.2.5).
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

}  // namespace relais::security
