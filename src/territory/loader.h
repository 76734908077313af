// Building the commune list from its two public sources, at import time.
//
//   auto communes = load_decoupage(".../@etalab/decoupage-administratif/data");
//   Problems bad = apply_laposte(communes, "data/territoires/laposte_hexasmal_2020.csv");
//   CommuneIndex index(std::move(communes));
// or build_commune_index(dir, csv) for the three steps.
//
// Not thread-safe on the same vector; distinct vectors are independent.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "core/problem.h"
#include "territory/commune.h"

namespace relais::territory {

// A source that cannot be used at all (missing file, not JSON/CSV, wrong
// shape). The message names the file, and the line when it has one.
class TerritoryLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads communes.json, epci.json (membership) from the data folder of npm
// @etalab/decoupage-administratif 6.x. Keeps types "commune-actuelle" and
// "arrondissement-municipal" (commune_parente set); arrondissements inherit
// their commune's EPCI. Former codes ("anciensCodes", and communes
// déléguées/associées via their chef-lieu) go to `anciens_codes`. Positions
// are left empty (the package has none).
// Throws TerritoryLoadError.
std::vector<Commune> load_decoupage(const std::filesystem::path& dir);

// Merges the La Poste base (';'-separated, header
// Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps
// with "lat, lon" or "lat,lon" positions) into `communes`: adds postcodes and
// alternative names, sets the position of communes without one (the row
// without Ligne_5 is preferred). Rows with a former commune's code (merged
// since 2020) are attached to the commune that absorbed it. Positions of Paris, Lyon and Marseille are
// the mean of their arrondissements'. Bad rows (wrong column count, bad code,
// bad postcode, bad coordinates) are skipped and returned as located
// problems (line, field, value). Rows with an unknown code are reported as
// warnings. Throws TerritoryLoadError if the file cannot be read or has the
// wrong header.
Problems apply_laposte(std::vector<Commune>& communes, const std::filesystem::path& csv_path);

// The three steps above in one call. `problems`, if given, receives
// apply_laposte's. Throws TerritoryLoadError. In the repository:
// decoupage_dir = <repo>/node_modules/@etalab/decoupage-administratif/data,
// laposte_csv = <repo>/data/territoires/laposte_hexasmal_2020.csv.
CommuneIndex build_commune_index(const std::filesystem::path& decoupage_dir,
                                 const std::filesystem::path& laposte_csv, Problems* problems = nullptr);

}  // namespace relais::territory
