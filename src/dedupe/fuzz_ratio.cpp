#include "dedupe/fuzz_ratio.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <vector>

#include <utf8proc.h>

#include "core/text.h"

namespace relais::dedupe {
namespace {

bool is_letter_or_number(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Decodes UTF-8, skipping invalid bytes one at a time.
template <typename F>
void for_each_code_point(std::string_view text, F&& f) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      ++p;
      --left;
      continue;
    }
    f(cp);
    p += n;
    left -= n;
  }
}

void append_utf16(std::u16string& out, utf8proc_int32_t cp) {
  if (cp < 0x10000) {
    out.push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  }
}

bool is_cased(utf8proc_int32_t cp) {
  auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LL ||
         category == UTF8PROC_CATEGORY_LT || utf8proc_tolower(cp) != cp || utf8proc_toupper(cp) != cp;
}

// After the replacement only letters, numbers and spaces remain; of those,
// modifier letters (Lm) are the case-ignorable ones.
bool is_case_ignorable(utf8proc_int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_LM; }

// JS toLowerCase's Final_Sigma rule: capital sigma after a cased letter and
// not before one becomes final sigma.
bool is_final_sigma(const std::vector<utf8proc_int32_t>& cps, std::size_t i) {
  std::size_t k = i;
  bool cased_before = false;
  while (k > 0) {
    --k;
    if (is_case_ignorable(cps[k])) continue;
    cased_before = is_cased(cps[k]);
    break;
  }
  if (!cased_before) return false;
  for (std::size_t j = i + 1; j < cps.size(); ++j) {
    if (is_case_ignorable(cps[j])) continue;
    return !is_cased(cps[j]);
  }
  return true;
}

// fuzzball full_process: non-letters/numbers -> space (per code point, as the
// /u regex does), then JS toLowerCase, trim, collapse spaces. Lowercasing never
// yields whitespace, so trimming and collapsing can happen first.
std::u16string process_utf16(std::string_view text) {
  std::vector<utf8proc_int32_t> cps;
  cps.reserve(text.size());
  bool pending_space = false;
  for_each_code_point(text, [&](utf8proc_int32_t cp) {
    if (!is_letter_or_number(cp)) {
      pending_space = !cps.empty();
      return;
    }
    if (pending_space) {
      cps.push_back(' ');
      pending_space = false;
    }
    cps.push_back(cp);
  });
  std::u16string out;
  out.reserve(cps.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    utf8proc_int32_t cp = cps[i];
    if (cp == 0x130) {  // JS: "İ".toLowerCase() === "i\u0307"
      out.push_back(u'i');
      out.push_back(u'\u0307');
    } else if (cp == 0x3A3) {
      out.push_back(is_final_sigma(cps, i) ? u'\u03C2' : u'\u03C3');
    } else {
      append_utf16(out, utf8proc_tolower(cp));
    }
  }
  return out;
}

std::u16string to_utf16(std::string_view text) {
  std::u16string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](utf8proc_int32_t cp) { append_utf16(out, cp); });
  return out;
}

// JS Math.round: nearest integer, ties towards +infinity.
int js_round(double x) {
  double floor = std::floor(x);
  return static_cast<int>(x - floor >= 0.5 ? floor + 1 : floor);
}

int ratio_of(std::u16string_view a, std::u16string_view b) {
  if (a.empty() || b.empty()) return 0;  // fuzzball's validate()
  double lensum = static_cast<double>(a.size() + b.size());
  double distance = static_cast<double>(indel_distance(a, b));
  return js_round(100 * ((lensum - distance) / lensum));
}

// Bit masks of the positions of each unit of `pattern`, 64 positions per word.
class PatternMasks {
 public:
  explicit PatternMasks(std::u16string_view pattern) : words_((pattern.size() + 63) / 64) {
    ascii_.assign(128 * words_, 0);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      std::uint64_t* row = row_for_insert(pattern[i]);
      row[i / 64] |= std::uint64_t{1} << (i % 64);
    }
  }
  std::size_t words() const { return words_; }
  // Mask word `w` for unit `c` (0 when c is absent from the pattern).
  std::uint64_t get(char16_t c, std::size_t w) const {
    if (c < 128) return ascii_[c * words_ + w];
    for (std::size_t k = 0; k < other_keys_.size(); ++k) {
      if (other_keys_[k] == c) return other_[k * words_ + w];
    }
    return 0;
  }

 private:
  std::uint64_t* row_for_insert(char16_t c) {
    if (c < 128) return &ascii_[c * words_];
    for (std::size_t k = 0; k < other_keys_.size(); ++k) {
      if (other_keys_[k] == c) return &other_[k * words_];
    }
    other_keys_.push_back(c);
    other_.resize(other_.size() + words_, 0);
    return &other_[(other_keys_.size() - 1) * words_];
  }
  std::size_t words_;
  std::vector<std::uint64_t> ascii_;
  std::vector<char16_t> other_keys_;  // few non-ASCII units per string: linear scan
  std::vector<std::uint64_t> other_;
};

// Length of the longest common subsequence (Hyyrö 2004, multi-word).
std::size_t lcs_length(std::u16string_view a, std::u16string_view b) {
  if (a.size() > b.size()) std::swap(a, b);  // pattern = shorter
  if (a.empty()) return 0;
  PatternMasks masks(a);
  const std::size_t words = masks.words();
  std::vector<std::uint64_t> s(words, ~std::uint64_t{0});
  for (char16_t c : b) {
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t m = masks.get(c, w);
      std::uint64_t u = s[w] & m;
      // x = s + u + carry, with carry-out
      std::uint64_t sum1 = s[w] + u;
      std::uint64_t c1 = sum1 < s[w] ? 1 : 0;
      std::uint64_t sum2 = sum1 + carry;
      std::uint64_t c2 = sum2 < sum1 ? 1 : 0;
      carry = c1 | c2;
      s[w] = sum2 | (s[w] - u);
    }
  }
  std::size_t zeros = 0;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t v = ~s[w];
    if (w == words - 1 && a.size() % 64 != 0) v &= (std::uint64_t{1} << (a.size() % 64)) - 1;
    zeros += static_cast<std::size_t>(std::popcount(v));
  }
  return zeros;
}

}  // namespace

std::size_t indel_distance(std::u16string_view a, std::u16string_view b) {
  return a.size() + b.size() - 2 * lcs_length(a, b);
}

std::string fuzzball_process(std::string_view text) {
  std::u16string units = process_utf16(text);
  std::string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    utf8proc_int32_t cp = units[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < units.size()) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (units[++i] - 0xDC00);
    }
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  return out;
}

int ratio(std::string_view a, std::string_view b) {
  return ratio_of(process_utf16(a), process_utf16(b));
}

int ratio_unprocessed(std::string_view a, std::string_view b) {
  return ratio_of(to_utf16(a), to_utf16(b));
}

int folded_ratio(std::string_view a, std::string_view b) {
  return ratio_of(to_utf16(fold_for_search(a)), to_utf16(fold_for_search(b)));
}

}  // namespace relais::dedupe
