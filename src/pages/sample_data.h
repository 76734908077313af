// Test-only: real-looking places and pages shared by the unit tests and the
// sample renderer (samples.cpp) used by the HTML validity and weight checks.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "hours/paris_time.h"
#include "pages/render.h"

namespace relais::pages::samples {

using namespace std::chrono;

// Tuesday 24 November 2026, 10:00 in Paris.
inline sys_seconds now() { return *hours::parse_paris_local("2026-11-24T10:00"); }

inline Place france_services() {
  Place p;
  p.id = "Hinaura:155";
  p.nom = "France Services de Villeurbanne";
  p.commune = "Villeurbanne";
  p.code_postal = "69100";
  p.code_insee = "69266";
  p.adresse = "12 rue Francis de Pressensé";
  p.complement_adresse = "Rez-de-chaussée, porte B";
  p.coordinates = Coordinates{45.7667, 4.8799};
  p.telephone = "+33 4 78 03 67 67";
  p.courriels = {"franceservices@mairie-villeurbanne.fr"};
  p.site_web = {"https://www.villeurbanne.fr/france-services/"};
  p.horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";
  p.presentation_resume = "Un accueil pour vos démarches : CAF, impôts, retraite, santé, emploi.";
  p.source = "Hinaura";
  p.date_maj = year{2026} / March / 12;
  p.services = {Service::AideDemarchesAdministratives, Service::MaitriseOutilsNumeriques,
                Service::AccesInternetMateriel};
  p.publics_specifiquement_adresses = {Public::Seniors};
  p.prise_en_charge_specifique = {PriseEnCharge::Surdite, PriseEnCharge::HandicapsMoteurs};
  p.frais_a_charge = {Frais::Gratuit};
  p.dispositif_programmes_nationaux = {Dispositif::FranceServices, Dispositif::ConseillersNumeriques};
  p.modalites_acces = {ModaliteAcces::SePresenter, ModaliteAcces::Telephoner};
  p.modalites_accompagnement = {ModaliteAccompagnement::AccompagnementIndividuel};
  p.fiche_acces_libre = "https://acceslibre.beta.gouv.fr/app/69-villeurbanne/a/mairie/erp/france-services/";
  p.prise_rdv = "https://rdv.anct.gouv.fr/prendre_rdv?departement=69";
  return p;
}

inline Place mediatheque() {
  Place p;
  p.id = "Hinaura:207";
  p.nom = "Médiathèque du Tonkin <script>alert('x')</script>";
  p.commune = "Villeurbanne";
  p.code_postal = "69100";
  p.adresse = "2 promenade du Lys Orange";
  p.coordinates = Coordinates{45.7735, 4.8672};
  p.horaires = "Tu,Th 14:00-19:00; We,Sa 10:00-18:00";
  p.source = "Hinaura";
  p.date_maj = year{2024} / June / 1;  // more than a year before now()
  p.services = {Service::AccesInternetMateriel, Service::LoisirsCreations};
  p.frais_a_charge = {Frais::GratuitSousCondition};
  p.itinerance = {Itinerance::Fixe};
  return p;
}

inline Place bus_numerique() {
  Place p;
  p.id = "conseiller-numerique:6412";
  p.nom = "Bus numérique du Rhône";
  p.commune = "Vaulx-en-Velin";
  p.code_postal = "69120";
  p.adresse = "Place de la Nation";
  p.coordinates = Coordinates{45.7786, 4.9210};
  p.source = "Conseiller Numérique";
  p.date_maj = year{2026} / October / 2;
  p.services = {Service::AideDemarchesAdministratives};
  p.frais_a_charge = {Frais::Payant};
  p.itinerance = {Itinerance::Itinerant};
  return p;
}

inline SearchFilters filters() {
  SearchFilters f;
  f.where = "Villeurbanne";
  f.services = {Service::AideDemarchesAdministratives};
  f.frais = {Frais::Gratuit, Frais::GratuitSousCondition};
  f.open_now = true;
  f.radius_km = 5;
  return f;
}

inline ResultsPage results(std::size_t count = 3, std::size_t total = 45, std::size_t page = 2) {
  ResultsPage r;
  r.filters = filters();
  r.where_label = "Villeurbanne (69100)";
  r.centre = Coordinates{45.7719, 4.8902};
  r.total = total;
  r.page = page;
  r.page_size = 20;
  std::vector<Place> places{france_services(), mediatheque(), bus_numerique()};
  for (std::size_t i = 0; i < count; ++i) {
    Place p = places[i % places.size()];
    if (i >= places.size()) p.id += "-" + std::to_string(i);
    r.places.push_back(summarize(p, 350.0 + 900.0 * static_cast<double>(i), now()));
  }
  return r;
}

inline PlacePage place_page(Place place = france_services()) {
  PlacePage page;
  page.place = std::move(place);
  page.sources = {"Hinaura", "France Services"};
  page.now = now();
  page.back_url = "/recherche?ou=Villeurbanne";
  return page;
}

}  // namespace relais::pages::samples
