#include "core/text.h"

#include <gtest/gtest.h>

namespace relais {
namespace {

TEST(FoldForSearch, RemovesAccentsCaseAndPunctuation) {
  EXPECT_EQ(fold_for_search("Médiathèque  d'Aix-en-Provence"), "mediatheque d aix en provence");
  EXPECT_EQ(fold_for_search("ÉCOLE Œuvre"), "ecole oeuvre");
  EXPECT_EQ(fold_for_search("  --  "), "");
}

TEST(FoldForSearch, DropsInvalidBytes) {
  EXPECT_EQ(fold_for_search(std::string("ab\xff" "cd")), "abcd");
}

TEST(Utf8, ValidityAndLength) {
  EXPECT_TRUE(is_valid_utf8("été"));
  EXPECT_FALSE(is_valid_utf8(std::string("\xc3")));
  EXPECT_EQ(utf8_length("été"), 3u);
}

}  // namespace
}  // namespace relais
