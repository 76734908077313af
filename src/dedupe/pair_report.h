// The pair report, laid out like the pipeline's duplications.csv:
// ';'-separated, header
//   Score;Typologie 1;Typologie 2;Score Nom;Nom 1;Nom 2;Score Adresse;
//   Adresse 1;Adresse 2;Score Distance;Localisation 1;Localisation 2;
//   Source 1;Source 2
// one line per pair in the given order. Typologies are '|'-joined codes,
// a localisation is "latitude,longitude" (empty without coordinates). Fields
// holding ';', '"' or a line break are quoted (RFC 4180 style).
//
// Thread-safety: writes only to `out`.
#pragma once

#include <ostream>
#include <span>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe {

void write_pair_report(std::ostream& out, std::span<const Place> places,
                       std::span<const ScoredPair> pairs);

}  // namespace relais::dedupe
