// The --indice option of diagnose and plan: which imported indicator is the
// index of the communes.
#pragma once

#include <map>
#include <string>

#include "report/diagnosis_data.h"
#include "store/store.h"

namespace relais::cli {

inline constexpr const char* kDefaultIndex = report::kDefaultIndex;

// Commune code -> value of indicator INDICATOR of set SET ("SET:INDICATOR"),
// missing values left out. Throws CommandError(kUsage) for a malformed spec,
// and for an unknown set or indicator unless it is the default (then empty:
// the commands say no index was imported).
std::map<std::string, double> load_index(store::Store& store, const std::string& spec);

}  // namespace relais::cli
