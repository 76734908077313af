// Counts over the places of a territory: how many, by service, by dispositif,
// by cost, by access mode, open now, with online booking, with hours, by
// département. Pure, thread-safe.
#pragma once

#include <chrono>

#include <nlohmann/json.hpp>

#include "api/dataset.h"
#include "geo/query.h"

namespace relais::api {

// {"total", "ouverts_maintenant", "avec_horaires", "avec_prise_rdv",
//  "avec_coordonnees", "par_service": {label: n}, "par_dispositif", "par_frais",
//  "par_modalite_acces", "par_modalite_accompagnement", "par_public",
//  "par_departement": {code: n}} — every label of the standard appears, with 0
// when no place has it.
nlohmann::json statistics(const Dataset& dataset, const geo::TerritoryFilter& territory,
                          std::chrono::sys_seconds now);

}  // namespace relais::api
