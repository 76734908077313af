// A mediation place: the typed form of one record of schema v1.0.2.
//
// A Place is always the result of validation (see validation/validate.h): its
// enumerations are known values, its required fields are present. Optional
// scalars are std::nullopt when absent; list fields are empty when absent and
// keep the order in which the source listed them (duplicates removed).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"

namespace relais {

struct Coordinates {
  double latitude = 0;   // WGS84 degrees, -90..90
  double longitude = 0;  // WGS84 degrees, -180..180
  friend bool operator==(const Coordinates&, const Coordinates&) = default;
};

struct Place {
  std::string id;                                   // 1  required, unique per source
  std::string pivot;                                // 2  SIRET / RNA, "00000000000000" = unknown
  std::string nom;                                  // 3
  std::string commune;                              // 4
  std::string code_postal;                          // 5
  std::optional<std::string> code_insee;            // 6
  std::string adresse;                              // 7
  std::optional<std::string> complement_adresse;    // 8
  std::optional<Coordinates> coordinates;           // 9, 10 (both or neither)
  std::vector<Typologie> typologie;                 // 11
  std::optional<std::string> telephone;             // 12
  std::vector<std::string> courriels;               // 13
  std::vector<std::string> site_web;                // 14
  std::optional<std::string> horaires;              // 15 OSM opening_hours
  std::optional<std::string> presentation_resume;   // 16 <= 280 characters
  std::optional<std::string> presentation_detail;   // 17
  std::optional<std::string> source;                // 18
  std::vector<Itinerance> itinerance;               // 19
  std::optional<std::string> structure_parente;     // 20
  std::chrono::year_month_day date_maj{};           // 21 required
  std::vector<Service> services;                    // 22
  std::vector<Public> publics_specifiquement_adresses;        // 23
  std::vector<PriseEnCharge> prise_en_charge_specifique;      // 24
  std::vector<Frais> frais_a_charge;                          // 25
  std::vector<Dispositif> dispositif_programmes_nationaux;    // 26
  std::vector<FormationLabel> formations_labels;              // 27
  std::vector<std::string> autres_formations_labels;          // 28
  std::vector<ModaliteAcces> modalites_acces;                 // 29
  std::vector<ModaliteAccompagnement> modalites_accompagnement;  // 30
  std::optional<std::string> fiche_acces_libre;     // 31 URL
  std::optional<std::string> prise_rdv;             // 32 URL

  friend bool operator==(const Place&, const Place&) = default;
};

inline constexpr std::string_view kUnknownPivot = "00000000000000";

}  // namespace relais
