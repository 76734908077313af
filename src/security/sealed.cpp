#include "security/sealed.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace relais::security {

namespace {
constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

std::string seal(const std::array<unsigned char, 32>& key, std::string_view plaintext, std::string_view context) {
  static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
  detail::ensure_sodium();
  std::string out(1 + kNonce + plaintext.size() + kTag, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kVersion;
  randombytes_buf(p + 1, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p + 1 + kNonce, &written, bytes(plaintext), plaintext.size(),
                                             bytes(context), context.size(), nullptr, p + 1, key.data());
  out.resize(1 + kNonce + written);
  return out;
}

std::optional<std::string> unseal(const std::array<unsigned char, 32>& key, std::string_view sealed,
                                  std::string_view context) {
  detail::ensure_sodium();
  if (sealed.size() < 1 + kNonce + kTag || static_cast<unsigned char>(sealed[0]) != kVersion) return std::nullopt;
  const auto* p = bytes(sealed);
  const std::size_t cipher_size = sealed.size() - 1 - kNonce;
  std::string plain(cipher_size - kTag, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr,
                                                 p + 1 + kNonce, cipher_size, bytes(context), context.size(), p + 1,
                                                 key.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(written);
  return plain;
}

}  // namespace relais::security
