#include "dedupe/pipeline_rules.h"

#include <gtest/gtest.h>

#include "dedupe/fuzz_ratio.h"

namespace relais::dedupe {
namespace {

Place place(std::string id, std::string source, std::string nom, std::string adresse,
            std::optional<std::string> insee = "84031",
            std::optional<Coordinates> at = Coordinates{44.0, 5.0}) {
  Place p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.nom = std::move(nom);
  p.adresse = std::move(adresse);
  p.code_insee = std::move(insee);
  p.coordinates = at;
  p.pivot = std::string(kUnknownPivot);
  return p;
}

TEST(DedupePipelineRules, CandidatesNeedSameInseeDifferentIdAndSource) {
  Place a = place("a", "s1", "X", "Y");
  Place b = place("b", "s2", "X", "Y");
  EXPECT_TRUE(pipeline_candidate(a, b, false));
  Place same_source = place("c", "s1", "X", "Y");
  EXPECT_FALSE(pipeline_candidate(a, same_source, false));
  EXPECT_TRUE(pipeline_candidate(a, same_source, true));
  Place same_id = place("a", "s2", "X", "Y");
  EXPECT_FALSE(pipeline_candidate(a, same_id, false));
  Place no_insee = place("d", "s2", "X", "Y", std::nullopt);
  EXPECT_FALSE(pipeline_candidate(a, no_insee, false));
  EXPECT_FALSE(pipeline_candidate(no_insee, no_insee, true));
  Place other_commune = place("e", "s2", "X", "Y", "84032");
  EXPECT_FALSE(pipeline_candidate(a, other_commune, false));
}

TEST(DedupePipelineRules, TypologiesCompatibility) {
  Place a = place("a", "s1", "X", "Y"), b = place("b", "s2", "X", "Y");
  EXPECT_TRUE(typologies_compatible(a, b));  // both empty
  a.typologie = {Typologie::MUNI};
  EXPECT_TRUE(typologies_compatible(a, b));  // one empty
  b.typologie = {Typologie::ASSO};
  EXPECT_FALSE(typologies_compatible(a, b));
  b.typologie.push_back(Typologie::MUNI);
  EXPECT_TRUE(typologies_compatible(a, b));  // common value
  a.typologie = {Typologie::RFS};
  b.typologie = {Typologie::PIMMS};
  EXPECT_TRUE(typologies_compatible(a, b));
  EXPECT_TRUE(typologies_compatible(b, a));
  Place muni = place("m", "s1", "X", "Y"), asso = place("n", "s2", "X", "Y");
  muni.typologie = {Typologie::MUNI};
  asso.typologie = {Typologie::ASSO};
  EXPECT_FALSE(pipeline_candidate(muni, asso, false));
}

TEST(DedupePipelineRules, DistanceScoreOnRawDegrees) {
  Place a = place("a", "s1", "X", "Y", "1", Coordinates{44.0, 5.0});
  Place b = place("b", "s2", "X", "Y", "1", Coordinates{44.0003, 5.0});
  EXPECT_EQ(pipeline_distance_score(a, b), 100);  // d = 0.0003 < 0.0004
  b.coordinates = Coordinates{44.001, 5.0};       // d = 0.001 -> 100 / 2 = 50
  EXPECT_EQ(pipeline_distance_score(a, b), 50);
  b.coordinates = Coordinates{44.0, 5.0039};      // d = 0.0039 -> trunc(100 / 4.9) = 20
  EXPECT_EQ(pipeline_distance_score(a, b), 20);
  b.coordinates = Coordinates{44.0006, 5.0008};   // d = 0.001 (3-4-5)
  EXPECT_EQ(pipeline_distance_score(a, b), 50);
  b.coordinates.reset();
  EXPECT_EQ(pipeline_distance_score(a, b), 100);  // missing coordinates: d = 0
}

TEST(DedupePipelineRules, ScoreIsTruncatedMeanOfThree) {
  Place a = place("a", "s1", "Déclic Numérique", "136 Rue du Vieil Hôpital");
  Place b = place("b", "s2", "Provence Numérique", "136 rue du vieil hopital");
  ScoredPair s = pipeline_scores(a, b);
  EXPECT_EQ(s.nom_score, ratio(a.nom, b.nom));
  EXPECT_EQ(s.adresse_score, ratio(a.adresse, b.adresse));
  EXPECT_EQ(s.distance_score, 100);
  EXPECT_EQ(s.score, (s.nom_score + s.adresse_score + s.distance_score) / 3);
  EXPECT_EQ(s.nom_score, 65);  // fuzzball: 65; address: 96 -> (65 + 96 + 100) / 3 = 87
  EXPECT_EQ(s.score, 87);
}

TEST(DedupePipelineRules, ThresholdIsStrictlyAbove83AcrossAnd90Inside) {
  // nom 100, distance 100: score = trunc((200 + adresse) / 3).
  // adresse "abcdef" vs "abcdxy": ratio 67 -> 89 (> 83, not > 90).
  Place a = place("a", "s1", "Same", "abcdef");
  Place b = place("b", "s2", "Same", "abcdxy");
  ASSERT_EQ(pipeline_scores(a, b).score, 89);
  EXPECT_EQ(pipeline_pairs(std::vector<Place>{a, b}, false).size(), 1u);
  EXPECT_EQ(pipeline_pairs(std::vector<Place>{a, b}, true).size(), 0u);
  // adresse ratio 50 ("ab" vs "ba"): (200 + 50) / 3 = 83 -> not > 83.
  Place c = place("c", "s1", "Same", "ab"), d = place("d", "s2", "Same", "ba");
  ASSERT_EQ(pipeline_scores(c, d).score, 83);
  EXPECT_TRUE(pipeline_pairs(std::vector<Place>{c, d}, false).empty());
  // Identical pair inside one source: only with allow_internal (100 > 90).
  Place e = place("e", "s1", "Same", "abcdef");
  EXPECT_TRUE(pipeline_pairs(std::vector<Place>{a, e}, false).empty());
  EXPECT_EQ(pipeline_pairs(std::vector<Place>{a, e}, true).size(), 1u);
}

TEST(DedupePipelineRules, PairsSortedByScoreDescending) {
  std::vector<Place> places = {place("a", "s1", "Same", "abcdef"), place("b", "s2", "Same", "abcdxy"),
                               place("c", "s3", "Same", "abcdef")};
  auto pairs = pipeline_pairs(places, false);
  ASSERT_EQ(pairs.size(), 3u);
  EXPECT_EQ(pairs[0].score, 100);
  EXPECT_EQ(pairs[0].a, 0u);
  EXPECT_EQ(pairs[0].b, 2u);
  EXPECT_GE(pairs[1].score, pairs[2].score);
  for (const auto& p : pairs) EXPECT_LT(p.a, p.b);
}

}  // namespace
}  // namespace relais::dedupe
