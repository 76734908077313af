#include "geo/query.h"

#include <gtest/gtest.h>

namespace relais::geo {
namespace {

TEST(GeoQuery, AddFilterParsesExactLabels) {
  Query q;
  EXPECT_TRUE(q.add_filter("services", "Aide aux démarches administratives"));
  EXPECT_TRUE(q.add_filter("services", "Aide aux démarches administratives"));  // no duplicate
  EXPECT_TRUE(q.add_filter("frais_a_charge", "Gratuit"));
  EXPECT_TRUE(q.add_filter("formations_labels", "Étapes numériques(La Poste)"));  // schema spelling
  ASSERT_EQ(q.services.size(), 1u);
  EXPECT_EQ(q.services[0], Service::AideDemarchesAdministratives);
  EXPECT_EQ(q.frais, std::vector<Frais>{Frais::Gratuit});
  EXPECT_EQ(q.formations_labels, std::vector<FormationLabel>{FormationLabel::EtapesNumeriques});
}

TEST(GeoQuery, AddFilterRejectsUnknownFieldOrLabel) {
  Query q;
  EXPECT_FALSE(q.add_filter("services", "aide aux démarches administratives"));  // case matters
  EXPECT_FALSE(q.add_filter("frais", "Gratuit"));
  EXPECT_FALSE(q.add_filter("prise_en_charge_specifique", "Langues étrangères"));  // not a schema value
  EXPECT_TRUE(q.services.empty());
  EXPECT_TRUE(q.frais.empty());
  EXPECT_TRUE(q.prises_en_charge.empty());
}

}  // namespace
}  // namespace relais::geo
