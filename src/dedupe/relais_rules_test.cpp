#include "dedupe/relais_rules.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

Place place(std::string id, std::string source, std::string nom, std::string adresse,
            std::optional<Coordinates> at, std::string code_postal = "84200") {
  Place p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.nom = std::move(nom);
  p.adresse = std::move(adresse);
  p.coordinates = at;
  p.code_postal = std::move(code_postal);
  p.pivot = std::string(kUnknownPivot);
  return p;
}

// ~1 m of latitude is 1 / 111,195 degree.
Coordinates north_of(Coordinates c, double meters) { return {c.latitude + meters / 111195.0, c.longitude}; }

constexpr Coordinates kHere{44.0556, 5.0489};

TEST(DedupeRelaisRules, HaversineDistance) {
  EXPECT_NEAR(haversine_meters(kHere, north_of(kHere, 100)), 100, 0.5);
  EXPECT_NEAR(haversine_meters({43.2965, 5.3698}, {43.7102, 7.2620}), 159000, 2000);  // Marseille-Nice
}

TEST(DedupeRelaisRules, AddressKeyFoldsAndExpandsStreetTypes) {
  EXPECT_EQ(address_key("53 Bd des Martyrs de la Résistance"), "53 boulevard des martyrs de la resistance");
  EXPECT_EQ(address_key("00 Place Jean Léa"), "place jean lea");
  EXPECT_EQ(address_key("12 av. de Vallouise"), "12 avenue de vallouise");
}

TEST(DedupeRelaisRules, NameScoreKeepsAccentsAndUsesWordContainment) {
  EXPECT_EQ(name_score("Médiathèque", "MEDIATHEQUE"), 100);
  // Every word of the shorter name is in the longer one.
  EXPECT_EQ(name_score("Maison du Département", "France services Maison du département de Menton"), 100);
  EXPECT_LT(name_score("Grenier Numérique", "D'Clic Lab"), 50);
}

TEST(DedupeRelaisRules, DistanceScore) {
  Place a = place("a", "s1", "X", "Y", kHere);
  Place b = place("b", "s2", "X", "Y", north_of(kHere, 40));
  EXPECT_EQ(relais_distance_score(a, b), 100);
  b.coordinates = north_of(kHere, 275);
  EXPECT_EQ(relais_distance_score(a, b), 50);
  b.coordinates = north_of(kHere, 600);
  EXPECT_EQ(relais_distance_score(a, b), 0);
  b.coordinates.reset();
  EXPECT_EQ(relais_distance_score(a, b), 50);
}

TEST(DedupeRelaisRules, EvidenceFromPhoneMailAndRealSiret) {
  Place a = place("a", "s1", "X", "Y", kHere), b = place("b", "s2", "Z", "W", kHere);
  EXPECT_EQ(shared_evidence(a, b), "");  // placeholder pivots are not evidence
  a.telephone = "+33490673546";
  b.telephone = "04 90 67 35 46";
  a.courriels = {"Contact@Mairie.fr"};
  b.courriels = {"autre@x.fr", "contact@mairie.fr"};
  a.pivot = b.pivot = "21840031400011";
  EXPECT_EQ(shared_evidence(a, b), "telephone|courriel|siret");
}

TEST(DedupeRelaisRules, EvidenceOnlyCountsNearby) {
  Place a = place("a", "s1", "Maison du Département Itinérante", "Place Charles Ginésy", kHere);
  Place b = place("b", "s2", "Maison du Département Itinérante", "3 Place Saint Laurent",
                  north_of(kHere, 20000));
  a.courriels = b.courriels = {"mdi@departement06.fr"};
  ScoredPair far = relais_scores(a, b);
  b.coordinates = north_of(kHere, 500);
  ScoredPair near = relais_scores(a, b);
  EXPECT_EQ(far.evidence, "courriel");
  EXPECT_EQ(near.score - far.score, 15);  // same scores but the evidence bonus
  EXPECT_LT(far.score, kRelaisThreshold);
}

TEST(DedupeRelaisRules, FindsDuplicateWithoutCodeInsee) {
  std::vector<Place> places = {
      place("a", "s1", "Médiathèque Louis Aragon", "Quai des Anglais", kHere, "13500"),
      place("b", "s2", "EPN Mediatheque Louis Aragon", "quai des anglais", north_of(kHere, 20), "13500"),
      place("c", "s2", "Centre social", "1 rue Droite", north_of(kHere, 250), "13500")};
  auto pairs = relais_pairs(places, false);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].a, 0u);
  EXPECT_EQ(pairs[0].b, 1u);
  EXPECT_GE(pairs[0].score, kRelaisThreshold);
}

TEST(DedupeRelaisRules, BlockingUsesProximityAndExactKeys) {
  std::vector<Place> places = {
      place("a", "s1", "A", "x", kHere, "84200"),
      place("b", "s2", "B", "y", north_of(kHere, 290), "84200"),     // within 300 m
      place("c", "s2", "C", "z", north_of(kHere, 5000), "84200"),    // far, nothing shared
      place("d", "s2", "A", "w", north_of(kHere, 8000), "84200"),    // far, same name + postcode
      place("e", "s1", "E", "v", std::nullopt, "84200")};            // no coordinates
  places[4].telephone = "0490000000";
  places[2].telephone = "+33490000000";
  auto candidates = relais_candidates(places, false);
  auto has = [&](std::size_t i, std::size_t j) {
    return std::find(candidates.begin(), candidates.end(), std::pair(i, j)) != candidates.end();
  };
  EXPECT_TRUE(has(0, 1));
  EXPECT_FALSE(has(0, 2));
  EXPECT_TRUE(has(0, 3));
  EXPECT_TRUE(has(2, 4));   // same phone in the same postcode
  EXPECT_FALSE(has(1, 2));  // same source is never a candidate without allow_internal
  EXPECT_EQ(candidates.size(), 3u);
}

TEST(DedupeRelaisRules, InternalPairsOnlyWhenAllowed) {
  std::vector<Place> places = {place("a", "s1", "Club 210", "11 Rue Georges Cisson", kHere),
                               place("b", "s1", "club 210", "11 rue Georges Cisson", kHere)};
  EXPECT_TRUE(relais_pairs(places, false).empty());
  EXPECT_EQ(relais_pairs(places, true).size(), 1u);
}

}  // namespace
}  // namespace relais::dedupe
