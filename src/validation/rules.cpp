#include "validation/rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>


namespace relais::validation::rules {
namespace {

// JS `\s` (ECMAScript WhiteSpace + LineTerminator), written for a PCRE2 class.
constexpr std::string_view kJsSpaceClassBody =
    "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
    "\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

// Rewrites the JS-only differences of a /u regex source for PCRE2: `\s` (ASCII
// in PCRE2 without UCP, Unicode in JS). `\d` and `\w` are ASCII in both.
std::string js_to_pcre2(std::string_view js) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < js.size(); ++i) {
    char c = js[i];
    if (c == '\\' && i + 1 < js.size()) {
      char next = js[++i];
      if (next == 's') {
        if (in_class) out += kJsSpaceClassBody;
        else out += "[" + std::string(kJsSpaceClassBody) + "]";
      } else {
        out += c;
        out += next;
      }
      continue;
    }
    if (c == '[' && !in_class) in_class = true;
    else if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

// A compiled, immutable regex. pcre2_match with per-call match data is
// thread-safe (the JIT is not used, so no shared JIT stack).
class Regex {
 public:
  using MatchData = std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)>;

  explicit Regex(std::string_view js_source) {
    std::string pattern = js_to_pcre2(js_source);
    int error = 0;
    PCRE2_SIZE offset = 0;
    code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                          PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &error, &offset, nullptr);
    if (code_ == nullptr) throw std::logic_error("bad built-in regex: " + pattern);
    // JIT when available (several times faster); pcre2_match uses it
    // transparently and falls back to the interpreter otherwise.
    jit_ = pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE) == 0;
  }
  ~Regex() { pcre2_code_free(code_); }
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool test(std::string_view text) const {
    if (!valid_utf8(text)) return false;
    // One small match block per thread, reused: only whether it matches is needed.
    thread_local MatchData data(pcre2_match_data_create(1, nullptr), &pcre2_match_data_free);
    int rc = jit_ ? pcre2_jit_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0,
                                    data.get(), nullptr)
                  : pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                                PCRE2_NO_UTF_CHECK, data.get(), nullptr);
    return rc >= 0;
  }

 private:
  pcre2_code* code_ = nullptr;
  bool jit_ = false;
};

// Sources copied verbatim from the library's compiled JS (lib/esm/models/**).
const Regex& rna() { static const Regex r(R"(^W[a-zA-Z0-9]{9}$)"); return r; }
const Regex& code_postal() { static const Regex r(R"(^\d{5}$)"); return r; }
const Regex& code_insee() {
  static const Regex r(R"(^(?:[013-9]\d|2[AB1-9])(?:0?\d{3}|-\d-\d{2}-\d{3})$)");
  return r;
}
const Regex& commune() { static const Regex r(R"(^[A-Za-z\dÀ-ÖØ-öø-ÿœ-ŸŒ\-'’\s]+$)"); return r; }
const Regex& voie() {
  static const Regex r(R"(^[0-9A-Za-z\dÀ-ÖØ-öø-ÿœ-ŸŒ\-,()°.&:+–|;'’/\s]+$)");
  return r;
}
const Regex& telephone() {
  static const Regex r(
      R"(^(?:(?:\+|00)(?:33|262|269|508|590|594|596|681|687|689)[\s.-]{0,3}(?:\(0\)[\s.-]{0,3})?|0)(?:(?:[1-9](?:[\s.-]?\d{2}){4}|\d{2}(?:[\s.-]\d{3}){2})|\d{6}|\s\d{3}(?:\s\d{2}){3})$)");
  return r;
}
const Regex& courriel() {
  static const Regex r(
      R"(^(?:[a-zA-Z0-9_][a-zA-Z0-9.!#$%&'*+\\=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9][a-zA-Z0-9-]{0,61}[a-zA-Z0-9])+(?:;|$))+$)");
  return r;
}
const Regex& url() {
  static const Regex r(
      R"(^[A-Za-z]{3,9}:(?:\/\/)?(?:[;:&=+$,\w-]+@)?[A-Za-z0-9.-]+(?:(?:\/[+~,%@/.\w_-]*)?\??[-+=&;%@.\w_]*#?[.!/\\\w]*)?$)");
  return r;
}
// Schema v1.0.2 patterns (Frictionless: anchored, Python `re` semantics; all
// ASCII here, so PCRE2 agrees).
const Regex& schema_pivot_re() { static const Regex r(R"(^[a-zA-Z0-9]{9,14}$)"); return r; }
const Regex& schema_insee_re() { static const Regex r(R"(^([013-9]\d|2[AB1-9])\d{3}$)"); return r; }
const Regex& schema_phone_re() {
  static const Regex r(
      R"(^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$)");
  return r;
}

}  // namespace

bool valid_utf8(std::string_view text) {
  // Hand-written: the ASCII fast path makes it several times faster than
  // iterating with utf8proc, and validation calls it on every value.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    // ASCII runs 32 then 8 bytes at a time.
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    if (end - p >= 32) {
      std::uint64_t w[4];
      std::memcpy(w, p, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & kHigh) == 0) { p += 32; continue; }
    }
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      std::uint64_t high = word & kHigh;
      if (high == 0) { p += 8; continue; }
      // Straight to the first non-ASCII byte (French text has an accent
      // every few words; byte steps up to it cost more than the check).
      if constexpr (std::endian::native == std::endian::little) p += std::countr_zero(high) / 8;
    }
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else return false;
    if (static_cast<std::size_t>(end - p) <= n) return false;
    for (std::size_t i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

bool library_pivot(std::string_view v) { return utf16_length(v) == 14 || rna().test(v); }
bool library_code_postal(std::string_view v) { return code_postal().test(v); }
bool library_code_insee(std::string_view v) { return code_insee().test(v); }
bool library_commune(std::string_view v) { return commune().test(v); }
bool library_adresse(std::string_view v) { return !v.empty() && voie().test(v); }
bool library_telephone(std::string_view v) { return telephone().test(v); }
bool library_courriel(std::string_view v) { return courriel().test(v); }
bool library_url(std::string_view v) { return url().test(v); }
bool schema_pivot(std::string_view v) { return schema_pivot_re().test(v); }
bool schema_code_insee(std::string_view v) { return schema_insee_re().test(v); }
bool schema_telephone(std::string_view v) { return schema_phone_re().test(v); }

std::size_t utf16_length(std::string_view utf8) {
  // Code points, plus one more unit for each code point above U+FFFF (4-byte
  // UTF-8 sequences): exactly what JS .length counts for valid UTF-8.
  std::size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++units;  // lead byte
    if (c >= 0xF0) ++units;           // astral: surrogate pair
  }
  return units;
}

std::optional<double> parse_number(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);  // Number("+1") == 1; from_chars refuses '+'
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value,
                                   std::chars_format::general);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (text.find_first_of("nNiI") != std::string_view::npos) return std::nullopt;  // nan/inf
  return value;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
  // Hand-written: a small fixed grammar (ISO 8601 profile); std::chrono::parse
  // on istreams is unavailable in libstdc++ 12 and date::parse accepts more
  // than we want (e.g. one-digit months).
  using namespace std::chrono;
  int y = 0, m = 0, d = 0;
  if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  year_month_day day{year{y}, month{static_cast<unsigned>(m)}, std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  if (s.size() == 10) return day;
  // Time part.
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  std::size_t p = 11;
  if (!digits(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mm))
    return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      std::size_t q = p + 1;
      while (q < s.size() && s[q] >= '0' && s[q] <= '9') ++q;
      if (q == p + 1) return std::nullopt;
      p = q;
    }
  }
  if (hh > 24 || mm > 59 || ss > 59 || (hh == 24 && (mm != 0 || ss != 0))) return std::nullopt;
  int offset_minutes = 0;
  if (p == s.size()) {
    // No offset: JS reads local time; we keep the written day (docs/validation.md).
  } else if (s[p] == 'Z' && p + 1 == s.size()) {
  } else if ((s[p] == '+' || s[p] == '-') && p + 6 == s.size() && s[p + 3] == ':') {
    int oh = 0, om = 0;
    if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_minutes = (s[p] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (p == s.size()) return day;
  auto local = sys_days{day} + hours{hh} + minutes{mm} + seconds{ss};
  auto utc = local - minutes{offset_minutes};
  return year_month_day{floor<days>(utc)};
}

}  // namespace relais::validation::rules
