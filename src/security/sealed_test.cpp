#include "security/sealed.h"

#include <gtest/gtest.h>

#include "security/keys.h"

namespace relais::security {
namespace {

const auto kKey = keys_for_tests(1).secret;

TEST(Sealed, RoundTrips) {
  const std::string secret("seed\0with nul", 13);
  const std::string sealed = seal(kKey, secret, "totp:42");
  EXPECT_EQ(sealed.size(), 1u + 24u + secret.size() + 16u);
  EXPECT_EQ(static_cast<unsigned char>(sealed[0]), 1);
  EXPECT_EQ(sealed.find("seed"), std::string::npos);
  ASSERT_TRUE(unseal(kKey, sealed, "totp:42"));
  EXPECT_EQ(*unseal(kKey, sealed, "totp:42"), secret);
  EXPECT_EQ(*unseal(kKey, seal(kKey, "", "c"), "c"), "");
}

TEST(Sealed, UsesAFreshNonceEachTime) {
  EXPECT_NE(seal(kKey, "same", "c"), seal(kKey, "same", "c"));
}

TEST(Sealed, RefusesAnyAlteredByte) {
  const std::string sealed = seal(kKey, "a TOTP seed of twenty", "totp:42");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    EXPECT_FALSE(unseal(kKey, altered, "totp:42")) << "byte " << i;
  }
  EXPECT_FALSE(unseal(kKey, sealed.substr(0, sealed.size() - 1), "totp:42"));
  EXPECT_FALSE(unseal(kKey, sealed + "x", "totp:42"));
  EXPECT_FALSE(unseal(kKey, "", "totp:42"));
  EXPECT_FALSE(unseal(kKey, sealed.substr(0, 40), "totp:42"));
}

TEST(Sealed, RefusesAnotherContext) {
  const std::string sealed = seal(kKey, "seed", "totp:42");
  EXPECT_FALSE(unseal(kKey, sealed, "totp:43"));
  EXPECT_FALSE(unseal(kKey, sealed, ""));
}

TEST(Sealed, RefusesAnotherKey) {
  const std::string sealed = seal(kKey, "seed", "totp:42");
  EXPECT_FALSE(unseal(keys_for_tests(2).secret, sealed, "totp:42"));
}

}  // namespace
}  // namespace relais::security
