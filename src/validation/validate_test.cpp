#include "validation/validate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "standard/reader.h"

using namespace relais;
using namespace relais::validation;
using namespace std::chrono;

namespace {

// The official example row of the standard (exemple-valide.csv), by hand so
// that these tests do not need the shared data.
RawRecord official_row() {
  RawRecord r;
  r.line = 2;
  r.fields = {
      {"id", "structure-1"}, {"pivot", "43493312300029"}, {"nom", "Anonymal"}, {"commune", "Reims"},
      {"code_postal", "51100"}, {"code_insee", "51454"}, {"adresse", "12 BIS RUE DE LECLERCQ"},
      {"complement_adresse", "Le patio du bois de l'Aulne"}, {"latitude", "43.52609"}, {"longitude", "5.41423"},
      {"typologie", "TIERS_LIEUX|ASSO"}, {"telephone", "+33180059880"},
      {"courriels", "contact@laquincaillerie.tl|responsable@laquincaillerie.tl"},
      {"site_web", "https://www.laquincaillerie.tl/|https://m.facebook.com/laquincaillerienumerique/"},
      {"horaires", "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"},
      {"presentation_resume", "Notre association propose des formations."},
      {"presentation_detail", "Notre parcours d'initiation."}, {"source", "Hubik"}, {"itinerance", "Itinérant"},
      {"structure_parente", "SIRET de la ville pour une bibliothèque."}, {"date_maj", "2024-04-02"},
      {"services", "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Loisirs et créations numériques"},
      {"publics_specifiquement_adresses", "Jeunes|Femmes"},
      {"prise_en_charge_specifique", "Surdité|Illettrisme|Langues étrangères (anglais)"},
      {"frais_a_charge", "Gratuit sous condition|Payant"},
      {"dispositif_programmes_nationaux", "Aidants Connect|Conseillers numériques|La Croix Rouge"},
      {"formations_labels", "Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)"},
      {"autres_formations_labels", "Label et la bête"}, {"modalites_acces", "Se présenter|Téléphoner"},
      {"modalites_accompagnement", "Dans un atelier collectif|À distance|En autonomie|Accompagnement individuel"},
      {"fiche_acces_libre", "https://acceslibre.beta.gouv.fr/app/29-lampaul-plouarzel/a/bibliotheque-mediatheque/erp/mediatheque-13/"},
      {"prise_rdv", "https://www.rdv-solidarites.fr/"},
  };
  return r;
}

RawRecord with(std::string field, std::string value) {
  RawRecord r = official_row();
  r.set(std::move(field), std::move(value));
  return r;
}

RawRecord without(std::string_view field) {
  RawRecord r = official_row();
  r.erase(field);
  return r;
}

const Problem* find_rule(const Problems& problems, std::string_view rule) {
  auto it = std::find_if(problems.begin(), problems.end(), [&](const Problem& p) { return p.rule == rule; });
  return it == problems.end() ? nullptr : &*it;
}

std::size_t error_count(const Problems& problems) {
  return std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::Error; });
}

struct Outcome {
  std::optional<Place> place;
  Problems problems;
};

Outcome validate(const RawRecord& r, Options options = {}) {
  Outcome o;
  o.place = to_place(r, "test.csv", o.problems, options);
  return o;
}

}  // namespace

TEST(Validate, OfficialRowHasNoProblem) {
  auto o = validate(official_row());
  ASSERT_TRUE(o.place);
  EXPECT_TRUE(o.problems.empty()) << o.problems.front().rule;
  EXPECT_EQ(o.place->id, "structure-1");
  EXPECT_EQ(o.place->date_maj, year{2024} / April / 2);
  ASSERT_TRUE(o.place->coordinates);
  EXPECT_DOUBLE_EQ(o.place->coordinates->latitude, 43.52609);
  EXPECT_EQ(o.place->services.size(), 3u);
  EXPECT_EQ(o.place->typologie, (std::vector{Typologie::TIERS_LIEUX, Typologie::ASSO}));
  EXPECT_EQ(o.place->modalites_accompagnement.size(), 4u);
  EXPECT_EQ(o.place->courriels.size(), 2u);
}

TEST(Validate, OfficialFileRowHasNoError) {
  std::filesystem::path file = RELAIS_SHARED_DATA_DIR "/standard/lamednum_exemple-valide_v1.csv";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared data absent";
  auto read = standard::read_file(file);
  ASSERT_EQ(read.records.size(), 1u);
  auto o = validate(read.records[0]);
  ASSERT_TRUE(o.place);
  EXPECT_EQ(error_count(o.problems), 0u);
  EXPECT_TRUE(o.problems.empty());
}

struct RequiredCase {
  const char* field;
  const char* bad_value;  // nullptr: field absent
  const char* rule;
};

class RequiredFieldTest : public ::testing::TestWithParam<RequiredCase> {};

TEST_P(RequiredFieldTest, BadValueDropsTheRecord) {
  const auto& c = GetParam();
  auto o = validate(c.bad_value ? with(c.field, c.bad_value) : without(c.field));
  EXPECT_FALSE(o.place);
  const Problem* p = find_rule(o.problems, c.rule);
  ASSERT_NE(p, nullptr) << c.rule;
  EXPECT_EQ(p->field, c.field);
  EXPECT_EQ(p->action, Action::RecordDropped);
  EXPECT_EQ(p->severity, Severity::Error);
  EXPECT_EQ(p->line, 2u);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, RequiredFieldTest,
    ::testing::Values(RequiredCase{"id", nullptr, "id.required"}, RequiredCase{"id", "", "id.required"},
                      RequiredCase{"nom", "", "nom.required"}, RequiredCase{"pivot", nullptr, "pivot.required"},
                      RequiredCase{"pivot", "1234", "pivot.format"}, RequiredCase{"pivot", "X123456789", "pivot.format"},
                      RequiredCase{"commune", "Reims (51)", "commune.format"},
                      RequiredCase{"commune", nullptr, "commune.required"},
                      RequiredCase{"code_postal", "5110", "code_postal.format"},
                      RequiredCase{"code_postal", "51 100", "code_postal.format"},
                      RequiredCase{"adresse", "12 rue #4", "adresse.format"},
                      RequiredCase{"adresse", nullptr, "adresse.required"},
                      RequiredCase{"date_maj", "02/04/2024", "date_maj.format"},
                      RequiredCase{"date_maj", "2024-02-30", "date_maj.format"},
                      RequiredCase{"date_maj", nullptr, "date_maj.required"}));

struct OptionalCase {
  const char* field;
  const char* bad_value;
  const char* rule;
};

class OptionalFieldTest : public ::testing::TestWithParam<OptionalCase> {};

TEST_P(OptionalFieldTest, BadValueDropsTheFieldOnly) {
  const auto& c = GetParam();
  auto o = validate(with(c.field, c.bad_value));
  ASSERT_TRUE(o.place);
  const Problem* p = find_rule(o.problems, c.rule);
  ASSERT_NE(p, nullptr) << c.rule;
  EXPECT_EQ(p->field, c.field);
  EXPECT_EQ(p->value, c.bad_value);
  EXPECT_EQ(p->record_id, "structure-1");
  EXPECT_EQ(p->action, Action::FieldDropped);
  EXPECT_EQ(error_count(o.problems), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, OptionalFieldTest,
    ::testing::Values(
        OptionalCase{"code_insee", "20004", "code_insee.format"},
        OptionalCase{"latitude", "43,5", "latitude.number"}, OptionalCase{"latitude", "91", "latitude.range"},
        OptionalCase{"longitude", "-180.5", "longitude.range"},
        OptionalCase{"telephone", "+44 20 7946 0958", "telephone.format"},
        OptionalCase{"courriels", "contact@laquincaillerie.tl|chambéry@accorderie.fr", "courriels.format"},
        OptionalCase{"site_web", "www.laquincaillerie.tl", "site_web.format"},
        OptionalCase{"fiche_acces_libre", "acceslibre.beta.gouv.fr/app/1", "fiche_acces_libre.format"},
        OptionalCase{"prise_rdv", "rdv", "prise_rdv.format"},
        OptionalCase{"typologie", "TIERS_LIEUX|Mairie", "typologie.enum"},
        OptionalCase{"services", "Aide aux démarches administratives|Numérique", "services.enum"},
        OptionalCase{"services", "", "services.enum"},
        OptionalCase{"publics_specifiquement_adresses", "Jeunes |Femmes", "publics_specifiquement_adresses.enum"},
        OptionalCase{"prise_en_charge_specifique", "surdité", "prise_en_charge_specifique.enum"},
        OptionalCase{"frais_a_charge", "Gratuit;Payant", "frais_a_charge.enum"},
        OptionalCase{"itinerance", "Mobile", "itinerance.enum"},
        OptionalCase{"dispositif_programmes_nationaux", "CNFS", "dispositif_programmes_nationaux.enum"},
        OptionalCase{"formations_labels", "ORDI 3x0", "formations_labels.enum"},
        OptionalCase{"modalites_acces", "Se présenter||Téléphoner", "modalites_acces.enum"},
        OptionalCase{"modalites_accompagnement", "Seul", "modalites_accompagnement.enum"}));

TEST(Validate, DroppedOptionalFieldIsAbsentFromPlace) {
  auto o = validate(with("telephone", "12"));
  ASSERT_TRUE(o.place);
  EXPECT_FALSE(o.place->telephone);
  auto l = validate(with("latitude", "91"));
  ASSERT_TRUE(l.place);
  EXPECT_FALSE(l.place->coordinates);
}

TEST(Validate, StrictReportsWithoutActionAndRejectsRecord) {
  auto o = validate(with("telephone", "12"), Options{Policy::Strict, {}});
  EXPECT_FALSE(o.place);
  const Problem* p = find_rule(o.problems, "telephone.format");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->action, Action::None);
}

TEST(Validate, WarningsKeepValues) {
  auto placeholder = validate(with("pivot", "00000000000000"));
  ASSERT_TRUE(placeholder.place);
  EXPECT_EQ(placeholder.place->pivot, "00000000000000");
  EXPECT_NE(find_rule(placeholder.problems, "pivot.placeholder"), nullptr);

  auto spaced = validate(with("pivot", "434 933 123 00"));
  ASSERT_TRUE(spaced.place);
  EXPECT_NE(find_rule(spaced.problems, "pivot.schema_pattern"), nullptr);

  auto phone = validate(with("telephone", "01 80 05 98 80"));
  ASSERT_TRUE(phone.place);
  EXPECT_EQ(phone.place->telephone, "01 80 05 98 80");
  EXPECT_NE(find_rule(phone.problems, "telephone.schema_pattern"), nullptr);

  auto insee = validate(with("code_insee", "980123"));
  ASSERT_TRUE(insee.place);
  EXPECT_NE(find_rule(insee.problems, "code_insee.schema_pattern"), nullptr);
  EXPECT_EQ(error_count(insee.problems), 0u);
}

TEST(Validate, Coordinates) {
  RawRecord zero = official_row();
  zero.set("latitude", "0");
  zero.set("longitude", "0");
  auto z = validate(zero);
  ASSERT_TRUE(z.place);
  EXPECT_FALSE(z.place->coordinates);
  ASSERT_NE(find_rule(z.problems, "coordinates.zero"), nullptr);
  EXPECT_EQ(find_rule(z.problems, "coordinates.zero")->severity, Severity::Warning);

  auto axis = validate(with("longitude", "0"));
  ASSERT_TRUE(axis.place);
  EXPECT_TRUE(axis.place->coordinates);
  EXPECT_NE(find_rule(axis.problems, "coordinates.zero_axis"), nullptr);

  auto lone = validate(without("longitude"));
  ASSERT_TRUE(lone.place);
  EXPECT_FALSE(lone.place->coordinates);
  EXPECT_NE(find_rule(lone.problems, "coordinates.incomplete"), nullptr);
}

TEST(Validate, PresentationResumeCountsCharacters) {
  std::string accented;
  for (int i = 0; i < 280; ++i) accented += "é";
  auto ok = validate(with("presentation_resume", accented));
  ASSERT_TRUE(ok.place);
  EXPECT_EQ(ok.place->presentation_resume, accented);
  auto too_long = validate(with("presentation_resume", accented + "e"));
  ASSERT_TRUE(too_long.place);
  EXPECT_FALSE(too_long.place->presentation_resume);
  EXPECT_NE(find_rule(too_long.problems, "presentation_resume.length"), nullptr);
}

TEST(Validate, DateMaj) {
  auto epoch = validate(with("date_maj", "1970-01-01"));
  ASSERT_TRUE(epoch.place);
  EXPECT_NE(find_rule(epoch.problems, "date_maj.epoch"), nullptr);
  auto before_epoch = validate(with("date_maj", "1969-12-31"));
  EXPECT_NE(find_rule(before_epoch.problems, "date_maj.epoch"), nullptr);
  auto datetime = validate(with("date_maj", "2024-04-02T08:00:00.000Z"));
  ASSERT_TRUE(datetime.place);
  EXPECT_EQ(datetime.place->date_maj, year{2024} / April / 2);
  auto future = validate(with("date_maj", "2030-01-01"), Options{Policy::DropInvalid, year{2026} / November / 22});
  ASSERT_TRUE(future.place);
  EXPECT_NE(find_rule(future.problems, "date_maj.future"), nullptr);
}

TEST(Validate, EnumerationsDeduplicateAndAcceptSchemaSpelling) {
  auto dup = validate(with("services", "Loisirs et créations numériques|Loisirs et créations numériques"));
  ASSERT_TRUE(dup.place);
  EXPECT_EQ(dup.place->services, std::vector{Service::LoisirsCreations});
  auto poste = validate(with("formations_labels", "Étapes numériques(La Poste)"));
  ASSERT_TRUE(poste.place);
  EXPECT_EQ(poste.place->formations_labels, std::vector{FormationLabel::EtapesNumeriques});
  EXPECT_TRUE(poste.problems.empty());
}

TEST(Validate, CouplingWithoutServices) {
  auto o = validate(without("services"));
  ASSERT_TRUE(o.place);
  EXPECT_TRUE(o.place->publics_specifiquement_adresses.empty());
  EXPECT_TRUE(o.place->prise_en_charge_specifique.empty());
  EXPECT_TRUE(o.place->frais_a_charge.empty());
  EXPECT_TRUE(o.place->itinerance.empty());
  EXPECT_TRUE(o.place->modalites_accompagnement.empty());
  EXPECT_EQ(o.place->modalites_acces, std::vector{ModaliteAcces::PasDePublic});
  // Independent of services:
  EXPECT_EQ(o.place->dispositif_programmes_nationaux.size(), 3u);
  EXPECT_EQ(o.place->formations_labels.size(), 2u);
  std::size_t coupling = std::count_if(o.problems.begin(), o.problems.end(),
                                       [](const Problem& p) { return p.rule == "coupling.no_services"; });
  EXPECT_EQ(coupling, 6u);  // 5 dependent fields + modalites_acces replaced
  EXPECT_EQ(error_count(o.problems), 0u);
}

TEST(Validate, CouplingWithServicesFiltersNoPublic) {
  auto o = validate(with("modalites_acces", "Se présenter|Ce lieu n'accueille pas de public"));
  ASSERT_TRUE(o.place);
  EXPECT_EQ(o.place->modalites_acces, std::vector{ModaliteAcces::SePresenter});
  EXPECT_NE(find_rule(o.problems, "modalites_acces.pas_de_public"), nullptr);
  auto absent = validate(without("modalites_acces"));
  ASSERT_TRUE(absent.place);
  EXPECT_TRUE(absent.place->modalites_acces.empty());
}

TEST(Validate, UnknownFieldAndInvalidUtf8) {
  auto unknown = validate(with("couleur", "bleu"));
  ASSERT_TRUE(unknown.place);
  EXPECT_NE(find_rule(unknown.problems, "field.unknown"), nullptr);
  auto bad = validate(with("source", "Hub\xFF"));
  ASSERT_TRUE(bad.place);
  EXPECT_FALSE(bad.place->source);
  EXPECT_NE(find_rule(bad.problems, "text.utf8"), nullptr);
  auto bad_nom = validate(with("nom", "\xC3"));
  EXPECT_FALSE(bad_nom.place);
}
