#include "standard/writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <sstream>

#include "standard/reader.h"

namespace relais::standard {
namespace {

using namespace std::chrono;
const std::filesystem::path kData = RELAIS_SHARED_DATA_DIR;

// The official example row (lamednum_exemple-valide_v1.csv), built by hand.
Place official_row() {
  Place p;
  p.id = "structure-1";
  p.pivot = "43493312300029";
  p.nom = "Anonymal";
  p.commune = "Reims";
  p.code_postal = "51100";
  p.code_insee = "51454";
  p.adresse = "12 BIS RUE DE LECLERCQ";
  p.complement_adresse = "Le patio du bois de l'Aulne";
  p.coordinates = Coordinates{43.52609, 5.41423};
  p.typologie = {Typologie::TIERS_LIEUX, Typologie::ASSO};
  p.telephone = "+33180059880";
  p.courriels = {"contact@laquincaillerie.tl", "responsable@laquincaillerie.tl"};
  p.site_web = {"https://www.laquincaillerie.tl/", "https://m.facebook.com/laquincaillerienumerique/"};
  p.horaires = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00";
  p.presentation_resume = "Notre association propose des formations aux outils numériques à destination des personnes âgées.";
  p.presentation_detail =
      "Notre parcours d'initiation permet l'acquisition de compétences numériques de base. Nous proposons "
      "également un accompagnement à destination des personnes déjà initiées qui souhaiteraient approfondir "
      "leurs connaissances. Du matériel informatique est en libre accès pour nos adhérents tous les "
      "après-midis. En plus de d'accueillir les personnes dans notre lieu en semaine (sur rendez-vous), nous "
      "assurons une permanence le samedi matin dans la médiathèque XX.";
  p.source = "Hubik";
  p.itinerance = {Itinerance::Itinerant};
  p.structure_parente = "SIRET de la ville pour une bibliothèque.";
  p.date_maj = year{2024} / 4 / 2;
  p.services = {Service::MaitriseOutilsNumeriques, Service::InsertionProfessionnelle, Service::LoisirsCreations};
  p.publics_specifiquement_adresses = {Public::Jeunes, Public::Femmes};
  p.prise_en_charge_specifique = {PriseEnCharge::Surdite, PriseEnCharge::Illettrisme,
                                  PriseEnCharge::LanguesEtrangeresAnglais};
  p.frais_a_charge = {Frais::GratuitSousCondition, Frais::Payant};
  p.dispositif_programmes_nationaux = {Dispositif::AidantsConnect, Dispositif::ConseillersNumeriques,
                                       Dispositif::CroixRouge};
  p.formations_labels = {FormationLabel::MonEspaceSante, FormationLabel::ArniaMednumBfc};
  p.autres_formations_labels = {"Label et la bête"};
  p.modalites_acces = {ModaliteAcces::SePresenter, ModaliteAcces::Telephoner};
  p.modalites_accompagnement = {ModaliteAccompagnement::AtelierCollectif, ModaliteAccompagnement::ADistance,
                                ModaliteAccompagnement::EnAutonomie,
                                ModaliteAccompagnement::AccompagnementIndividuel};
  p.fiche_acces_libre =
      "https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/";
  p.prise_rdv = "https://www.rdv-solidarites.fr/";
  return p;
}

// A place that exercises quoting, absent fields and awkward coordinates.
Place awkward_place() {
  Place p;
  p.id = "a,\"b\"";
  p.pivot = "00000000000000";
  p.nom = " Lieu \"quoted\", with comma ";
  p.commune = "Nouméa";
  p.code_postal = "98800";
  p.adresse = "1 rue\nsur deux lignes";
  p.coordinates = Coordinates{-22.27631, 1e-05};
  p.date_maj = year{1969} / 12 / 31;
  p.presentation_detail = "ligne 1\r\nligne 2";
  p.autres_formations_labels = {"QPV", "FRR"};
  return p;
}

std::vector<Place> sample() {
  Place bare;  // only an id: every other field absent
  bare.id = "bare";
  return {official_row(), awkward_place(), bare};
}

TEST(Writer, OfficialRowEqualsToRawOfTheHandBuiltPlace) {
  auto path = kData / "standard" / "lamednum_exemple-valide_v1.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent";
  auto read = read_file(path);
  ASSERT_EQ(read.records.size(), 1u);
  auto expected = to_raw(official_row());
  EXPECT_EQ(read.records[0].fields, expected.fields);
}

TEST(Writer, CsvRoundTripsThroughTheReader) {
  auto places = sample();
  std::ostringstream out;
  write_csv(out, places);
  std::string text = out.str();
  EXPECT_EQ(text.find('\r'), text.find("ligne 1\r") + 7);  // only the data's own CR
  EXPECT_FALSE(text.starts_with("\xEF\xBB\xBF"));
  auto read = read_buffer(text, "out.csv", Format::Csv);
  EXPECT_TRUE(read.problems.empty()) << read.problems[0].rule;
  EXPECT_EQ(read.layout, Layout::V1);
  ASSERT_EQ(read.records.size(), places.size());
  for (std::size_t i = 0; i < places.size(); ++i)
    EXPECT_EQ(read.records[i].fields, to_raw(places[i]).fields) << i;
  EXPECT_EQ(std::count(text.begin(), text.begin() + text.find('\n'), ','), 31);
}

TEST(Writer, JsonRoundTripsThroughTheReader) {
  auto places = sample();
  std::ostringstream out;
  write_json(out, places);
  auto parsed = nlohmann::json::parse(out.str());
  ASSERT_TRUE(parsed.is_array());
  EXPECT_TRUE(parsed[0]["latitude"].is_number());
  EXPECT_EQ(parsed[0]["latitude"].get<double>(), 43.52609);
  EXPECT_FALSE(parsed[2].contains("latitude"));
  EXPECT_EQ(parsed[0]["services"], "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le "
                                   "numérique|Loisirs et créations numériques");
  auto read = read_buffer(out.str(), "out.json", Format::Json);
  EXPECT_TRUE(read.problems.empty());
  ASSERT_EQ(read.records.size(), places.size());
  for (std::size_t i = 0; i < places.size(); ++i)
    EXPECT_EQ(read.records[i].fields, to_raw(places[i]).fields) << i;
}

TEST(Writer, GeoJsonSkipsPlacesWithoutCoordinates) {
  auto places = sample();
  std::ostringstream out;
  write_geojson(out, places);
  auto parsed = nlohmann::json::parse(out.str());
  EXPECT_EQ(parsed["type"], "FeatureCollection");
  ASSERT_EQ(parsed["features"].size(), 2u);
  const auto& feature = parsed["features"][1];
  EXPECT_EQ(feature["geometry"]["type"], "Point");
  EXPECT_EQ(feature["geometry"]["coordinates"][0].get<double>(), 1e-05);
  EXPECT_EQ(feature["geometry"]["coordinates"][1].get<double>(), -22.27631);
  EXPECT_EQ(feature["properties"]["nom"], " Lieu \"quoted\", with comma ");
  std::ostringstream empty;
  write_geojson(empty, {});
  EXPECT_EQ(nlohmann::json::parse(empty.str())["features"].size(), 0u);
}

TEST(Writer, CsvCellQuoting) {
  EXPECT_EQ(to_csv_cell("plain"), "plain");
  EXPECT_EQ(to_csv_cell("a|b"), "a|b");
  EXPECT_EQ(to_csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(to_csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(to_csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(to_csv_cell(" padded"), "\" padded\"");
}

TEST(Writer, CoordinatesAndDates) {
  for (double value : {43.52609, -0.008588, 46.27947045, 1e-05, 179.99999999999997, -90.0}) {
    auto text = format_coordinate(value);
    double back = 0;
    std::from_chars(text.data(), text.data() + text.size(), back);
    EXPECT_EQ(back, value) << text;
  }
  EXPECT_EQ(format_coordinate(43.52609), "43.52609");
  EXPECT_EQ(format_date(year{2024} / 4 / 2), "2024-04-02");
  EXPECT_EQ(format_date(year{1969} / 12 / 31), "1969-12-31");
}

}  // namespace
}  // namespace relais::standard
