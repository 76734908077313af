#include "cli/index_option.h"

#include "cli/exit_codes.h"

namespace relais::cli {

std::map<std::string, double> load_index(store::Store& store, const std::string& spec) {
  const bool is_default = spec == kDefaultIndex;
  const auto colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
    throw CommandError(kUsage, "--indice " + spec + ": expected SET:INDICATOR (e.g. " + kDefaultIndex + ")");
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
    throw CommandError(kUsage, "--indice " + spec + ": no such indicator set and indicator in the database "
                                                     "(relais import indicateurs)");
  }
  return index;
}

}  // namespace relais::cli
