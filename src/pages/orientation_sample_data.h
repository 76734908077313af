// Test-only: the longest orientation sheet Relais can print, every field at
// the longest the data carries (names and addresses of the longest real
// records of ../shared/data, rounded up), every service, every specific
// care, all half-days, the longest first name and worker fields the forms
// accept. The one-page print check renders it.
#pragma once

#include "pages/orientation.h"
#include "pages/sample_data.h"

namespace relais::pages::samples {

inline Place longest_place() {
  Place p = france_services();
  p.nom = "Espace France Services de la Communauté de communes du Pays de l’Arbresle et des Monts du "
          "Lyonnais – antenne de Sainte-Foy-l’Argentière";
  p.adresse = "Maison des services au public, 1450 avenue du Général de Gaulle et du Maréchal Leclerc";
  p.complement_adresse = "Bâtiment C, 2e étage, porte gauche, accès par le parking de la médiathèque";
  p.commune = "Saint-Laurent-de-Chamousset-les-Hauts-de-Saône";
  p.horaires = "Mo 08:30-12:00,13:30-17:30; Tu 09:00-12:00,14:00-19:00; We 08:30-12:30,13:30-18:00; "
               "Th 09:00-12:00,14:00-17:00; Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00,14:00-16:00; PH off";
  p.telephone = "+33 4 78 03 67 67";
  p.courriels = {"franceservices.saintlaurentdechamousset@communaute-communes-monts-du-lyonnais.fr",
                 "accueil.mediation-numerique@communaute-communes-monts-du-lyonnais.fr"};
  p.site_web = {"https://www.communaute-communes-monts-du-lyonnais.fr/vivre-et-habiter/france-services/",
                "https://www.facebook.com/franceservices.montsdulyonnais.saintlaurentdechamousset/"};
  p.prise_rdv = "https://rdv.anct.gouv.fr/prendre_rdv?departement=69&city_code=69220&service=france-services";
  p.services.clear();
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) p.services.push_back(static_cast<Service>(i));
  p.prise_en_charge_specifique = {PriseEnCharge::Surdite, PriseEnCharge::HandicapsMoteurs,
                                  PriseEnCharge::DeficienceVisuelle};
  p.modalites_acces.clear();
  for (std::size_t i = 0; i < enum_count<ModaliteAcces>(); ++i) p.modalites_acces.push_back(static_cast<ModaliteAcces>(i));
  p.itinerance = {Itinerance::Itinerant, Itinerance::Fixe};
  p.frais_a_charge = {Frais::Gratuit, Frais::GratuitSousCondition, Frais::Payant};
  return p;
}

inline OrientationSheet longest_sheet(Site site = {}) {
  OrientationState s;
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) s.services.push_back(static_cast<Service>(i));
  for (int day = 0; day < 7; ++day) {
    s.half_days.push_back({day, false});
    s.half_days.push_back({day, true});
  }
  s.open_now = true;
  s.where = "Saint-Laurent-de-Chamousset";
  s.place = "Hinaura:155";
  for (std::size_t i = 0; i < enum_count<PriseEnCharge>(); ++i) {
    s.prises_en_charge.push_back(static_cast<PriseEnCharge>(i));
  }
  s.first_name = "Marie-Bernadette-Clémentine-Geneviève-Jo";  // 40 characters
  s.worker = std::string(38, 'W') + " " + std::string(41, 'X');  // 80 characters
  s.structure = "Centre communal d’action sociale de Saint-Laurent-de-Chamousset, service RSA";
  return OrientationSheet{site, s, longest_place(), now(), "Saint-Laurent-de-Chamousset (69930)", 48750.0, true, "",
                          ""};
}

}  // namespace relais::pages::samples
