#include "security/password.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "core/text.h"
#include "security/common_passwords.h"
#include "security/sodium_init.h"

namespace relais::security {

namespace {

// Argon2id cost: ASVS 5.0 Appendix C minimum for t = 2 (m = 19 MiB, p = 1;
// libsodium always uses one lane).
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

// ASCII lowercase: the list is lowercase ASCII, so folding other characters
// could not create a match.
std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Lowercased, sorted and deduplicated once; lookups are binary searches.
const std::vector<std::string>& common_passwords() {
  static const std::vector<std::string> list = [] {
    std::vector<std::string> out;
    const auto embedded = detail::embedded_common_passwords();
    out.reserve(embedded.size());
    for (std::string_view p : embedded) out.push_back(ascii_lower(p));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return list;
}

}  // namespace

std::string hash_password(std::string_view password) {
  detail::ensure_sodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id: not enough memory to hash a password");
  }
  return encoded;
}

bool verify_password(std::string_view password, std::string_view encoded) {
  detail::ensure_sodium();
  // libsodium reads a NUL-terminated string of at most crypto_pwhash_STRBYTES.
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES ||
      encoded.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(encoded);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded) {
  detail::ensure_sodium();
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES ||
      encoded.find('\0') != std::string_view::npos) {
    return true;
  }
  const std::string terminated(encoded);
  // 1 for other parameters, -1 for a string that is not Argon2id (e.g. Argon2i): both get a new hash.
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

bool is_common_password(std::string_view password) {
  const auto& list = common_passwords();
  return std::binary_search(list.begin(), list.end(), ascii_lower(password));
}

std::size_t common_password_count() { return common_passwords().size(); }

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  if (!is_valid_utf8(password)) {
    return "Le mot de passe contient des caractères que nous ne savons pas lire. Retapez-le.";
  }
  const std::size_t length = utf8_length(password);
  if (length < kMinPasswordLength) {
    return "Le mot de passe doit compter au moins " + std::to_string(kMinPasswordLength) + " caractères.";
  }
  if (length > kMaxPasswordLength) {
    return "Le mot de passe doit compter au plus " + std::to_string(kMaxPasswordLength) + " caractères.";
  }
  // Compared folded (case, accents, punctuation), so "Marie.Dupont" is as
  // refused as "marie.dupont" for marie.dupont@…
  const std::string folded = fold_for_search(password);
  const std::size_t at = email.rfind('@');
  for (std::string_view part : {email, email.substr(0, at == std::string_view::npos ? email.size() : at)}) {
    const std::string folded_part = fold_for_search(part);
    if (!folded_part.empty() && folded == folded_part) {
      return "Le mot de passe ne doit pas reprendre votre adresse e-mail.";
    }
  }
  if (is_common_password(password)) {
    return "Ce mot de passe fait partie des mots de passe les plus courants ou déjà divulgués. "
           "Choisissez-en un autre, par exemple une phrase de quelques mots.";
  }
  return std::nullopt;
}

}  // namespace relais::security
