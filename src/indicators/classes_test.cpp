#include "indicators/classes.h"

#include <gtest/gtest.h>

namespace relais::indicators {
namespace {

using V = std::vector<std::optional<double>>;

TEST(IndicatorsClasses, FractionalRanksShareTies) {
  EXPECT_EQ(fractional_ranks(V{3.0, 1.0, std::nullopt, 3.0, 2.0}), (V{3.5, 1.0, std::nullopt, 3.5, 2.0}));
}

TEST(IndicatorsClasses, TenClassesByRank) {
  V values;
  for (int i = 1; i <= 20; ++i) values.push_back(static_cast<double>(i));
  values.push_back(std::nullopt);
  auto classes = rank_classes(values);
  EXPECT_EQ(classes[0], 1.0);
  EXPECT_EQ(classes[1], 1.0);
  EXPECT_EQ(classes[2], 2.0);
  EXPECT_EQ(classes[19], 10.0);
  EXPECT_FALSE(classes[20]) << "missing stays missing, not class 1";
  auto reversed = rank_classes(values, 10, false);  // e.g. a coverage rate
  EXPECT_EQ(reversed[0], 10.0);
  EXPECT_EQ(reversed[19], 1.0);
}

TEST(IndicatorsClasses, ATieGroupTakesTheClassOfItsMiddle) {
  // 6 of 10 at 0 (full coverage): ranks 1..6, mean 3.5 -> class ceil(10 × 3.5 / 10) = 4.
  V values{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0, 6.0, 7.0, 8.0};
  auto classes = rank_classes(values);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(classes[i], 4.0);
  EXPECT_EQ(classes[9], 10.0);
}

TEST(IndicatorsClasses, MeanOfPresentScores) {
  EXPECT_EQ(mean_of_present(V{10, 7, 2, 5, 6}, 5), 6.0);  // 01001 L'Abergement-Clémenciat in the 2023 export
  EXPECT_FALSE(mean_of_present(V{10, std::nullopt, 2, 5, 6}, 5));
  EXPECT_EQ(mean_of_present(V{10, std::nullopt, 2}, 1), 6.0);
  EXPECT_FALSE(mean_of_present(V{std::nullopt}, 0));
}

TEST(IndicatorsClasses, SpearmanOnPresentPairs) {
  std::size_t pairs = 0;
  EXPECT_DOUBLE_EQ(*spearman(V{1, 2, 3, 4}, V{10, 20, 30, 40}, &pairs), 1.0);
  EXPECT_EQ(pairs, 4u);
  EXPECT_DOUBLE_EQ(*spearman(V{1, 2, 3, 4}, V{4, 3, 2, 1}), -1.0);
  // Monotone but not linear: still 1. Missing pairs skipped.
  EXPECT_DOUBLE_EQ(*spearman(V{1, 2, 3, std::nullopt, 5}, V{1, 8, 27, 5, 125}, &pairs), 1.0);
  EXPECT_EQ(pairs, 4u);
  // Ties: x = 1,2,2,3 ranks 1,2.5,2.5,4; y = 1,2,3,4.
  EXPECT_NEAR(*spearman(V{1, 2, 2, 3}, V{1, 2, 3, 4}), 0.9486832980505138, 1e-12);
  EXPECT_FALSE(spearman(V{1, 1, 1}, V{1, 2, 3}));
  EXPECT_FALSE(spearman(V{1, 2}, V{1, 2}));
}

}  // namespace
}  // namespace relais::indicators
