// For tests only: small, real-looking places and communes of the Lyon area
// (and Ajaccio, for a Corsican code), shared by the tests of catalog, api and
// site so that each builds its in-memory catalogue from the same fixtures.
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include "core/place.h"
#include "territory/commune.h"

namespace relais::catalog::testing {

inline territory::Commune lyon() {
  return {.code_insee = "69123", .nom = "Lyon", .code_departement = "69", .code_region = "84",
          .code_epci = "200046977", .population = 520000, .position = Coordinates{45.76, 4.83},
          .codes_postaux = {"69001"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

inline territory::Commune lyon_1er() {
  return {.code_insee = "69381", .nom = "Lyon 1er Arrondissement", .code_departement = "69", .code_region = "84",
          .code_epci = "200046977", .population = 30000, .position = Coordinates{45.7676, 4.8345},
          .codes_postaux = {"69001"}, .commune_parente = "69123", .autres_noms = {}, .anciens_codes = {}};
}

inline territory::Commune villeurbanne() {
  return {.code_insee = "69266", .nom = "Villeurbanne", .code_departement = "69", .code_region = "84",
          .code_epci = "200046977", .population = 150000, .position = Coordinates{45.77, 4.88},
          .codes_postaux = {"69100"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

inline territory::Commune ajaccio() {
  return {.code_insee = "2A004", .nom = "Ajaccio", .code_departement = "2A", .code_region = "94",
          .code_epci = "242010056", .population = 70000, .position = Coordinates{41.93, 8.74},
          .codes_postaux = {"20000"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

// A place offering "Aide aux démarches administratives", updated 2026-01-10,
// in Villeurbanne (69266) or else Lyon, with its address.
inline Place place(std::string id, std::string nom, double lat, double lon, std::string code_insee) {
  using namespace std::chrono;
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = std::move(nom);
  p.commune = code_insee == "69266" ? "Villeurbanne" : "Lyon";
  p.code_postal = code_insee == "69266" ? "69100" : "69001";
  p.code_insee = std::move(code_insee);
  p.adresse = "1 rue de la République";
  p.coordinates = Coordinates{lat, lon};
  p.date_maj = 2026y / 1 / 10;
  p.services = {Service::AideDemarchesAdministratives};
  return p;
}

}  // namespace relais::catalog::testing
