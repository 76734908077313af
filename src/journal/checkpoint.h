// Signed checkpoints of the journal's Merkle tree, in the formats of the
// transparency-log ecosystem so that other tools can read and check them:
//  - body: C2SP tlog-checkpoint, "<origin>\n<size>\n<base64 root>\n";
//  - signature: C2SP signed-note, the body, a blank line, then one line per
//    signature "— <key name> <base64(key hash ‖ Ed25519 signature)>\n", where
//    the key hash is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
// Opening a note rejects a wrong key, a body edited after signing (size, root
// or origin) and a malformed text; check_successor() rejects a log that went
// backwards.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "journal/merkle.h"

namespace relais::journal {

// A malformed, unsigned or inconsistent checkpoint; what() is plain French.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Checkpoint {
  std::string origin;  // one line, no spaces required but no newline
  std::uint64_t size = 0;
  merkle::Hash root{};
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;  // libsodium's Ed25519 secret key (seed ‖ public key)

// "<origin>\n<size>\n<base64 root>\n". Throws CheckpointError if the origin is
// empty or holds a newline.
std::string checkpoint_body(const Checkpoint& checkpoint);
// Parses a body (extension lines after the root are allowed and ignored).
// Throws CheckpointError.
Checkpoint parse_checkpoint_body(std::string_view body);

// C2SP signed-note key hash of an Ed25519 key (signature type 0x01).
std::array<unsigned char, 4> key_hash(std::string_view key_name, const PublicKey& public_key);

// The signed note: body, blank line, one signature line. The key name must be
// non-empty, without spaces or '+'. Throws CheckpointError.
std::string sign_checkpoint(const Checkpoint& checkpoint, std::string_view key_name, const SecretKey& secret_key);

// Parses a signed note and returns its checkpoint when one of its signature
// lines is by `public_key` (under the name written on that line) and
// verifies. Throws CheckpointError otherwise (no signature by this key, bad
// signature, malformed note).
Checkpoint open_checkpoint(std::string_view note, const PublicKey& public_key);

// A later checkpoint of the same log: same origin, size not smaller, and the
// same root when the size is the same. Throws CheckpointError.
void check_successor(const Checkpoint& previous, const Checkpoint& next);
// The same, and `proof` (merkle::consistency_proof) shows that the earlier
// tree is a prefix of the later one. Throws CheckpointError.
void check_successor(const Checkpoint& previous, const Checkpoint& next, std::span<const merkle::Hash> proof);

// Base64 (standard alphabet, padded), as the formats use it.
std::string base64(std::span<const unsigned char> bytes);
// Strict decoding (padding required, no spaces); nullopt when not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace relais::journal
