#include "security/totp.h"

#include <gtest/gtest.h>

namespace relais::security {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

// RFC 4226 Appendix D: HOTP of the ASCII secret "12345678901234567890", counters 0 to 9.
TEST(Hotp, MatchesRfc4226AppendixD) {
  const auto secret = bytes("12345678901234567890");
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(totp_code(secret, counter), expected[counter]) << "counter " << counter;
  }
}

// RFC 6238 Appendix B: 8 digits, 30 s steps, one seed per hash.
TEST(Totp, MatchesRfc6238AppendixB) {
  struct Vector {
    std::int64_t time;
    std::int64_t counter;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Vector vectors[] = {
      {59, 0x1, "94287082", "46119246", "90693936"},
      {1111111109, 0x23523EC, "07081804", "68084774", "25091201"},
      {1111111111, 0x23523ED, "14050471", "67062674", "99943326"},
      {1234567890, 0x273EF07, "89005924", "91819424", "93441116"},
      {2000000000, 0x3F940AA, "69279037", "90698825", "38618901"},
      {20000000000, 0x27BC86AA, "65353130", "77737706", "47863826"},
  };
  const auto seed1 = bytes("12345678901234567890");
  const auto seed256 = bytes("12345678901234567890123456789012");
  const auto seed512 = bytes("1234567890123456789012345678901234567890123456789012345678901234");
  for (const Vector& v : vectors) {
    const sys_seconds at{seconds{v.time}};
    TotpSettings s{.digits = 8};
    EXPECT_EQ(totp_counter(at, s), v.counter) << v.time;
    s.hash = TotpHash::Sha1;
    EXPECT_EQ(totp_code(seed1, totp_counter(at, s), s), v.sha1) << v.time;
    EXPECT_EQ(verify_totp(seed1, v.sha1, at, std::nullopt, s), v.counter) << v.time;
    s.hash = TotpHash::Sha256;
    EXPECT_EQ(totp_code(seed256, totp_counter(at, s), s), v.sha256) << v.time;
    EXPECT_EQ(verify_totp(seed256, v.sha256, at, std::nullopt, s), v.counter) << v.time;
    s.hash = TotpHash::Sha512;
    EXPECT_EQ(totp_code(seed512, totp_counter(at, s), s), v.sha512) << v.time;
    EXPECT_EQ(verify_totp(seed512, v.sha512, at, std::nullopt, s), v.counter) << v.time;
  }
}

TEST(Totp, CountsThirtySecondSteps) {
  EXPECT_EQ(totp_counter(sys_seconds{seconds{0}}), 0);
  EXPECT_EQ(totp_counter(sys_seconds{seconds{29}}), 0);
  EXPECT_EQ(totp_counter(sys_seconds{seconds{30}}), 1);
  EXPECT_EQ(totp_counter(sys_seconds{seconds{-1}}), -1);
  EXPECT_EQ(totp_counter(sys_seconds{seconds{119}}, TotpSettings{.step = seconds{60}}), 1);
}

TEST(Totp, AcceptsOneStepEitherSideOnly) {
  const auto secret = new_totp_secret();
  const sys_seconds now{seconds{1'700'000'000}};
  const std::int64_t c = totp_counter(now);
  EXPECT_EQ(verify_totp(secret, totp_code(secret, c), now, std::nullopt), c);
  EXPECT_EQ(verify_totp(secret, totp_code(secret, c - 1), now, std::nullopt), c - 1);
  EXPECT_EQ(verify_totp(secret, totp_code(secret, c + 1), now, std::nullopt), c + 1);
  EXPECT_FALSE(verify_totp(secret, totp_code(secret, c - 2), now, std::nullopt));
  EXPECT_FALSE(verify_totp(secret, totp_code(secret, c + 2), now, std::nullopt));
  EXPECT_EQ(verify_totp(secret, totp_code(secret, c - 2), now, std::nullopt, TotpSettings{.window = 2}), c - 2);
  EXPECT_FALSE(verify_totp(secret, totp_code(secret, c - 1), now, std::nullopt, TotpSettings{.window = 0}));
}

TEST(Totp, RefusesReplayedAndOlderSteps) {
  const auto secret = new_totp_secret();
  const sys_seconds now{seconds{1'700'000'000}};
  const std::int64_t c = totp_counter(now);
  const std::string code = totp_code(secret, c);
  const auto used = verify_totp(secret, code, now, std::nullopt);
  ASSERT_EQ(used, c);
  EXPECT_FALSE(verify_totp(secret, code, now, used));                              // same code again
  EXPECT_FALSE(verify_totp(secret, totp_code(secret, c - 1), now, used));          // an older one
  EXPECT_FALSE(verify_totp(secret, code, now + seconds{10}, c + 1));              // below the last step
  EXPECT_EQ(verify_totp(secret, totp_code(secret, c + 1), now + seconds{30}, used), c + 1);  // the next one
}

TEST(Totp, RefusesWrongAndMalformedCodes) {
  const auto secret = bytes("12345678901234567890");
  const sys_seconds at{seconds{59}};
  const std::string good = totp_code(secret, 1);
  EXPECT_EQ(verify_totp(secret, good.substr(0, 3) + " " + good.substr(3), at, std::nullopt), 1);
  std::string wrong = good;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  EXPECT_FALSE(verify_totp(secret, wrong, at, std::nullopt));
  EXPECT_FALSE(verify_totp(secret, good.substr(0, 5), at, std::nullopt));
  EXPECT_FALSE(verify_totp(secret, good + "0", at, std::nullopt));
  EXPECT_FALSE(verify_totp(secret, good.substr(0, 5) + "a", at, std::nullopt));
  EXPECT_FALSE(verify_totp(secret, "", at, std::nullopt));
  EXPECT_FALSE(verify_totp(bytes("another secret value"), good, at, std::nullopt));
}

TEST(Totp, NewSecretsAre160RandomBits) {
  const auto a = new_totp_secret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, new_totp_secret());
}

TEST(Base32, MatchesRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},           {"f", "MY"},           {"fo", "MZXQ"},          {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(bytes(plain)), encoded);
    EXPECT_EQ(base32_decode(encoded), bytes(plain)) << encoded;
  }
  // The padded and grouped forms apps display are read too.
  EXPECT_EQ(base32_decode("MZXW6YQ="), bytes("foob"));
  EXPECT_EQ(base32_decode("mzxw 6ytb oi======"), bytes("foobar"));
  EXPECT_EQ(base32_encode(bytes("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, RefusesInvalidText) {
  EXPECT_FALSE(base32_decode("MZXW1"));   // '1' is not in the alphabet
  EXPECT_FALSE(base32_decode("MZ-XW"));
  EXPECT_FALSE(base32_decode("M"));       // a lone symbol is not a whole byte
  EXPECT_FALSE(base32_decode("MZX"));
  EXPECT_FALSE(base32_decode("MZXW6Y"));
}

TEST(Base32, RoundTripsEveryLength) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::vector<std::uint8_t> data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 37 + n);
    EXPECT_EQ(base32_decode(base32_encode(data)), data) << n;
  }
  const auto secret = new_totp_secret();
  EXPECT_EQ(base32_encode(secret).size(), 32u);
  EXPECT_EQ(base32_decode(base32_encode(secret)), secret);
}

TEST(OtpauthUri, FollowsTheKeyUriFormat) {
  const auto secret = bytes("12345678901234567890");
  EXPECT_EQ(otpauth_uri("Relais", "marie@example.org", secret),
            "otpauth://totp/Relais:marie%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Relais&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("Relais Métropole & Co", "a b:c", secret, TotpSettings{.digits = 8, .hash = TotpHash::Sha256}),
            "otpauth://totp/Relais%20M%C3%A9tropole%20%26%20Co:a%20b%3Ac?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Relais%20M%C3%A9tropole%20%26%20Co&algorithm=SHA256&digits=8&period=30");
}

}  // namespace
}  // namespace relais::security
