#include "dedupe/grouping.h"

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

std::vector<Place> places_with_ids(std::vector<std::string> ids) {
  std::vector<Place> out;
  for (auto& id : ids) {
    Place p;
    p.id = id;
    out.push_back(p);
  }
  return out;
}

ScoredPair pair(std::size_t a, std::size_t b, int score) {
  ScoredPair p;
  p.a = a;
  p.b = b;
  p.score = score;
  return p;
}

TEST(DedupeGrouping, ChainsPairsIntoConnectedGroups) {
  auto places = places_with_ids({"p0", "p1", "p2", "p3", "p4", "p5"});
  // 0-1 opens a group, 3-4 another, 1-4 links them; 2 and 5 stay alone.
  std::vector<ScoredPair> pairs = {pair(0, 1, 99), pair(3, 4, 95), pair(1, 4, 90)};
  auto groups = group_pairs(places, pairs);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members, (std::vector<std::size_t>{0, 1, 3, 4}));
}

TEST(DedupeGrouping, SeparateGroupsOrderedByFirstMember) {
  auto places = places_with_ids({"z", "y", "x", "w"});
  std::vector<ScoredPair> pairs = {pair(2, 3, 99), pair(0, 1, 90)};
  auto groups = group_pairs(places, pairs);
  ASSERT_EQ(groups.size(), 2u);
  // Members ordered by id: "y" (1) before "z" (0).
  EXPECT_EQ(groups[0].members, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(groups[1].members, (std::vector<std::size_t>{3, 2}));
}

TEST(DedupeGrouping, GroupIdIsSha256OfSortedIds) {
  auto places = places_with_ids({"b", "a"});
  auto groups = group_pairs(places, std::vector<ScoredPair>{pair(0, 1, 90)});
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].id, sha256_hex("a,b"));
  // Known SHA-256 test vector ("abc").
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DedupeGrouping, NoPairsNoGroups) {
  auto places = places_with_ids({"a", "b"});
  EXPECT_TRUE(group_pairs(places, {}).empty());
}

}  // namespace
}  // namespace relais::dedupe
