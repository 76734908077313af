// A small commune table for the index tests, with hand-chosen populations:
//   01001 (100 hab., EPCI E1), 01002 (300, E1), 01003 (600, no EPCI) in département 01;
//   02001 (1,000, E2) in 02; all in région 84;
//   75056 (3,000, E75) with arrondissements 75101 (1,000) and 75102 (2,000), région 11.
#pragma once

#include "territory/commune.h"

namespace relais::indicators::testing {

inline territory::CommuneIndex small_communes() {
  auto commune = [](std::string code, std::string dep, std::string reg, std::optional<std::string> epci,
                    std::int64_t population, std::optional<std::string> parent = std::nullopt) {
    territory::Commune c;
    c.code_insee = code;
    c.nom = "Commune " + code;
    c.code_departement = dep;
    c.code_region = reg;
    c.code_epci = epci;
    c.population = population;
    c.commune_parente = parent;
    return c;
  };
  return territory::CommuneIndex({commune("01001", "01", "84", "E1", 100), commune("01002", "01", "84", "E1", 300),
                                  commune("01003", "01", "84", std::nullopt, 600),
                                  commune("02001", "02", "84", "E2", 1000), commune("75056", "75", "11", "E75", 3000),
                                  commune("75101", "75", "11", "E75", 1000, "75056"),
                                  commune("75102", "75", "11", "E75", 2000, "75056")});
}

}  // namespace relais::indicators::testing
