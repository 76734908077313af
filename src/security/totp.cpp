#include "security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <stdexcept>

#include "security/random.h"
#include "security/sodium_init.h"

namespace relais::security {

namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const EVP_MD* digest_of(TotpHash hash) {
  switch (hash) {
    case TotpHash::Sha1: return EVP_sha1();
    case TotpHash::Sha256: return EVP_sha256();
    case TotpHash::Sha512: return EVP_sha512();
  }
  throw std::invalid_argument("unknown TOTP hash");
}

const char* algorithm_name(TotpHash hash) {
  switch (hash) {
    case TotpHash::Sha1: return "SHA1";
    case TotpHash::Sha256: return "SHA256";
    case TotpHash::Sha512: return "SHA512";
  }
  return "SHA1";
}

// RFC 3986 unreserved characters stay, every other byte becomes %XX.
std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

}  // namespace

std::vector<std::uint8_t> new_totp_secret() {
  detail::ensure_sodium();
  std::vector<std::uint8_t> secret(20);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::int64_t totp_counter(std::chrono::sys_seconds at, const TotpSettings& settings) {
  const std::int64_t t = at.time_since_epoch().count();
  const std::int64_t step = settings.step.count();
  if (step <= 0) throw std::invalid_argument("TOTP step must be positive");
  // Floor division, so instants before 1970 still map to increasing steps.
  return t >= 0 ? t / step : -((-t + step - 1) / step);
}

std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t counter, const TotpSettings& settings) {
  if (settings.digits < 6 || settings.digits > 9) throw std::invalid_argument("TOTP digits must be 6 to 9");
  // RFC 4226 §5.2: HMAC over the 8-byte big-endian counter, then dynamic truncation.
  std::array<unsigned char, 8> message{};
  auto value = static_cast<std::uint64_t>(counter);
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (HMAC(digest_of(settings.hash), secret.data(), static_cast<int>(secret.size()), message.data(), message.size(),
           mac.data(), &mac_size) == nullptr) {
    throw std::runtime_error("OpenSSL HMAC failed");
  }
  const std::size_t offset = mac[mac_size - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < settings.digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(settings.digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> verify_totp(std::span<const std::uint8_t> secret, std::string_view code,
                                        std::chrono::sys_seconds at,
                                        std::optional<std::int64_t> last_used_counter,
                                        const TotpSettings& settings) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != static_cast<std::size_t>(settings.digits)) return std::nullopt;
  const std::int64_t now = totp_counter(at, settings);
  std::optional<std::int64_t> match;
  // Every candidate step is computed and compared, matched or not, so the
  // time taken does not tell which step matched.
  for (std::int64_t c = now - settings.window; c <= now + settings.window; ++c) {
    const bool replayed = last_used_counter && c <= *last_used_counter;
    const bool equal = constant_time_equal(totp_code(secret, c, settings), digits);
    if (equal && !replayed && !match) match = c;
  }
  return match;
}

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
  return out;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  for (char c : text) {
    if (c == ' ' || c == '=') continue;
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a';
    else if (c >= '2' && c <= '7') value = c - '2' + 26;
    else return std::nullopt;
    ++symbols;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  // RFC 4648 §6: a final quantum has 2, 4, 5 or 7 symbols; 1, 3 or 6 cannot come from whole bytes.
  const std::size_t rest = symbols % 8;
  if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::span<const std::uint8_t> secret,
                        const TotpSettings& settings) {
  const std::string enc_issuer = percent_encode(issuer);
  return "otpauth://totp/" + enc_issuer + ":" + percent_encode(account) + "?secret=" + base32_encode(secret) +
         "&issuer=" + enc_issuer + "&algorithm=" + algorithm_name(settings.hash) +
         "&digits=" + std::to_string(settings.digits) + "&period=" + std::to_string(settings.step.count());
}

}  // namespace relais::security
