#include "security/random.h"

#include <sodium.h>

#include "security/sodium_init.h"

namespace relais::security {

std::string random_token(std::size_t bytes) {
  detail::ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw.data(), raw.size());
  out.resize(std::char_traits<char>::length(out.c_str()));  // drop the terminating NUL room
  return out;
}

std::string random_recovery_code() {
  detail::ensure_sodium();
  // 32 symbols (5 bits each) without 0/o and 1/l: 12 symbols = 60 bits.
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  static_assert(sizeof kAlphabet - 1 == 32);
  std::string code;
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(32)];
  }
  return code;
}

std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::vector<unsigned char> sha256(std::string_view data) {
  detail::ensure_sodium();
  std::vector<unsigned char> digest(crypto_hash_sha256_BYTES);
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return digest;
}

std::string sha256_hex(std::string_view data) {
  auto digest = sha256(data);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  detail::ensure_sodium();
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return to_hex(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  detail::ensure_sodium();
  // The length is not secret (tokens have a fixed length); only contents are compared in constant time.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace relais::security
