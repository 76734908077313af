// From a GeoJSON file of contours to today's territories (what
// `relais import contours` stores).
//
// Level: given, or guessed from the first feature's code property
// (kCodeKeys): a level-specific key decides (DDEP_C_COD → département,
// INSEE_COM → commune…); a generic "code" of 5 characters is a commune; 2–3
// characters are régions when every code is a région code of the commune
// table and there are no more features than régions, départements otherwise.
//
// Codes: commune files use the COG of their year (2018 for the shipped
// ones). A code of a current commune or arrondissement is kept; a former
// commune's code (CommuneIndex::find_commune) has its polygons united with
// those of the commune that absorbed it, inner borders removed
// (maps/dissolve.h; warning contours.former_commune); an unknown code is left out (warning
// contours.unknown_code). Départements and régions are checked against the
// codes of the commune table. Names of communes come from the commune table
// (today's), others from the file. Today's territories without a contour are
// counted in one warning (contours.missing_territories, line 0).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "maps/contour.h"
#include "maps/simplify.h"
#include "territory/commune.h"

namespace relais::maps {

struct ContourImportOptions {
  std::string level;  // kCommune, kDepartement, kRegion, or "" to guess
  double tolerance = kDefaultToleranceDegrees;  // Douglas–Peucker, degrees (simplify.h)
};

struct ImportedContours {
  std::string level;
  bool level_guessed = false;
  std::string code_key;  // the property the codes were read from
  std::vector<Contour> contours;  // by code, one per territory of today
  Problems problems;     // the reader's and the resolution's
  bool rejected = false;  // a FileRejected problem: contours is empty
  std::size_t features = 0;        // features with a usable geometry
  std::size_t points_read = 0;     // before simplification
  std::size_t points_kept = 0;     // stored, after union and simplification
  std::size_t territories_without_contour = 0;
};

// Property keys read for the code and the name, in order of preference.
inline constexpr std::string_view kCodeKeys[] = {"code",      "INSEE_COM", "code_insee", "DDEP_C_COD", "INSEE_DEP",
                                                 "code_departement", "INSEE_REG", "code_region"};
inline constexpr std::string_view kNameKeys[] = {"nom", "NOM", "DDEP_L_LIB", "NOM_COM", "NOM_DEP", "NOM_REG", "libelle",
                                                 "name"};

// True for "commune", "departement", "region".
bool is_level(std::string_view level);

// REQUIRES: communes not empty (the caller says to import them first).
ImportedContours import_contours(std::string_view geojson, const std::string& file_name,
                                 const territory::CommuneIndex& communes, const ContourImportOptions& options);

}  // namespace relais::maps
