#include "standard/v01.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "standard/reader.h"

namespace relais::standard {
namespace {

const std::filesystem::path kData = RELAIS_SHARED_DATA_DIR;

RawRecord v01_record(std::vector<std::pair<std::string, std::string>> fields) {
  RawRecord r;
  r.line = 7;
  r.index = 3;
  r.fields = std::move(fields);
  return r;
}

struct Case {
  const char* v01_field;
  const char* v01_value;
  const char* v1_field;  // "" = dropped by design
  const char* v1_value;
};

// Every v0.1 enumeration value of reference §5, with its §7 target.
const Case kCases[] = {
    {"services", "Devenir autonome dans les démarches administratives", "services", "Aide aux démarches administratives"},
    {"services", "Réaliser des démarches administratives avec un accompagnement", "services", "Aide aux démarches administratives"},
    {"services", "Prendre en main un smartphone ou une tablette", "services", "Maîtrise des outils numériques du quotidien"},
    {"services", "Prendre en main un ordinateur", "services", "Maîtrise des outils numériques du quotidien"},
    {"services", "Utiliser le numérique au quotidien", "services", "Maîtrise des outils numériques du quotidien"},
    {"services", "Approfondir ma culture numérique", "services", "Compréhension du monde numérique"},
    {"services", "Favoriser mon insertion professionnelle", "services", "Insertion professionnelle via le numérique"},
    {"services", "Accéder à une connexion internet", "services", "Accès internet et matériel informatique"},
    {"services", "Accéder à du matériel", "services", "Accès internet et matériel informatique"},
    {"services", "S'équiper en matériel informatique", "services", "Acquisition de matériel informatique à prix solidaire"},
    {"services", "Créer et développer mon entreprise", "services", "Insertion professionnelle via le numérique"},
    {"services", "Créer avec le numérique", "services", "Loisirs et créations numériques"},
    {"services", "Accompagner les démarches de santé", "services", "Aide aux démarches administratives"},
    {"services", "Promouvoir la citoyenneté numérique", "services", "Compréhension du monde numérique"},
    {"services", "Soutenir la parentalité et l'éducation avec le numérique", "services", "Parentalité et éducation avec le numérique"},
    {"publics_accueillis", "Seniors (+ 65 ans)", "publics_specifiquement_adresses", "Seniors"},
    {"publics_accueillis", "Familles/enfants", "publics_specifiquement_adresses", "Familles et/ou enfants"},
    {"publics_accueillis", "Adultes", "", ""},
    {"publics_accueillis", "Jeunes (16-26 ans)", "publics_specifiquement_adresses", "Jeunes"},
    {"publics_accueillis", "Public langues étrangères", "prise_en_charge_specifique", "Langues étrangères (autres)"},
    {"publics_accueillis", "Déficience visuelle", "prise_en_charge_specifique", "Déficience visuelle"},
    {"publics_accueillis", "Surdité", "prise_en_charge_specifique", "Surdité"},
    {"publics_accueillis", "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales", "", ""},
    {"publics_accueillis", "Handicaps mentaux : déficiences limitant les activités d'une personne", "prise_en_charge_specifique", "Handicaps mentaux"},
    {"publics_accueillis", "Uniquement femmes", "publics_specifiquement_adresses", "Femmes"},
    {"publics_accueillis", "Personnes en situation d'illettrisme", "prise_en_charge_specifique", "Illettrisme"},
    {"conditions_acces", "Gratuit : Je peux accéder gratuitement au lieu et à ses services", "frais_a_charge", "Gratuit"},
    {"conditions_acces", "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", "frais_a_charge", "Gratuit sous condition"},
    {"conditions_acces", "Payant : L'accès au lieu et/ou à ses services est payant", "frais_a_charge", "Payant"},
    {"conditions_acces", "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu", "frais_a_charge", "Gratuit sous condition"},
    {"conditions_acces", "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", "frais_a_charge", "Payant"},
    {"labels_nationaux", "France Services", "dispositif_programmes_nationaux", "France Services"},
    {"labels_nationaux", "CNFS", "dispositif_programmes_nationaux", "Conseillers numériques"},
    {"labels_nationaux", "APTIC", "", ""},
    {"labels_nationaux", "Aidants Connect", "dispositif_programmes_nationaux", "Aidants Connect"},
    {"labels_nationaux", "Fabriques de Territoire", "formations_labels", "Fabriques de Territoire"},
    {"labels_nationaux", "Grandes écoles du numérique", "dispositif_programmes_nationaux", "Grande école du numérique"},
    {"labels_nationaux", "Point relais CAF", "dispositif_programmes_nationaux", "Point d'accès numérique CAF"},
    {"labels_nationaux", "Point numérique CAF", "dispositif_programmes_nationaux", "Point d'accès numérique CAF"},
    {"labels_nationaux", "Relais pôle emploi", "", ""},
    {"labels_nationaux", "French Tech", "", ""},
    {"labels_nationaux", "Campus connecté", "", ""},
    {"modalites_accompagnement", "Seul : j'ai accès à du matériel et une connexion", "modalites_accompagnement", "En autonomie"},
    {"modalites_accompagnement", "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", "modalites_accompagnement", "Accompagnement individuel"},
    {"modalites_accompagnement", "Dans un atelier : j'apprends collectivement à utiliser le numérique", "modalites_accompagnement", "Dans un atelier collectif"},
    {"modalites_accompagnement", "A ma place : une personne habilitée fait les démarches à ma place", "modalites_accompagnement", "Accompagnement individuel"},
};

TEST(V01Mapping, MapsEveryV01EnumerationValue) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.v01_value);
    Problems problems;
    auto v1 = map_v01_to_v1(v01_record({{"id", "x"}, {c.v01_field, c.v01_value}}), "f.json", problems);
    if (*c.v1_field) {
      EXPECT_TRUE(problems.empty());
      ASSERT_NE(v1.find(c.v1_field), nullptr);
      EXPECT_EQ(*v1.find(c.v1_field), c.v1_value);
      EXPECT_EQ(v1.fields.size(), 2u);
    } else {
      EXPECT_EQ(v1.fields.size(), 1u);
      ASSERT_EQ(problems.size(), 1u);
      EXPECT_EQ(problems[0].rule, "v01.dropped_value");
      EXPECT_EQ(problems[0].severity, Severity::Warning);
      EXPECT_EQ(problems[0].action, Action::FieldDropped);
      EXPECT_EQ(problems[0].field, c.v01_field);
      EXPECT_EQ(problems[0].value, c.v01_value);
      EXPECT_EQ(problems[0].line, 7u);
      EXPECT_EQ(problems[0].record, 3u);
      EXPECT_EQ(problems[0].record_id, "x");
    }
  }
}

TEST(V01Mapping, DeduplicatesAndSplitsLists) {
  Problems problems;
  auto v1 = map_v01_to_v1(
      v01_record({{"services", "Prendre en main un ordinateur;Utiliser le numérique au quotidien;Accéder à du matériel"},
                  {"labels_nationaux", "Point relais CAF;CNFS;Point numérique CAF;Fabriques de Territoire"},
                  {"publics_accueillis", "Surdité;Seniors (+ 65 ans)"}}),
      "f.json", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(*v1.find("services"), "Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique");
  EXPECT_EQ(*v1.find("dispositif_programmes_nationaux"), "Point d'accès numérique CAF|Conseillers numériques");
  EXPECT_EQ(*v1.find("formations_labels"), "Fabriques de Territoire");
  EXPECT_EQ(*v1.find("prise_en_charge_specifique"), "Surdité");
  EXPECT_EQ(*v1.find("publics_specifiquement_adresses"), "Seniors");
}

TEST(V01Mapping, RenamesAndConvertsOtherFields) {
  Problems problems;
  auto v1 = map_v01_to_v1(
      v01_record({{"id", "1"}, {"cle_ban", "13001_3079_00001"}, {"courriel", "a@b.fr"},
                  {"accessibilite", "https://acceslibre.beta.gouv.fr/x"}, {"typologie", "RFS;MUNI"},
                  {"site_web", "https://a.fr;https://b.fr, https://c.fr"}, {"labels_autres", "ZRR;Autre label"},
                  {"horaires", "Mo 09:00-12:00; PH off"}, {"date_maj", "2023-01-01"}}),
      "f.json", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(v1.find("cle_ban"), nullptr);
  EXPECT_EQ(v1.find("courriel"), nullptr);
  EXPECT_EQ(*v1.find("courriels"), "a@b.fr");
  EXPECT_EQ(*v1.find("fiche_acces_libre"), "https://acceslibre.beta.gouv.fr/x");
  EXPECT_EQ(*v1.find("typologie"), "RFS|MUNI");
  EXPECT_EQ(*v1.find("site_web"), "https://a.fr|https://b.fr|https://c.fr");
  EXPECT_EQ(*v1.find("autres_formations_labels"), "ZRR|Autre label");
  EXPECT_EQ(*v1.find("horaires"), "Mo 09:00-12:00; PH off");  // not a list: ';' kept
  EXPECT_EQ(*v1.find("date_maj"), "2023-01-01");
  EXPECT_EQ(v1.find("modalites_acces"), nullptr);  // not invented
  EXPECT_EQ(v1.line, 7u);
  EXPECT_EQ(v1.index, 3u);
}

TEST(V01Mapping, UnknownValuesAreDroppedWithError) {
  Problems problems;
  auto v1 = map_v01_to_v1(v01_record({{"services", "Prendre en main un ordinateur;Faire du vélo"}}), "f.json", problems);
  EXPECT_EQ(*v1.find("services"), "Maîtrise des outils numériques du quotidien");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule, "v01.unknown_value");
  EXPECT_EQ(problems[0].severity, Severity::Error);
  EXPECT_EQ(problems[0].action, Action::FieldDropped);
  EXPECT_EQ(problems[0].value, "Faire du vélo");
  EXPECT_EQ(problems[0].file, "f.json");
}

TEST(V01Mapping, LongLabelsMatchOnTheirShortPart) {
  Problems problems;
  auto v1 = map_v01_to_v1(
      v01_record({{"conditions_acces", "Payant : texte reformulé"}, {"modalites_accompagnement", "Seul : autre texte"}}),
      "f.json", problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(*v1.find("frais_a_charge"), "Payant");
  EXPECT_EQ(*v1.find("modalites_accompagnement"), "En autonomie");
  // A bare short label has no " : " and is not guessed.
  auto bare = map_v01_to_v1(v01_record({{"conditions_acces", "Payant"}}), "f.json", problems);
  EXPECT_EQ(bare.find("frais_a_charge"), nullptr);
  EXPECT_EQ(problems.size(), 1u);
}

TEST(V01Mapping, RealFilesMapWithoutUnknownValues) {
  if (!std::filesystem::exists(kData / "lieux")) GTEST_SKIP() << "shared data absent";
  std::size_t aptic = 0, records = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kData / "lieux")) {
    if (!entry.path().filename().string().starts_with("cartonat_v0.1_")) continue;
    auto read = read_file(entry.path());
    ASSERT_EQ(read.layout, Layout::V0_1);
    for (const auto& record : read.records) {
      Problems problems;
      auto v1 = map_v01_to_v1(record, entry.path().string(), problems);
      ++records;
      for (const auto& p : problems) {
        EXPECT_EQ(p.rule, "v01.dropped_value") << p.field << ": " << p.value;
        if (p.value == "APTIC") ++aptic;
      }
      EXPECT_EQ(detect_layout([&] {
                  std::vector<std::string> names;
                  for (const auto& [k, v] : v1.fields) names.push_back(k);
                  return names;
                }()),
                Layout::V1);
    }
  }
  EXPECT_EQ(records, 1581u);
  EXPECT_EQ(aptic, 12u);  // reference §15
}

}  // namespace
}  // namespace relais::standard
