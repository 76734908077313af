#include "security/random.h"

#include <gtest/gtest.h>

#include <set>

namespace relais::security {
namespace {

TEST(RandomToken, HasBase64UrlLengthAndAlphabet) {
  const std::string token = random_token(16);
  EXPECT_EQ(token.size(), 22u);  // 128 bits without padding
  EXPECT_EQ(random_token().size(), 43u);
  for (char c : token) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << token;
  }
}

TEST(RandomToken, DiffersEachTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random_token(16));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RecoveryCode, HasThreeGroupsWithoutLookAlikes) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = random_recovery_code();
    ASSERT_EQ(code.size(), 14u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    for (std::size_t j = 0; j < code.size(); ++j) {
      if (j == 4 || j == 9) continue;
      const char c = code[j];
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '9')) << code;
      EXPECT_EQ(std::string("01ol").find(c), std::string::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(RecoveryCode, NormalisesCaseSpacesAndDashes) {
  EXPECT_EQ(normalise_recovery_code("ABCD EFGH-IJKL"), normalise_recovery_code("abcd-efgh-ijkl"));
  EXPECT_EQ(normalise_recovery_code(" abcd-EFGH ijkl "), "abcdefghijkl");
  EXPECT_NE(normalise_recovery_code("abcd-efgh-ijkm"), normalise_recovery_code("abcd-efgh-ijkl"));
  const std::string code = random_recovery_code();
  EXPECT_EQ(normalise_recovery_code(code), normalise_recovery_code(code.substr(0, 4) + code.substr(5, 4) + code.substr(10)));
}

TEST(Sha256, MatchesFips180Vectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abc").size(), 32u);
  EXPECT_EQ(sha256("abc")[0], 0xba);
}

TEST(HmacSha256, MatchesRfc4231Vectors) {
  // RFC 4231 test cases 2 and 6 (a key longer than the block size).
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_NE(hmac_sha256_hex("k1", "192.0.2.1"), hmac_sha256_hex("k2", "192.0.2.1"));
}

TEST(Hex, EncodesBytes) {
  EXPECT_EQ(to_hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(to_hex(""), "");
}

TEST(ConstantTimeEqual, ComparesContentsAndLength) {
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("secret", "secret2"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace relais::security
