#include "report/diagnosis_data.h"

#include <algorithm>

#include <fmt/format.h>

namespace relais::report {

std::map<std::string, double> load_index_values(store::Store& store, const std::string& spec) {
  const bool is_default = spec == kDefaultIndex;
  const auto colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
    throw IndexSpecError("--indice " + spec + ": expected SET:INDICATOR (e.g. " + kDefaultIndex + ")");
  }
  const std::string set = spec.substr(0, colon), indicator = spec.substr(colon + 1);
  std::map<std::string, double> index;
  bool known = false;
  for (const auto& v : store.load_indicator_values(set)) {
    if (v.indicator != indicator) continue;
    known = true;
    if (v.value) index.emplace(v.code, *v.value);
  }
  if (!known && !is_default) {
    throw IndexSpecError("--indice " + spec +
                         ": no such indicator set and indicator in the database (relais import indicateurs)");
  }
  return index;
}

DiagnosisData load_diagnosis_data(store::Store& store, const std::string& index_spec, bool with_contours) {
  DiagnosisData data;
  data.index_spec = index_spec;
  data.index = load_index_values(store, index_spec);
  const std::string set_name = index_spec.substr(0, index_spec.find(':'));
  const auto sets = store.list_indicator_sets();
  const auto set = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s.name == set_name; });
  if (set != sets.end()) {
    data.index_label = set->source + (set->data_date.empty() ? "" : ", " + set->data_date) + " (" + index_spec + ")";
    data.sources.push_back({"Indice de fragilité numérique des communes", set->source + " — " + set->file_name,
                            set->data_date});
  } else {
    data.index_label = "aucun indice importé (" + index_spec + ")";
  }

  // Places: one line per source, with the date of its latest import.
  std::map<std::string, store::ImportRun> latest;
  for (auto& run : store.list_imports()) {
    auto& slot = latest[run.source];
    if (slot.imported_at < run.imported_at) slot = std::move(run);
  }
  for (const auto& [source, run] : latest) {
    data.sources.push_back({"Lieux de médiation numérique (standard v1.0.2)", source + " — " + run.file_name,
                            "importé le " + run.imported_at.substr(0, 10)});
  }
  data.sources.push_back({"Communes, populations et positions",
                          "INSEE via @etalab/decoupage-administratif ; centres : base La Poste des codes postaux", ""});
  if (with_contours) {
    data.contours = store.load_contours(maps::kCommune);
    for (const auto& set : store.list_contour_sets()) {
      data.sources.push_back({"Contours (" + set.level + ")",
                              set.file_name + fmt::format(", simplifiés à {:g}°", set.tolerance_degrees),
                              "importé le " + set.imported_at.substr(0, 10)});
    }
    for (auto& contour : store.load_contours(maps::kDepartement)) data.outlines.push_back(std::move(contour));
    for (auto& contour : store.load_contours(maps::kRegion)) data.outlines.push_back(std::move(contour));
  }
  return data;
}

}  // namespace relais::report
