#include "security/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "security/sodium_init.h"

namespace relais::security {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSecretFile = "secret.key";
constexpr const char* kJournalSecretFile = "journal-ed25519.key";
constexpr const char* kJournalPublicFile = "journal-ed25519.pub";

[[noreturn]] void fail(const fs::path& file, const std::string& why) {
  throw std::runtime_error("key file " + file.string() + ": " + why);
}

// The bytes of `file`, or nothing when it does not exist. A secret key file
// readable or writable by group or others is refused: the keys would no longer
// be the server's alone.
std::optional<std::vector<unsigned char>> read_key_file(const fs::path& file, std::size_t size, bool secret) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail(file, std::string("cannot be read (") + std::strerror(errno) + ")");
  }
  if (!S_ISREG(st.st_mode)) fail(file, "is not a regular file");
  if (secret && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    fail(file, "is accessible to other users than its owner; run chmod 600 on it");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, "cannot be opened");
  std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() != size) {
    fail(file, "has " + std::to_string(data.size()) + " bytes, " + std::to_string(size) + " expected");
  }
  return data;
}

// Writes `file` atomically and without overwriting: a temporary file (0600,
// synced) is hard-linked to the final name, which fails if another process
// created the key first. Returns false in that case; the caller reads theirs.
bool create_key_file(const fs::path& file, const unsigned char* data, std::size_t size) {
  fs::path tmp = file;
  tmp += ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(tmp, std::string("cannot be created (") + std::strerror(errno) + ")");
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      fail(tmp, std::string("cannot be written (") + std::strerror(errno) + ")");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    fail(tmp, "cannot be synced to disk");
  }
  const bool linked = ::link(tmp.c_str(), file.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!linked && link_errno != EEXIST) fail(file, std::string("cannot be created (") + std::strerror(link_errno) + ")");
  return linked;
}

void ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("keys folder " + dir.string() + " cannot be created: " + ec.message());
  // Restrict the folder itself (also when it already existed with wider rights).
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec) throw std::runtime_error("keys folder " + dir.string() + " cannot be restricted to its owner: " + ec.message());
}

}  // namespace

KeyRing load_or_create_keys(const fs::path& dir) {
  detail::ensure_sodium();
  ensure_dir(dir);
  KeyRing ring;

  const fs::path secret_file = dir / kSecretFile;
  auto secret = read_key_file(secret_file, ring.secret.size(), true);
  if (!secret) {
    std::array<unsigned char, 32> fresh{};
    randombytes_buf(fresh.data(), fresh.size());
    if (!create_key_file(secret_file, fresh.data(), fresh.size())) {
      secret = read_key_file(secret_file, ring.secret.size(), true);  // another process won the race
    } else {
      secret.emplace(fresh.begin(), fresh.end());
    }
    sodium_memzero(fresh.data(), fresh.size());
  }
  std::copy(secret->begin(), secret->end(), ring.secret.begin());
  sodium_memzero(secret->data(), secret->size());

  const fs::path journal_secret_file = dir / kJournalSecretFile;
  const fs::path journal_public_file = dir / kJournalPublicFile;
  auto journal_secret = read_key_file(journal_secret_file, ring.journal_secret.size(), true);
  auto journal_public = read_key_file(journal_public_file, ring.journal_public.size(), false);
  if (!journal_secret) {
    if (journal_public) {
      // Making a new pair would silently orphan every checkpoint signed so far.
      fail(journal_secret_file, "is missing while " + journal_public_file.string() +
                                    " exists; restore it from a backup, or move the public key away to start a new key");
    }
    std::array<unsigned char, 64> sk{};
    std::array<unsigned char, 32> pk{};
    crypto_sign_keypair(pk.data(), sk.data());
    if (!create_key_file(journal_secret_file, sk.data(), sk.size())) {
      journal_secret = read_key_file(journal_secret_file, ring.journal_secret.size(), true);
    } else {
      journal_secret.emplace(sk.begin(), sk.end());
    }
    sodium_memzero(sk.data(), sk.size());
  }
  std::copy(journal_secret->begin(), journal_secret->end(), ring.journal_secret.begin());
  sodium_memzero(journal_secret->data(), journal_secret->size());

  // The public key is the second half of libsodium's Ed25519 secret key.
  crypto_sign_ed25519_sk_to_pk(ring.journal_public.data(), ring.journal_secret.data());
  if (!journal_public) {
    create_key_file(journal_public_file, ring.journal_public.data(), ring.journal_public.size());
    journal_public = read_key_file(journal_public_file, ring.journal_public.size(), false);
  }
  if (!std::equal(journal_public->begin(), journal_public->end(), ring.journal_public.begin())) {
    fail(journal_public_file, "does not match " + journal_secret_file.string());
  }
  return ring;
}

std::array<unsigned char, 32> load_journal_public_key(const fs::path& file) {
  std::array<unsigned char, 32> key{};
  auto data = read_key_file(file, key.size(), false);
  if (!data) fail(file, "does not exist");
  std::copy(data->begin(), data->end(), key.begin());
  return key;
}

KeyRing keys_for_tests(unsigned char seed) {
  detail::ensure_sodium();
  KeyRing ring;
  // Each key from its own labelled hash of the seed, so they are unrelated.
  const unsigned char secret_label[] = {'r', 'e', 'l', 'a', 'i', 's', '-', 's', 'e', 'c', 'r', 'e', 't', seed};
  crypto_hash_sha256(ring.secret.data(), secret_label, sizeof secret_label);
  const unsigned char journal_label[] = {'r', 'e', 'l', 'a', 'i', 's', '-', 'j', 'o', 'u', 'r', 'n', 'a', 'l', seed};
  std::array<unsigned char, crypto_sign_SEEDBYTES> journal_seed{};
  crypto_hash_sha256(journal_seed.data(), journal_label, sizeof journal_label);
  crypto_sign_seed_keypair(ring.journal_public.data(), ring.journal_secret.data(), journal_seed.data());
  return ring;
}

}  // namespace relais::security
