#include "site/where.h"

#include <gtest/gtest.h>

namespace relais::site {
namespace {

territory::CommuneIndex communes() {
  territory::Commune lyon8{.code_insee = "69388", .nom = "Lyon 8e Arrondissement", .code_departement = "69",
                           .code_region = "84", .code_epci = "200046977", .population = 80000,
                           .position = Coordinates{45.73, 4.87}, .codes_postaux = {"69008"},
                           .commune_parente = "69123", .autres_noms = {}, .anciens_codes = {}};
  territory::Commune lyon{.code_insee = "69123", .nom = "Lyon", .code_departement = "69", .code_region = "84",
                          .code_epci = "200046977", .population = 520000, .position = Coordinates{45.76, 4.83},
                          .codes_postaux = {"69008"}, .commune_parente = std::nullopt, .autres_noms = {},
                          .anciens_codes = {}};
  territory::Commune villeurbanne{.code_insee = "69266", .nom = "Villeurbanne", .code_departement = "69",
                                  .code_region = "84", .code_epci = "200046977", .population = 150000,
                                  .position = Coordinates{45.77, 4.88}, .codes_postaux = {"69100"},
                                  .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
  return territory::CommuneIndex({lyon, lyon8, villeurbanne});
}

TEST(ResolveWhereTest, CommuneNameOrPostcode) {
  auto index = communes();
  EXPECT_EQ(resolve_where(index, "Villeurbanne")->commune->code_insee, "69266");
  EXPECT_EQ(resolve_where(index, " 69100 ")->commune->code_insee, "69266");
}

TEST(ResolveWhereTest, FullAddressFallsBackToTownThenPostcode) {
  auto index = communes();
  EXPECT_EQ(resolve_where(index, "12 rue Anatole France, 69100 Villeurbanne")->commune->code_insee, "69266");
  EXPECT_EQ(resolve_where(index, "3 place du Marché 69100")->commune->code_insee, "69266");
  EXPECT_EQ(resolve_where(index, "12 avenue Berthelot, Villeurbanne")->commune->code_insee, "69266");
}

TEST(ResolveWhereTest, NothingForUnknownOrEmpty) {
  auto index = communes();
  EXPECT_FALSE(resolve_where(index, ""));
  EXPECT_FALSE(resolve_where(index, "   "));
  EXPECT_FALSE(resolve_where(index, "Nulle-part-sur-Mer"));
  EXPECT_FALSE(resolve_where(index, "12 rue X, 99999 Inconnue"));
}

}  // namespace
}  // namespace relais::site
