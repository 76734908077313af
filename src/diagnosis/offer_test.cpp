#include "diagnosis/offer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "catalog/testing.h"
#include "diagnosis/offer_csv.h"

namespace relais::diagnosis {
namespace {

using namespace std::chrono;
namespace t = catalog::testing;

territory::Commune village() {  // 40 km east of Lyon, no place
  return {.code_insee = "69999", .nom = "Village", .code_departement = "69", .code_region = "84",
          .code_epci = std::nullopt, .population = 1000, .position = Coordinates{45.76, 5.34},
          .codes_postaux = {"69999"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

territory::Commune lyon_2e() {
  auto c = t::lyon_1er();
  c.code_insee = "69382";
  c.nom = "Lyon 2e Arrondissement";
  c.population = 10000;
  return c;
}

class DiagnosisOffer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto france_services = t::place("fs", "France Services Villeurbanne", 45.771, 4.881, "69266");
    france_services.dispositif_programmes_nationaux = {Dispositif::FranceServices, Dispositif::ConseillersNumeriques};
    france_services.horaires = "Mo-Fr 09:00-12:00,14:00-17:00";
    auto lyon1 = t::place("l1", "Médiathèque Lyon 1er", 45.7676, 4.8345, "69381");  // in an arrondissement
    lyon1.services = {Service::MaitriseOutilsNumeriques};
    lyon1.horaires = "We 14:00-17:00";
    auto ajaccio = t::place("aj", "Ajaccio", 41.93, 8.74, "2A004");
    std::vector<store::StoredPlace> stored{{"A", france_services}, {"A", lyon1}, {"A", ajaccio}};
    catalog_ = std::make_unique<catalog::Catalog>(
        stored, std::span<const store::DuplicateMember>{},
        std::vector<territory::Commune>{t::lyon(), t::lyon_1er(), lyon_2e(), t::villeurbanne(), t::ajaccio(), village()},
        catalog::LoadOptions{.today = 2026y / 11 / 24});
    options_.week = sys_days{2026y / 11 / 30};
  }
  std::unique_ptr<catalog::Catalog> catalog_;
  OfferOptions options_;
};

TEST_F(DiagnosisOffer, PlacesDistancesAndOpenEnoughPerCommune) {
  // Index: Villeurbanne 5; Lyon only through its arrondissements (as the IFN export); the village 8.
  std::map<std::string, double> index{{"69266", 5.0}, {"69381", 4.0}, {"69382", 7.0}, {"69999", 8.0}};
  auto report = offer_of(*catalog_, {territory::TerritoryLevel::Departement, "69"}, index, options_);
  ASSERT_EQ(report.communes.size(), 3u) << "whole communes of the département, not arrondissements";
  const auto& lyon = report.communes[0];
  const auto& villeurbanne = report.communes[1];
  const auto& village = report.communes[2];
  EXPECT_EQ(lyon.commune->code_insee, "69123");
  EXPECT_NEAR(*lyon.index, (4.0 * 30000 + 7.0 * 10000) / 40000, 1e-9) << "population-weighted mean of arrondissements";
  EXPECT_EQ(lyon.places, 1u) << "a place in an arrondissement counts in its commune";
  EXPECT_EQ(villeurbanne.places, 1u);
  EXPECT_EQ(villeurbanne.france_services, 1u);
  EXPECT_EQ(villeurbanne.conseillers_numeriques, 1u);
  EXPECT_EQ(villeurbanne.aidants_connect, 0u);
  const auto demarches = static_cast<std::size_t>(Service::AideDemarchesAdministratives);
  const auto outils = static_cast<std::size_t>(Service::MaitriseOutilsNumeriques);
  EXPECT_EQ(villeurbanne.places_by_service[demarches], 1u);
  EXPECT_LT(*villeurbanne.access[demarches].nearest_km, 0.2);
  EXPECT_EQ(villeurbanne.access[demarches].nearest_half_days, 10);
  EXPECT_TRUE(villeurbanne.access[demarches].open_enough);
  // From Villeurbanne the nearest place for "outils" is the médiathèque, open one half-day a week.
  EXPECT_EQ(villeurbanne.access[outils].nearest_half_days, 1);
  EXPECT_FALSE(villeurbanne.access[outils].open_enough);
  // A service nobody offers.
  EXPECT_FALSE(villeurbanne.access[static_cast<std::size_t>(Service::LoisirsCreations)].nearest_km);
  // The village: about 36 km from the Villeurbanne place.
  EXPECT_EQ(village.places, 0u);
  ASSERT_TRUE(village.nearest_place_km);
  EXPECT_GT(*village.nearest_place_km, 30);
  EXPECT_LT(*village.nearest_place_km, 40);

  const auto& s = report.summary;
  EXPECT_EQ(s.communes, 3u);
  EXPECT_EQ(s.population, 520000 + 150000 + 1000);
  EXPECT_EQ(s.communes_with_a_place, 2u);
  EXPECT_EQ(s.population_beyond_km[0], 1000);  // 10 km
  EXPECT_EQ(s.population_beyond_km[2], 1000);  // 30 km
  EXPECT_EQ(s.fragile_population, 1000);       // only the village has an index >= 7
  EXPECT_EQ(s.fragile_population_without_help, 1000);

  auto ranked = ranked_by_need(report, options_);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0]->commune->code_insee, "69999") << "fragile and without help first";
  EXPECT_EQ(ranked[1]->commune->code_insee, "69123") << "then by population × index";
}

TEST_F(DiagnosisOffer, CsvHasOneRowPerCommuneAndEmptyCellsForMissingValues) {
  auto report = offer_of(*catalog_, {territory::TerritoryLevel::Departement, "69"}, {{"69266", 5.0}}, options_);
  std::ostringstream out;
  write_offer_csv(out, report);
  const std::string csv = out.str();
  std::istringstream lines(csv);
  std::string header, lyon, villeurbanne, village;
  std::getline(lines, header);
  std::getline(lines, lyon);
  std::getline(lines, villeurbanne);
  std::getline(lines, village);
  EXPECT_TRUE(header.starts_with("code_insee,commune,population,indice,lieux,france_services,"));
  EXPECT_NE(header.find("Aide aux démarches administratives : distance km"), std::string::npos);
  EXPECT_TRUE(lyon.starts_with("69123,Lyon,520000,,1,0,0,0,")) << lyon << ": no index is an empty cell";
  EXPECT_TRUE(villeurbanne.starts_with("69266,Villeurbanne,150000,5.00,1,1,1,0,0.1,1,0.1,10,oui,")) << villeurbanne;
  // A service nobody offers: no distance, no half-days, no verdict.
  EXPECT_NE(village.find(",0,,,,"), std::string::npos) << village;
}

TEST_F(DiagnosisOffer, WithoutIndexOrPlacesNothingIsInvented) {
  auto report = offer_of(*catalog_, {territory::TerritoryLevel::Commune, "69999"}, {}, options_);
  ASSERT_EQ(report.communes.size(), 1u);
  EXPECT_FALSE(report.communes[0].index);
  EXPECT_EQ(report.summary.fragile_population, 0);
  EXPECT_EQ(report.summary.communes_with_index, 0u);
}

TEST(DiagnosisOfferOrder, RowsAreByCodeWhateverTheCatalogueOrder) {
  // The store gives communes by code; a catalogue built from another list
  // (here reversed) still gives rows by code, as offer.h says.
  const catalog::Catalog catalog(std::vector<store::StoredPlace>{}, std::span<const store::DuplicateMember>{},
                                 std::vector<territory::Commune>{village(), t::villeurbanne(), t::lyon()},
                                 catalog::LoadOptions{.today = 2026y / 11 / 24});
  const auto report = offer_of(catalog, {territory::TerritoryLevel::Departement, "69"}, {}, {});
  ASSERT_EQ(report.communes.size(), 3u);
  EXPECT_EQ(report.communes[0].commune->code_insee, "69123");
  EXPECT_EQ(report.communes[1].commune->code_insee, "69266");
  EXPECT_EQ(report.communes[2].commune->code_insee, "69999");
}

}  // namespace
}  // namespace relais::diagnosis
