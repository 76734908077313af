#include "territory/commune.h"

#include <gtest/gtest.h>

namespace relais::territory {
namespace {

Commune make(std::string code, std::string nom, std::vector<std::string> cps, std::optional<Coordinates> pos,
             std::int64_t population = 100) {
  Commune c;
  c.code_insee = std::move(code);
  c.nom = std::move(nom);
  c.code_departement = c.code_insee.substr(0, 2);
  c.code_region = "93";
  c.codes_postaux = std::move(cps);
  c.position = pos;
  c.population = population;
  return c;
}

// A small made-up territory: two communes share postcode 04000, one has its own.
CommuneIndex small_index() {
  std::vector<Commune> v;
  v.push_back(make("04070", "Digne-les-Bains", {"04000"}, Coordinates{44.09, 6.23}, 16000));
  v.push_back(make("04999", "Saint-Martin-du-Test", {"04000"}, Coordinates{44.20, 6.30}, 300));
  v.push_back(make("04001", "Le Luc", {"04300"}, Coordinates{44.00, 6.00}, 500));
  v.push_back(make("04002", "Valbelle", {"04300"}, Coordinates{44.40, 6.40}, 500));
  v.push_back(make("04112", "Manosque", {"04100"}, Coordinates{43.83, 5.79}, 22000));
  v.back().anciens_codes = {"04555"};
  v.back().code_epci = "200034700";
  v.push_back(make("04113", "Manosque 1er Arrondissement", {"04100"}, Coordinates{43.83, 5.79}, 10));
  v.back().commune_parente = "04112";
  return CommuneIndex(std::move(v));
}

TEST(CommuneNameKey, FoldsAbbreviationsAndCedex) {
  EXPECT_EQ(commune_name_key("St-Martin-du-Test"), commune_name_key("SAINT MARTIN DU TEST"));
  EXPECT_EQ(commune_name_key("Ste Anne"), "sainte anne");
  EXPECT_EQ(commune_name_key("DIGNE LES BAINS CEDEX 9"), commune_name_key("Digne-les-Bains"));
  EXPECT_NE(commune_name_key("Sted"), "sainted");
}

TEST(CommuneIndex, FindAndParents) {
  auto ix = small_index();
  EXPECT_EQ(ix.find("04070")->nom, "Digne-les-Bains");
  EXPECT_EQ(ix.find("00000"), nullptr);
  EXPECT_EQ(ix.find("04113")->code_insee, "04113");
  EXPECT_EQ(ix.find_commune("04113")->code_insee, "04112");
  EXPECT_EQ(ix.find("04555"), nullptr);
  EXPECT_EQ(ix.find_commune("04555")->code_insee, "04112");
  EXPECT_EQ(ix.epci_of("04113"), "200034700");
  EXPECT_EQ(ix.epci_of("04070"), std::nullopt);
  EXPECT_EQ(ix.departement_of("nope"), std::nullopt);
  // by_postcode lists communes only, most populous first.
  auto cps = ix.by_postcode("04000");
  ASSERT_EQ(cps.size(), 2u);
  EXPECT_EQ(cps[0]->code_insee, "04070");
  EXPECT_EQ(ix.by_postcode("04100").size(), 1u);
}

TEST(CommuneIndex, DerivationMethods) {
  auto ix = small_index();
  auto d = ix.derive_code_insee("04000", "st martin du test", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04999");
  EXPECT_EQ(d->method, DerivationMethod::PostcodeAndName);

  d = ix.derive_code_insee("04100", "Manosque 1er", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04112");  // the commune, not the arrondissement

  d = ix.derive_code_insee("04100", "Misspelt", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->method, DerivationMethod::OnlyCommuneOfPostcode);

  // Two communes in 04000, name unknown: no answer without coordinates...
  EXPECT_FALSE(ix.derive_code_insee("04000", "Misspelt", std::nullopt));
  // ...and the nearest of the two with them.
  d = ix.derive_code_insee("04000", "Misspelt", Coordinates{44.19, 6.29});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04999");
  EXPECT_EQ(d->method, DerivationMethod::NearestInPostcode);

  // Near spelling and longer form within the postcode.
  d = ix.derive_code_insee("04000", "Saint Martin du Tost", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04999");
  EXPECT_EQ(d->method, DerivationMethod::PostcodeAndSimilarName);
  d = ix.derive_code_insee("04300", "Le Luc en Provence", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04001");
  EXPECT_EQ(d->method, DerivationMethod::PostcodeAndSimilarName);
  EXPECT_FALSE(ix.derive_code_insee("04300", "Lu", std::nullopt));  // too short to extend

  // Right name, postcode of another commune of the same département.
  d = ix.derive_code_insee("04000", "Manosque", std::nullopt);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04112");
  EXPECT_EQ(d->method, DerivationMethod::NameInDepartement);
  EXPECT_FALSE(ix.derive_code_insee("05000", "Manosque", std::nullopt));  // other département

  // Nearest in postcode only up to 20 km (04002 is ~56 km away here).
  d = ix.derive_code_insee("04300", "Misspelt", Coordinates{44.01, 6.01});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04001");
  EXPECT_FALSE(ix.derive_code_insee("04300", "Misspelt", Coordinates{44.2, 5.9}));  // 04001 ~24 km, others farther

  d = ix.derive_code_insee("99999", "", Coordinates{43.84, 5.79});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->code_insee, "04112");
  EXPECT_EQ(d->method, DerivationMethod::NearestOverall);
  EXPECT_FALSE(ix.derive_code_insee("99999", "", Coordinates{47.0, 2.0}));  // > 10 km from all
}

TEST(CommuneIndex, SearchRanksExactThenPrefixThenWord) {
  auto ix = small_index();
  auto hits = ix.search("manosque");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].commune->code_insee, "04112");
  EXPECT_GT(hits[0].score, hits[1].score);
  hits = ix.search("martin");  // word prefix
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].commune->code_insee, "04999");
  hits = ix.search("040");
  EXPECT_EQ(hits.size(), 2u);
  EXPECT_TRUE(ix.search("").empty());
}

TEST(CommuneIndex, Territories) {
  auto ix = small_index();
  EXPECT_TRUE(ix.contains({TerritoryLevel::Commune, "04112"}, "04113"));
  EXPECT_TRUE(ix.contains({TerritoryLevel::Commune, "04112"}, "04555"));
  EXPECT_FALSE(ix.contains({TerritoryLevel::Commune, "04113"}, "04112"));
  EXPECT_TRUE(ix.contains({TerritoryLevel::Departement, "04"}, "04070"));
  EXPECT_FALSE(ix.contains({TerritoryLevel::Departement, "05"}, "04070"));
  EXPECT_TRUE(ix.contains({TerritoryLevel::Epci, "200034700"}, "04112"));
  EXPECT_FALSE(ix.contains({TerritoryLevel::Epci, "200034700"}, "04070"));
  EXPECT_FALSE(ix.contains({TerritoryLevel::Region, "93"}, "12345"));
}

}  // namespace
}  // namespace relais::territory
