// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA-1,
// 6 digits, 30 s steps: what every authenticator app reads from an otpauth://
// URI), with a tolerance window and single use of each time step (the caller
// stores the last accepted step; ASVS 6.5.1).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relais::security {

enum class TotpHash { Sha1, Sha256, Sha512 };  // RFC 6238 test vectors use all three

struct TotpSettings {
  int digits = 6;
  std::chrono::seconds step{30};
  TotpHash hash = TotpHash::Sha1;
  int window = 1;  // steps accepted before and after the current one
};

// 20 random bytes (160 bits, RFC 4226 §4) from libsodium's CSPRNG.
std::vector<std::uint8_t> new_totp_secret();

// The time step of `at` (Unix time / step).
std::int64_t totp_counter(std::chrono::sys_seconds at, const TotpSettings& settings = {});

// The code for one counter, zero-padded to settings.digits.
std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t counter, const TotpSettings& settings = {});

// The counter of the step `code` matches within the window around `at`, or
// nothing. Steps at or below `last_used_counter` never match (replay). Codes
// are compared in constant time; spaces in `code` are ignored.
std::optional<std::int64_t> verify_totp(std::span<const std::uint8_t> secret, std::string_view code,
                                        std::chrono::sys_seconds at,
                                        std::optional<std::int64_t> last_used_counter,
                                        const TotpSettings& settings = {});

// RFC 4648 base32 without padding (authenticator apps' secret format).
std::string base32_encode(std::span<const std::uint8_t> bytes);
// Ignores case, spaces and padding; nothing when a character is not base32.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
// (Key Uri Format), percent-encoding issuer and account.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::span<const std::uint8_t> secret,
                        const TotpSettings& settings = {});

}  // namespace relais::security
