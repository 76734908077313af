#include "store/place_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/field.h"

namespace relais::store {
namespace {

using namespace std::chrono;

template <typename E>
std::vector<E> all_values() {
  std::vector<E> out;
  for (std::size_t i = 0; i < enum_count<E>(); ++i) out.push_back(static_cast<E>(i));
  return out;
}

// Every one of the 32 fields set, every enumeration value used once.
Place full_place() {
  Place p;
  p.id = "lieu-1";
  p.pivot = "13002603200016";
  p.nom = "Médiathèque « L'Œil » d'Aix";
  p.commune = "Aix-en-Provence";
  p.code_postal = "13100";
  p.code_insee = "13001";
  p.adresse = "2 rue de l'Église";
  p.complement_adresse = "Bâtiment B, 1er étage";
  p.coordinates = Coordinates{43.526090123456789, 5.4142301};
  p.typologie = all_values<Typologie>();
  p.telephone = "+33442000000";
  p.courriels = {"a@example.fr", "b@example.fr"};
  p.site_web = {"https://example.fr", "https://example.org/x?y=1|2"};
  p.horaires = "Mo-Fr 09:00-12:00,14:00-18:00; PH off";
  p.presentation_resume = "Résumé \"cité\"\nsur deux lignes";
  p.presentation_detail = "Détail avec tabulation\tet emoji 🙂";
  p.source = "conseiller-numerique";
  p.itinerance = all_values<Itinerance>();
  p.structure_parente = "Ville d'Aix";
  p.date_maj = year{2024} / 2 / 29;
  p.services = all_values<Service>();
  p.publics_specifiquement_adresses = all_values<Public>();
  p.prise_en_charge_specifique = all_values<PriseEnCharge>();
  p.frais_a_charge = all_values<Frais>();
  p.dispositif_programmes_nationaux = all_values<Dispositif>();
  p.formations_labels = all_values<FormationLabel>();
  p.autres_formations_labels = {"QPV", "FRR"};
  p.modalites_acces = all_values<ModaliteAcces>();
  p.modalites_accompagnement = all_values<ModaliteAccompagnement>();
  p.fiche_acces_libre = "https://acceslibre.beta.gouv.fr/x";
  p.prise_rdv = "https://rdv.example.fr";
  return p;
}

TEST(PlaceJson, EveryFieldRoundTrips) {
  const Place p = full_place();
  const std::string text = place_to_json(p);
  auto j = nlohmann::json::parse(text);
  for (auto name : kFieldNames) EXPECT_TRUE(j.contains(std::string(name))) << name;
  EXPECT_EQ(j.size(), kFieldCount);
  EXPECT_EQ(place_from_json(text), p);
}

TEST(PlaceJson, MinimalPlaceRoundTripsAndOmitsAbsentFields) {
  Place p;
  p.id = "x";
  p.pivot = std::string(kUnknownPivot);
  p.nom = "N";
  p.commune = "C";
  p.code_postal = "01000";
  p.adresse = "A";
  p.date_maj = year{2023} / 1 / 1;
  const std::string text = place_to_json(p);
  EXPECT_EQ(nlohmann::json::parse(text).size(), 7u);
  EXPECT_EQ(place_from_json(text), p);
}

TEST(PlaceJson, RejectsWhatItCannotCarry) {
  Place p = full_place();
  p.nom = "bad \xC3\x28 utf8";
  EXPECT_THROW(place_to_json(p), std::invalid_argument);
  EXPECT_THROW(place_from_json("not json"), std::invalid_argument);
  EXPECT_THROW(place_from_json("[1]"), std::invalid_argument);
  EXPECT_THROW(place_from_json(R"({"id":"x","date_maj":"2024-02-30"})"), std::invalid_argument);
  EXPECT_THROW(place_from_json(R"({"id":"x","date_maj":"2024-02-01","services":["Inconnu"]})"),
               std::invalid_argument);
  EXPECT_THROW(place_from_json(R"({"id":3,"date_maj":"2024-02-01"})"), std::invalid_argument);
}

}  // namespace
}  // namespace relais::store
