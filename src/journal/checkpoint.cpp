#include "journal/checkpoint.h"

#include <sodium.h>

#include <charconv>
#include <vector>

namespace relais::journal {
namespace {

// The signature line starts with U+2014 EM DASH and a space (C2SP signed-note).
constexpr std::string_view kDash = "\xE2\x80\x94 ";
constexpr unsigned char kEd25519Type = 0x01;

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::vector<std::string_view> split_lines(std::string_view text) {
  // `text` ends with '\n'; returns the lines without it.
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == '+' || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string base64(std::span<const unsigned char> bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string checkpoint_body(const Checkpoint& checkpoint) {
  if (checkpoint.origin.empty() || checkpoint.origin.find('\n') != std::string::npos) {
    throw CheckpointError("origine du point de contrôle vide ou sur plusieurs lignes");
  }
  return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" + base64(checkpoint.root) + "\n";
}

Checkpoint parse_checkpoint_body(std::string_view body) {
  if (body.empty() || body.back() != '\n') throw CheckpointError("point de contrôle mal formé (fin de ligne manquante)");
  const auto lines = split_lines(body);
  if (lines.size() < 3) throw CheckpointError("point de contrôle mal formé (moins de trois lignes)");
  Checkpoint checkpoint;
  if (lines[0].empty()) throw CheckpointError("point de contrôle mal formé (origine vide)");
  checkpoint.origin = std::string(lines[0]);
  // Decimal, no sign, no leading zero (C2SP tlog-checkpoint).
  const std::string_view size = lines[1];
  const auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), checkpoint.size);
  if (size.empty() || error != std::errc() || end != size.data() + size.size() || (size.size() > 1 && size[0] == '0')) {
    throw CheckpointError("point de contrôle mal formé (taille « " + std::string(size) + " » illisible)");
  }
  const auto root = base64_decode(lines[2]);
  if (!root || root->size() != checkpoint.root.size()) {
    throw CheckpointError("point de contrôle mal formé (racine illisible)");
  }
  std::copy(root->begin(), root->end(), checkpoint.root.begin());
  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) throw CheckpointError("point de contrôle mal formé (ligne vide dans le corps)");
  }
  return checkpoint;
}

std::array<unsigned char, 4> key_hash(std::string_view key_name, const PublicKey& public_key) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(key_name.data()), key_name.size());
  const unsigned char separator[] = {'\n', kEd25519Type};
  crypto_hash_sha256_update(&state, separator, sizeof separator);
  crypto_hash_sha256_update(&state, public_key.data(), public_key.size());
  std::array<unsigned char, 32> digest;
  crypto_hash_sha256_final(&state, digest.data());
  return {digest[0], digest[1], digest[2], digest[3]};
}

std::string sign_checkpoint(const Checkpoint& checkpoint, std::string_view key_name, const SecretKey& secret_key) {
  ensure_sodium();
  if (!valid_key_name(key_name)) throw CheckpointError("nom de clé invalide (vide, espace ou « + »)");
  const std::string body = checkpoint_body(checkpoint);
  PublicKey public_key;
  crypto_sign_ed25519_sk_to_pk(public_key.data(), secret_key.data());
  std::array<unsigned char, 4 + crypto_sign_BYTES> blob;
  const auto hash = key_hash(key_name, public_key);
  std::copy(hash.begin(), hash.end(), blob.begin());
  crypto_sign_detached(blob.data() + 4, nullptr, reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                       secret_key.data());
  return body + "\n" + std::string(kDash) + std::string(key_name) + " " + base64(blob) + "\n";
}

Checkpoint open_checkpoint(std::string_view note, const PublicKey& public_key) {
  ensure_sodium();
  // The body ends at the last blank line; signature lines follow it.
  const std::size_t separator = note.rfind("\n\n");
  if (separator == std::string_view::npos || note.empty() || note.back() != '\n') {
    throw CheckpointError("note signée mal formée (pas de ligne de signature)");
  }
  const std::string_view body = note.substr(0, separator + 1);
  const Checkpoint checkpoint = parse_checkpoint_body(body);
  bool signed_by_key = false;
  for (std::string_view line : split_lines(note.substr(separator + 2))) {
    if (!line.starts_with(kDash)) throw CheckpointError("note signée mal formée (ligne de signature sans « — »)");
    line.remove_prefix(kDash.size());
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) throw CheckpointError("note signée mal formée (signature sans nom de clé)");
    const std::string_view name = line.substr(0, space);
    const auto blob = base64_decode(line.substr(space + 1));
    if (!blob || blob->size() < 5) throw CheckpointError("note signée mal formée (signature illisible)");
    const auto expected = key_hash(name, public_key);
    if (blob->compare(0, 4, reinterpret_cast<const char*>(expected.data()), 4) != 0) continue;  // another signer's line
    if (blob->size() != 4 + crypto_sign_BYTES ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(blob->data()) + 4,
                                    reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                                    public_key.data()) != 0) {
      throw CheckpointError("signature invalide : le point de contrôle a été modifié après sa signature");
    }
    signed_by_key = true;
  }
  if (!signed_by_key) throw CheckpointError("le point de contrôle n'est pas signé par cette clé publique");
  return checkpoint;
}

void check_successor(const Checkpoint& previous, const Checkpoint& next) {
  if (next.origin != previous.origin) {
    throw CheckpointError("le point de contrôle vient d'un autre journal (origine « " + next.origin + " » au lieu de « " +
                          previous.origin + " »)");
  }
  if (next.size < previous.size) {
    throw CheckpointError("le journal a reculé : taille " + std::to_string(next.size) + " après " +
                          std::to_string(previous.size));
  }
  if (next.size == previous.size && next.root != previous.root) {
    throw CheckpointError("deux points de contrôle de taille " + std::to_string(next.size) +
                          " ont des racines différentes");
  }
}

void check_successor(const Checkpoint& previous, const Checkpoint& next, std::span<const merkle::Hash> proof) {
  check_successor(previous, next);
  if (!merkle::verify_consistency(previous.size, next.size, previous.root, next.root, proof)) {
    throw CheckpointError("le journal de taille " + std::to_string(next.size) + " ne prolonge pas celui de taille " +
                          std::to_string(previous.size) + " (preuve de cohérence refusée)");
  }
}

}  // namespace relais::journal
