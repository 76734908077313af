// A geosearch query: where to look, which places qualify, which page to return.
//
// Filter semantics (as the national map, standard-lieux §12.4): the values of
// one filter are OR-ed, the filters are AND-ed; an empty filter is inactive.
// The struct is plain data, easy to fill from command-line options:
// `add_filter("services", "Aide aux démarches administratives")` parses the
// exact French label with core `from_label<E>`.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/place.h"

namespace relais::geo {

// Territory codes (INSEE / SIREN for EPCI). A place matches when its commune,
// EPCI, département or région is one of the listed codes (OR over all lists).
struct TerritoryFilter {
  std::vector<std::string> communes;      // code INSEE of the commune, "69123"
  std::vector<std::string> epcis;         // SIREN of the EPCI, "200046977"
  std::vector<std::string> departements;  // "69", "2A", "971"
  std::vector<std::string> regions;       // "84"
  bool empty() const {
    return communes.empty() && epcis.empty() && departements.empty() && regions.empty();
  }
};

struct Query {
  // --- where ---------------------------------------------------------------
  // Centre of a spatial query. Without it the query is non-spatial: every
  // matching place, with or without coordinates, sorted by id.
  std::optional<Coordinates> near;
  // Maximum distance in metres from `near`. Without it the query returns the
  // offset + limit nearest matching places (k-nearest search).
  std::optional<double> radius_metres;

  // --- which (OR inside one list, AND across lists) ------------------------
  std::vector<Service> services;
  std::vector<Public> publics;
  std::vector<PriseEnCharge> prises_en_charge;
  std::vector<Frais> frais;
  std::vector<ModaliteAcces> modalites_acces;
  std::vector<ModaliteAccompagnement> modalites_accompagnement;
  std::vector<Dispositif> dispositifs;
  std::vector<FormationLabel> formations_labels;
  std::vector<Itinerance> itinerance;
  // Online booking: `prise_rdv` present OR modalites_acces contains
  // "Prendre un RDV en ligne".
  bool online_booking = false;
  // Open at this instant (Europe/Paris rules are the schedule's business).
  std::optional<std::chrono::sys_seconds> open_at;
  // Open at some instant of the weekend coming after `weekend_reference`
  // (see geo/weekend.h). The CLI passes the current time.
  std::optional<std::chrono::sys_seconds> open_weekend_after;
  TerritoryFilter territory;
  // Words searched in nom, commune and adresse, accent- and case-insensitive
  // (core fold_for_search): every word of the folded query must occur as a
  // substring of at least one of the three folded fields (different words may
  // match different fields). Blank text is inactive.
  std::string text;

  // --- which page ----------------------------------------------------------
  std::size_t offset = 0;
  std::size_t limit = 20;

  // Adds one value to the filter named like the standard's field
  // ("services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
  // "frais_a_charge", "modalites_acces", "modalites_accompagnement",
  // "dispositif_programmes_nationaux", "formations_labels", "itinerance").
  // Returns false (query unchanged) for an unknown field or label.
  bool add_filter(std::string_view field, std::string_view label);
};

}  // namespace relais::geo
