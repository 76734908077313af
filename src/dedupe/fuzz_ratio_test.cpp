#include "dedupe/fuzz_ratio.h"

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

// Expected values are what npm fuzzball 2.2.3 returns (node, default options).
TEST(DedupeFuzzRatio, MatchesFuzzballOnReferenceStrings) {
  EXPECT_EQ(ratio("France Services Draguignan", "France services Draguignan"), 100);
  EXPECT_EQ(ratio("Déclic Numérique", "Provence Numérique"), 65);
  EXPECT_EQ(ratio("this is a test", "this is a test!"), 100);
  EXPECT_EQ(ratio("kitten", "sitting"), 62);
  EXPECT_EQ(ratio("ab", "ba"), 50);
  EXPECT_EQ(ratio("L’Escarène", "L'Escarène"), 100);
}

TEST(DedupeFuzzRatio, KeepsAccentsLikeFuzzballDefaults) {
  // force_ascii is false by default in fuzzball's code: é is a letter, kept.
  EXPECT_EQ(ratio("Médiathèque", "mediatheque"), 82);
  // A decomposed accent (combining mark, not \p{L}) becomes a space.
  EXPECT_EQ(ratio("e\u0301cole", "\u00e9cole"), 73);
  EXPECT_EQ(fuzzball_process("e\u0301cole"), "e cole");
}

TEST(DedupeFuzzRatio, EmptyAfterProcessingIsZero) {
  EXPECT_EQ(ratio("", ""), 0);
  EXPECT_EQ(ratio("abc", ""), 0);
  EXPECT_EQ(ratio("!!!", "abc"), 0);
  EXPECT_EQ(ratio("  ", "  "), 0);
}

TEST(DedupeFuzzRatio, CountsUtf16UnitsLikeJavaScript) {
  EXPECT_EQ(ratio("a😀b", "ab"), 80);     // emoji is not a letter: one space
  EXPECT_EQ(ratio("𝐀bc", "abc"), 57);    // astral letter: two UTF-16 units
  EXPECT_EQ(ratio("İstanbul", "istanbul"), 94);  // JS lowercases İ to i + U+0307
}

TEST(DedupeFuzzRatio, GreekFinalSigmaLikeJavaScript) {
  EXPECT_EQ(ratio("ΟΔΟΣ", "οδοσ"), 75);  // word-final Σ lowercases to ς
  EXPECT_EQ(ratio("ΟΔΟΣ Α", "οδος α"), 100);
}

TEST(DedupeFuzzRatio, ProcessLowercasesTrimsAndCollapses) {
  EXPECT_EQ(fuzzball_process("  Hello,   WORLD!! "), "hello world");
  EXPECT_EQ(fuzzball_process("Rue_de l'Église"), "rue de l église");
}

TEST(DedupeFuzzRatio, IndelDistanceOnLongStrings) {
  // Past 64 units the bit-parallel LCS spans several words.
  std::u16string a(150, u'a'), b(150, u'a');
  b[10] = u'b';
  b[140] = u'c';
  EXPECT_EQ(indel_distance(a, b), 4u);
  EXPECT_EQ(indel_distance(a, a.substr(0, 70)), 80u);
  EXPECT_EQ(indel_distance(u"", u"abc"), 3u);
}

TEST(DedupeFuzzRatio, FoldedRatioIgnoresAccentsAndCase) {
  EXPECT_EQ(folded_ratio("Médiathèque", "MEDIATHEQUE"), 100);
  EXPECT_LT(ratio("Médiathèque", "MEDIATHEQUE"), 100);
  EXPECT_EQ(folded_ratio("", ""), 0);
}

}  // namespace
}  // namespace relais::dedupe
