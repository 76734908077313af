#include "security/keys.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>

namespace relais::security {
namespace {

namespace fs = std::filesystem;

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("relais-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static mode_t mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 07777;
  }
  fs::path dir_;
};

TEST_F(KeysTest, CreatesPrivateFilesAndReadsThemBack) {
  const fs::path keys = dir_ / "var" / "keys";
  const KeyRing first = load_or_create_keys(keys);
  EXPECT_EQ(mode_of(keys), 0700u);
  for (const char* name : {"secret.key", "journal-ed25519.key", "journal-ed25519.pub"}) {
    EXPECT_EQ(mode_of(keys / name), 0600u) << name;
  }
  EXPECT_EQ(fs::file_size(keys / "secret.key"), 32u);
  EXPECT_EQ(fs::file_size(keys / "journal-ed25519.key"), 64u);
  EXPECT_EQ(fs::file_size(keys / "journal-ed25519.pub"), 32u);
  EXPECT_NE(first.secret, decltype(first.secret){});

  const KeyRing second = load_or_create_keys(keys);
  EXPECT_EQ(first.secret, second.secret);
  EXPECT_EQ(first.journal_secret, second.journal_secret);
  EXPECT_EQ(first.journal_public, second.journal_public);
  EXPECT_EQ(load_journal_public_key(keys / "journal-ed25519.pub"), first.journal_public);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(keys), fs::directory_iterator()), 3);
}

TEST_F(KeysTest, JournalKeyPairSignsAndVerifies) {
  const KeyRing ring = load_or_create_keys(dir_);
  const unsigned char message[] = "checkpoint";
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, message, sizeof message, ring.journal_secret.data());
  EXPECT_EQ(crypto_sign_verify_detached(signature, message, sizeof message, ring.journal_public.data()), 0);
}

TEST_F(KeysTest, RefusesAKeyFileReadableByOthers) {
  load_or_create_keys(dir_);
  fs::permissions(dir_ / "secret.key", fs::perms::group_read, fs::perm_options::add);
  try {
    load_or_create_keys(dir_);
    FAIL() << "a group-readable key was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("secret.key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
  }
}

TEST_F(KeysTest, RefusesAKeyFileOfTheWrongSize) {
  load_or_create_keys(dir_);
  {
    std::ofstream out(dir_ / "journal-ed25519.key", std::ios::binary | std::ios::trunc);
    out << "short";
  }
  EXPECT_THROW(load_or_create_keys(dir_), std::runtime_error);
}

TEST_F(KeysTest, RefusesAPublicKeyWithoutItsSecretKey) {
  const KeyRing ring = load_or_create_keys(dir_);
  fs::remove(dir_ / "journal-ed25519.key");
  EXPECT_THROW(load_or_create_keys(dir_), std::runtime_error);
  // The public key is untouched, so old checkpoints still verify against it.
  EXPECT_EQ(load_journal_public_key(dir_ / "journal-ed25519.pub"), ring.journal_public);
}

TEST_F(KeysTest, RefusesAMismatchedPublicKey) {
  load_or_create_keys(dir_);
  const KeyRing other = keys_for_tests(9);
  {
    std::ofstream out(dir_ / "journal-ed25519.pub", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(other.journal_public.data()), 32);
  }
  EXPECT_THROW(load_or_create_keys(dir_), std::runtime_error);
}

TEST_F(KeysTest, RecreatesAMissingPublicKey) {
  const KeyRing ring = load_or_create_keys(dir_);
  fs::remove(dir_ / "journal-ed25519.pub");
  EXPECT_EQ(load_or_create_keys(dir_).journal_public, ring.journal_public);
  EXPECT_EQ(load_journal_public_key(dir_ / "journal-ed25519.pub"), ring.journal_public);
}

TEST_F(KeysTest, MissingPublicKeyFileThrows) {
  EXPECT_THROW(load_journal_public_key(dir_ / "none.pub"), std::runtime_error);
}

TEST(KeysForTests, AreDeterministicPerSeed) {
  const KeyRing a = keys_for_tests(1);
  const KeyRing b = keys_for_tests(1);
  const KeyRing c = keys_for_tests(2);
  EXPECT_EQ(a.secret, b.secret);
  EXPECT_EQ(a.journal_secret, b.journal_secret);
  EXPECT_EQ(a.journal_public, b.journal_public);
  EXPECT_NE(a.secret, c.secret);
  EXPECT_NE(a.journal_public, c.journal_public);
  std::array<unsigned char, 32> derived{};
  crypto_sign_ed25519_sk_to_pk(derived.data(), a.journal_secret.data());
  EXPECT_EQ(derived, a.journal_public);
}

}  // namespace
}  // namespace relais::security
