#include "security/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace relais::security {
namespace {

TEST(Password, HashesWithArgon2idAtTheRequiredCost) {
  const std::string encoded = hash_password("correct horse battery staple");
  EXPECT_EQ(encoded.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << encoded;
  EXPECT_NE(encoded, hash_password("correct horse battery staple"));  // salted
  EXPECT_FALSE(password_needs_rehash(encoded));
}

TEST(Password, VerifiesOnlyTheRightPassword) {
  const std::string encoded = hash_password("une phrase de passe assez longue");
  EXPECT_TRUE(verify_password("une phrase de passe assez longue", encoded));
  EXPECT_FALSE(verify_password("une phrase de passe assez longuE", encoded));
  EXPECT_FALSE(verify_password("", encoded));
  const std::string with_nul("abc\0def ghijkl", 14);
  const std::string nul_encoded = hash_password(with_nul);
  EXPECT_TRUE(verify_password(with_nul, nul_encoded));
  EXPECT_FALSE(verify_password("abc", nul_encoded));  // the whole length counts
}

TEST(Password, MalformedHashesNeverVerify) {
  const std::string encoded = hash_password("une phrase de passe assez longue");
  EXPECT_FALSE(verify_password("x", ""));
  EXPECT_FALSE(verify_password("une phrase de passe assez longue", encoded.substr(0, encoded.size() - 3)));
  EXPECT_FALSE(verify_password("une phrase de passe assez longue", "$argon2id$garbage"));
  EXPECT_FALSE(verify_password("une phrase de passe assez longue", encoded + std::string(200, 'A')));
  EXPECT_FALSE(verify_password("une phrase de passe assez longue", encoded + std::string(1, '\0')));
}

TEST(Password, WeakerOrOtherHashesNeedRehash) {
  char weaker[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weaker, "pw", 2, 1, 8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
  EXPECT_TRUE(password_needs_rehash(weaker));
  EXPECT_TRUE(verify_password("pw", weaker));  // still verifiable until replaced
  char argon2i[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, 3, 8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2I13), 0);
  EXPECT_TRUE(password_needs_rehash(argon2i));
  EXPECT_TRUE(password_needs_rehash(""));
  EXPECT_TRUE(password_needs_rehash("not a hash"));
}

TEST(CommonPasswords, HoldsTheEmbeddedList) {
  EXPECT_EQ(common_password_count(), 49233u);  // @zxcvbn-ts/language-common 4.1.3
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("password"));
  EXPECT_TRUE(is_common_password("PassWord"));  // without case
  EXPECT_TRUE(is_common_password("xpcrew"));    // the list's last entry
  EXPECT_TRUE(is_common_password("1qaz2wsx3edc4rfv"));
  EXPECT_FALSE(is_common_password("cheval agrafe pile correcte"));
  EXPECT_FALSE(is_common_password(""));
  EXPECT_FALSE(is_common_password("123456 "));
}

TEST(PasswordProblem, CountsCharactersNotBytes) {
  EXPECT_EQ(password_problem("éléphantrosé", "a@b.fr"), std::nullopt);  // 12 characters, 16 bytes
  EXPECT_EQ(password_problem("éléphantros", "a@b.fr"), "Le mot de passe doit compter au moins 12 caractères.");
  EXPECT_EQ(password_problem(std::string(128, 'z') , "a@b.fr"), std::nullopt);
  EXPECT_EQ(password_problem(std::string(129, 'z'), "a@b.fr"), "Le mot de passe doit compter au plus 128 caractères.");
  std::string long_accented;
  for (int i = 0; i < 128; ++i) long_accented += "é";  // 256 bytes, 128 characters
  EXPECT_EQ(password_problem(long_accented, "a@b.fr"), std::nullopt);
  EXPECT_TRUE(password_problem("abc\xff\xfe" "defghijklmn", "a@b.fr"));
}

TEST(PasswordProblem, RefusesTheEmailAndItsLocalPart) {
  const std::string email = "marie.dupont-durand@exemple.fr";
  const std::string expected = "Le mot de passe ne doit pas reprendre votre adresse e-mail.";
  EXPECT_EQ(password_problem(email, email), expected);
  EXPECT_EQ(password_problem("Marie.Dupont-Durand@Exemple.fr", email), expected);
  EXPECT_EQ(password_problem("marie.dupont-durand", email), expected);
  EXPECT_EQ(password_problem("Marie Dupont Durand", email), expected);
  EXPECT_EQ(password_problem("marie.dupont-durand!2024", email), std::nullopt);
  EXPECT_EQ(password_problem("!!!!!!!!!!!!!!", "!!!!@x.fr"), std::nullopt);  // nothing left to compare
}

TEST(PasswordProblem, RefusesCommonPasswordsWithoutCompositionRules) {
  EXPECT_TRUE(password_problem("123456789012", "a@b.fr"));
  EXPECT_TRUE(password_problem("LeaveMeAlone", "a@b.fr"));
  // No class of character is required: a long lowercase phrase is fine.
  EXPECT_EQ(password_problem("des pommes et des poires au marche", "a@b.fr"), std::nullopt);
  EXPECT_EQ(password_problem("aaaaaaaaaaaaaaaaaaaaaaa b", "a@b.fr"), std::nullopt);
}

}  // namespace
}  // namespace relais::security
