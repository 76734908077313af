// The server's keys (issue 5), kept in files under a keys folder (by default
// ./var/keys/, mode 0700, files 0600), created on first use:
//   secret.key          32 random bytes: seals TOTP seeds (sealed.h) and keys HMACs
//   journal-ed25519.key Ed25519 secret key (libsodium, 64 bytes): signs journal checkpoints
//   journal-ed25519.pub its public key (32 bytes), for verifiers
// Losing secret.key makes enrolled second factors unusable (users enrol again
// with a recovery code); losing the journal key only stops new checkpoints
// from verifying against the old public key (docs/security.md says how to rotate).
#pragma once

#include <array>
#include <filesystem>
#include <string>

namespace relais::security {

inline constexpr const char* kDefaultKeysDir = "./var/keys";

struct KeyRing {
  std::array<unsigned char, 32> secret{};
  std::array<unsigned char, 64> journal_secret{};
  std::array<unsigned char, 32> journal_public{};
};

// Reads the key files of `dir`, creating the folder and missing keys. Throws
// std::runtime_error naming the file when a key file is unreadable, has the
// wrong size, or is readable by others than its owner.
KeyRing load_or_create_keys(const std::filesystem::path& dir);

// Reads only the public journal key (for `relais journal verify` on a copy of
// the database, without the secret keys). Throws std::runtime_error.
std::array<unsigned char, 32> load_journal_public_key(const std::filesystem::path& file);

// Keys from a fixed seed, for tests only.
KeyRing keys_for_tests(unsigned char seed = 1);

}  // namespace relais::security
