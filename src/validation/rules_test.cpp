#include "validation/rules.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace relais::validation::rules;
using namespace std::chrono;

TEST(RulesPivot, LibraryAcceptsAnyFourteenCharactersOrRna) {
  EXPECT_TRUE(library_pivot("43493312300029"));
  EXPECT_TRUE(library_pivot("00000000000000"));
  EXPECT_TRUE(library_pivot("W123456789"));
  EXPECT_TRUE(library_pivot("434 933 123 00"));  // length 14, the library does not check digits
  EXPECT_FALSE(library_pivot("4349331230002"));
  EXPECT_FALSE(library_pivot("X123456789"));
  EXPECT_FALSE(library_pivot("1234567"));
  // 14 UTF-16 units: 13 ASCII + one astral character (2 units) = 15 -> rejected.
  EXPECT_FALSE(library_pivot("1234567890123\xF0\x9F\x98\x80"));
  EXPECT_TRUE(library_pivot("123456789012\xF0\x9F\x98\x80"));
}

TEST(RulesPivot, SchemaPatternIsAlphanumericNineToFourteen) {
  EXPECT_TRUE(schema_pivot("W123456789"));
  EXPECT_TRUE(schema_pivot("123456789"));
  EXPECT_FALSE(schema_pivot("434 933 123 00"));
  EXPECT_FALSE(schema_pivot("123456789012345"));
}

TEST(RulesAddress, CodePostalAndInsee) {
  EXPECT_TRUE(library_code_postal("51100"));
  EXPECT_FALSE(library_code_postal("5110"));
  EXPECT_FALSE(library_code_postal("51100\n"));  // JS `$` without /m: end of input only
  EXPECT_TRUE(library_code_insee("51454"));
  EXPECT_TRUE(library_code_insee("2A004"));
  EXPECT_TRUE(library_code_insee("980123"));      // 6-character form
  EXPECT_FALSE(library_code_insee("988001"));
  EXPECT_TRUE(library_code_insee("98-8-01-001"));  // dashed form
  EXPECT_FALSE(library_code_insee("20004"));
  EXPECT_FALSE(library_code_insee("2C004"));
  EXPECT_TRUE(schema_code_insee("2B033"));
  EXPECT_FALSE(schema_code_insee("980123"));
}

TEST(RulesAddress, CommuneUsesCodePointRanges) {
  EXPECT_TRUE(library_commune("Reims"));
  EXPECT_TRUE(library_commune("Saint-Étienne"));
  EXPECT_TRUE(library_commune("L'Haÿ-les-Roses"));
  EXPECT_TRUE(library_commune("Bœurs-en-Othe"));
  EXPECT_TRUE(library_commune("Aix\u00A0en Provence"));  // no-break space is JS \s
  EXPECT_FALSE(library_commune("Paris 1er (75)"));
  EXPECT_FALSE(library_commune("Reims, France"));
  EXPECT_FALSE(library_commune(""));
  EXPECT_FALSE(library_commune("×"));  // U+00D7 lies between Ö and Ø, outside the ranges
}

TEST(RulesAddress, Voie) {
  EXPECT_TRUE(library_adresse("12 BIS RUE DE LECLERCQ"));
  EXPECT_TRUE(library_adresse("Place du 8 mai 1945 – Bât. A, n°3"));
  EXPECT_FALSE(library_adresse(""));
  EXPECT_FALSE(library_adresse("12 rue \"du\" port"));
  EXPECT_FALSE(library_adresse("1 rue #2"));
}

TEST(RulesContact, Telephone) {
  for (const char* ok : {"+33180059880", "0180059880", "01 80 05 98 80", "01.80.05.98.80",
                         "+33 (0)1 80 05 98 80", "0033180059880", "+687 123456", "+687123456"}) {
    EXPECT_TRUE(library_telephone(ok)) << ok;
  }
  EXPECT_FALSE(library_telephone("3949"));
  EXPECT_FALSE(library_telephone("+44 20 7946 0958"));
  EXPECT_FALSE(library_telephone("01 80 05 98"));
  EXPECT_FALSE(library_telephone("tel: 0180059880"));
  EXPECT_TRUE(schema_telephone("+33180059880"));
  EXPECT_FALSE(schema_telephone("01 80 05 98 80"));
  EXPECT_FALSE(schema_telephone("0180059880"));
}

TEST(RulesContact, Courriel) {
  EXPECT_TRUE(library_courriel("contact@laquincaillerie.tl"));
  EXPECT_TRUE(library_courriel("a.b+c@sub.example.fr"));
  EXPECT_TRUE(library_courriel("ab@example.fr;cd@example.fr"));
  EXPECT_FALSE(library_courriel("a@example.fr"));  // the local part needs 2 characters
  EXPECT_FALSE(library_courriel("chambéry@accorderie.fr"));
  EXPECT_FALSE(library_courriel("contact@localhost"));
  EXPECT_FALSE(library_courriel("contact@example.fr "));
  EXPECT_FALSE(library_courriel(".a@example.fr"));
}

TEST(RulesContact, Url) {
  EXPECT_TRUE(library_url("https://www.laquincaillerie.tl/"));
  EXPECT_TRUE(library_url("https://m.facebook.com/laquincaillerienumerique/"));
  EXPECT_TRUE(library_url("http://example.fr/a/b?x=1&y=2#top"));
  EXPECT_TRUE(library_url("https://www.example.fr/@user"));
  EXPECT_FALSE(library_url("www.example.fr"));
  EXPECT_FALSE(library_url("https://exa mple.fr"));
  EXPECT_FALSE(library_url("https://example.fr/é"));  // \w is ASCII in JS /u
}

TEST(RulesLength, Utf16Units) {
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("é"), 1u);
  EXPECT_EQ(utf16_length("\xF0\x9F\x98\x80"), 2u);
}

TEST(RulesNumber, ParsesLikeJsNumberOnDecimals) {
  EXPECT_EQ(parse_number("43.52609"), 43.52609);
  EXPECT_EQ(parse_number(" -5.4 "), -5.4);
  EXPECT_EQ(parse_number("+1e2"), 100.0);
  EXPECT_FALSE(parse_number("43,5"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number("12abc"));
}

TEST(RulesDate, IsoDatesAndDateTimes) {
  EXPECT_EQ(parse_date("2024-04-02"), year{2024} / April / 2);
  EXPECT_EQ(parse_date("2024-04-02T10:00:00Z"), year{2024} / April / 2);
  EXPECT_EQ(parse_date("2024-04-02T10:00:00.123+02:00"), year{2024} / April / 2);
  EXPECT_EQ(parse_date("2024-04-02T23:30:00-02:00"), year{2024} / April / 3);  // UTC day, as toISOString
  EXPECT_EQ(parse_date("2024-04-02 10:00"), year{2024} / April / 2);
  EXPECT_FALSE(parse_date("2024-02-30"));
  EXPECT_FALSE(parse_date("02/04/2024"));
  EXPECT_FALSE(parse_date("2024-4-2"));
  EXPECT_FALSE(parse_date("20240402"));
  EXPECT_FALSE(parse_date("2024-04-02T25:00"));
  EXPECT_FALSE(parse_date("2024-04-02x"));
}

// Byte-by-byte strict UTF-8 decoding: the reference for valid_utf8's word steps.
bool reference_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
    if (n == 9 || i + n >= text.size() + (n == 0 ? 1 : 0)) return false;
    char32_t cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k <= n; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    const char32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

TEST(RulesUtf8, WordStepsAgreeWithByteDecoding) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("Médiathèque de l'Île ✓ \xF0\x9F\x98\x80"));
  EXPECT_FALSE(valid_utf8("caf\xE9"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  // Pieces placed at every offset around the 8- and 32-byte steps.
  const std::string_view pieces[] = {"a", "abcdefgh", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                     "\xC3", "\x80", "\xE2\x82", "\xED\xA0\x80", "\xC0\xAF", "\xFF"};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int k = random() % 12; k > 0; --k) {
      auto& piece = pieces[random() % (round % 2 ? std::size(pieces) : 5)];  // odd rounds: invalid pieces too
      text.append(random() % 2 ? 1 : 8, 'x').append(piece);
    }
    ASSERT_EQ(valid_utf8(text), reference_utf8(text)) << text;
  }
}
