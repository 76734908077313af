#include "dedupe/dedupe.h"

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

Place place(std::string id, std::string source, std::string nom, std::string adresse) {
  Place p;
  p.id = std::move(id);
  p.source = std::move(source);
  p.nom = std::move(nom);
  p.adresse = std::move(adresse);
  p.code_insee = "05070";
  p.code_postal = "05000";
  p.coordinates = Coordinates{44.56, 6.08};
  p.pivot = std::string(kUnknownPivot);
  p.date_maj = year_month_day{year{2024}, month{1}, day{10}};
  return p;
}

TEST(DedupeDeduplicate, BothRuleSetsMergeAnObviousDuplicate) {
  std::vector<Place> places = {place("s1-1", "s1", "France services Queyras", "Place Jean Léa"),
                               place("s2-1", "s2", "Bibliothèque", "1 rue Carnot"),
                               place("s2-2", "s2", "France Services Queyras", "Place Jean Léa")};
  places[2].date_maj = year_month_day{year{2024}, month{2}, day{1}};
  for (Rules rules : {Rules::Pipeline, Rules::Relais}) {
    Options options{rules, year_month_day{year{2024}, month{3}, day{1}}, false};
    DedupeResult result = deduplicate(places, options);
    ASSERT_EQ(result.pairs.size(), 1u);
    ASSERT_EQ(result.groups.size(), 1u);
    EXPECT_EQ(result.groups[0].members, (std::vector<std::size_t>{0, 2}));
    ASSERT_EQ(result.places.size(), 2u);
    EXPECT_EQ(result.places[0].id, "s1-1__s2-2");  // merged place at its first member's position
    EXPECT_EQ(result.places[0].nom, "France Services Queyras");  // newest record wins
    EXPECT_EQ(result.places[1].id, "s2-1");
  }
}

TEST(DedupeDeduplicate, NothingToMerge) {
  std::vector<Place> places = {place("a", "s1", "Alpha", "1 rue A"), place("b", "s2", "Omega", "9 bd Z")};
  DedupeResult result = deduplicate(places, Options{Rules::Relais, {}, false});
  EXPECT_TRUE(result.groups.empty());
  EXPECT_EQ(result.places, places);
}

}  // namespace
}  // namespace relais::dedupe
