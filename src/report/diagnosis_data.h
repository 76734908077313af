// What a territorial report needs from the store besides the catalogue of
// places: the index of the communes, the commune contours, and the list of
// data sources with their dates. Loaded once (by the CLI per run, by the
// server with each catalogue) and shared read-only.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "maps/contour.h"
#include "report/territory_report.h"
#include "store/store.h"

namespace relais::report {

// The default index: the official IFN 2023 (scripts/setup.sh imports it).
inline constexpr const char* kDefaultIndex = "ifn_officiel_communes_2023:ifn_total";

struct DiagnosisData {
  std::string index_spec;   // "SET:INDICATOR"
  std::string index_label;  // for people: the set's source and date
  std::map<std::string, double> index;  // commune code -> value; missing values left out
  std::vector<maps::Contour> contours;  // level "commune"
  std::vector<maps::Contour> outlines;  // levels "departement" and "region"
  std::vector<DataSource> sources;      // index, places, communes, contours
};

// Thrown for a malformed or unknown index spec (the message names it).
struct IndexSpecError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Commune code -> value of indicator INDICATOR of set SET ("SET:INDICATOR"),
// missing values left out. Throws IndexSpecError for a malformed spec, and
// for an unknown set or indicator unless it is kDefaultIndex (then empty:
// the callers say no index was imported).
std::map<std::string, double> load_index_values(store::Store& store, const std::string& spec);

// Everything above; `with_contours` false skips the contours (the CLI's
// text summary does not draw maps).
DiagnosisData load_diagnosis_data(store::Store& store, const std::string& index_spec, bool with_contours = true);

}  // namespace relais::report
