#include "core/text.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace relais {

std::string fold_for_search(std::string_view utf8) {
  // utf8proc does NFKD + case folding + mark stripping in one pass; it only
  // refuses invalid UTF-8, so such input is first cleaned byte by byte.
  std::string clean;
  clean.reserve(utf8.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(utf8.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) { ++p; --left; continue; }
    clean.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
    left -= n;
  }
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                 UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                      static_cast<utf8proc_ssize_t>(clean.size()), &mapped, options);
  if (len < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);

  std::string out;
  out.reserve(static_cast<std::size_t>(len));
  bool pending_space = false;
  const utf8proc_uint8_t* q = mapped;
  utf8proc_ssize_t rest = len;
  while (rest > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(q, rest, &cp);
    if (n <= 0) break;
    q += n;
    rest -= n;
    // œ and æ have no decomposition; expand them as French readers would.
    if (cp == 0x153) { if (pending_space && !out.empty()) out += ' '; pending_space = false; out += "oe"; continue; }
    if (cp == 0xE6) { if (pending_space && !out.empty()) out += ' '; pending_space = false; out += "ae"; continue; }
    auto category = utf8proc_category(cp);
    bool alnum = category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
                 category == UTF8PROC_CATEGORY_LT || category == UTF8PROC_CATEGORY_LO ||
                 category == UTF8PROC_CATEGORY_ND;
    if (!alnum) { pending_space = true; continue; }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    utf8proc_uint8_t buf[4];
    auto w = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(w));
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace relais
