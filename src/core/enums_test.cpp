#include "core/enums.h"

#include <gtest/gtest.h>

#include "core/field.h"

namespace relais {
namespace {

TEST(Enums, LabelsRoundTrip) {
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) {
    auto s = static_cast<Service>(i);
    EXPECT_EQ(from_label<Service>(label(s)), s);
  }
  EXPECT_EQ(label(Service::AideDemarchesAdministratives), "Aide aux démarches administratives");
  EXPECT_EQ(label(ModaliteAcces::PasDePublic), "Ce lieu n'accueille pas de public");
  EXPECT_EQ(label(Typologie::TIERS_LIEUX), "TIERS_LIEUX");
  EXPECT_EQ(enum_count<Typologie>(), 92u);
}

TEST(Enums, MatchIsExact) {
  EXPECT_FALSE(from_label<Service>("aide aux démarches administratives"));
  EXPECT_FALSE(from_label<Service>("Aide aux démarches administratives "));
  EXPECT_FALSE(from_label<Frais>(""));
}

TEST(Enums, SchemaMisspellingOfEtapesNumeriquesIsAccepted) {
  EXPECT_EQ(from_label<FormationLabel>("Étapes numériques(La Poste)"),
            FormationLabel::EtapesNumeriques);
  EXPECT_EQ(label(FormationLabel::EtapesNumeriques), "Étapes numériques (La Poste)");
}

TEST(Fields, ThirtyTwoInSchemaOrder) {
  EXPECT_EQ(field_name(Field::id), "id");
  EXPECT_EQ(field_name(Field::prise_rdv), "prise_rdv");
  EXPECT_EQ(field_from_name("date_maj"), Field::date_maj);
  EXPECT_FALSE(field_from_name("courriel"));
  EXPECT_TRUE(is_required(Field::date_maj));
  EXPECT_FALSE(is_required(Field::services));
}

}  // namespace
}  // namespace relais
