#include "pages/filters.h"

#include <gtest/gtest.h>

namespace relais::pages {
namespace {

TEST(PagesFilters, EncodingOfFormValuesAndPathSegments) {
  EXPECT_EQ(form_encode("Aide aux démarches administratives"), "Aide+aux+d%C3%A9marches+administratives");
  EXPECT_EQ(form_encode("a&b=c+d/é"), "a%26b%3Dc%2Bd%2F%C3%A9");
  EXPECT_EQ(path_segment_encode("Hinaura:155"), "Hinaura:155");
  EXPECT_EQ(path_segment_encode("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
  EXPECT_EQ(place_path("Hinaura:155"), "/lieux/Hinaura:155");
}

TEST(PagesFilters, QueryStringCarriesEveryFilter) {
  SearchFilters f;
  f.where = "Lyon 3e";
  f.services = {Service::AideDemarchesAdministratives, Service::AccesInternetMateriel};
  f.publics = {Public::Seniors};
  f.prises_en_charge = {PriseEnCharge::Surdite};
  f.frais = {Frais::Gratuit};
  f.modalites_acces = {ModaliteAcces::Telephoner};
  f.modalites_accompagnement = {ModaliteAccompagnement::AtelierCollectif};
  f.dispositifs = {Dispositif::FranceServices};
  f.labels = {FormationLabel::MesPapiers};
  f.open_now = true;
  f.weekend = true;
  f.online_booking = true;
  f.radius_km = 10;
  EXPECT_EQ(query_string(f, 3),
            "ou=Lyon+3e"
            "&services=Aide+aux+d%C3%A9marches+administratives"
            "&services=Acc%C3%A8s+internet+et+mat%C3%A9riel+informatique"
            "&publics=Seniors&prise_en_charge=Surdit%C3%A9&frais=Gratuit&modalites_acces=T%C3%A9l%C3%A9phoner"
            "&modalites_accompagnement=Dans+un+atelier+collectif&dispositifs=France+Services"
            "&labels=Mes+Papiers+%28M%C3%A9tropole+de+Lyon%29"
            "&open_now=true&weekend=true&prise_rdv=true&radius=10km&page=3");
  EXPECT_EQ(active_filter_count(f), 13u);
}

TEST(PagesFilters, PageOneAndEmptySearch) {
  SearchFilters f;
  EXPECT_EQ(search_url(f), "/recherche");
  EXPECT_EQ(search_url(f, 1), "/recherche");
  EXPECT_EQ(search_url(f, 2), "/recherche?page=2");
  f.where = "69100";
  EXPECT_EQ(search_url(f), "/recherche?ou=69100");
  EXPECT_EQ(active_filter_count(f), 0u);
}

TEST(PagesFilters, FromGeoQuery) {
  geo::Query q;
  ASSERT_TRUE(q.add_filter("services", "Aide aux démarches administratives"));
  ASSERT_TRUE(q.add_filter("frais_a_charge", "Gratuit"));
  ASSERT_TRUE(q.add_filter("dispositif_programmes_nationaux", "France Services"));
  q.radius_metres = 4600;
  q.open_at = std::chrono::sys_seconds{std::chrono::seconds{1800000000}};
  q.online_booking = true;
  auto f = filters_from_query(q);
  EXPECT_EQ(f.services, std::vector<Service>{Service::AideDemarchesAdministratives});
  EXPECT_EQ(f.frais, std::vector<Frais>{Frais::Gratuit});
  EXPECT_EQ(f.dispositifs, std::vector<Dispositif>{Dispositif::FranceServices});
  EXPECT_EQ(f.radius_km, 5);
  EXPECT_TRUE(f.open_now);
  EXPECT_FALSE(f.weekend);
  EXPECT_TRUE(f.online_booking);
  EXPECT_TRUE(f.where.empty());
}

}  // namespace
}  // namespace relais::pages
