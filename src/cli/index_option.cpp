#include "cli/index_option.h"

#include "cli/exit_codes.h"
#include "report/diagnosis_data.h"

namespace relais::cli {

std::map<std::string, double> load_index(store::Store& store, const std::string& spec) {
  try {
    return report::load_index_values(store, spec);
  } catch (const report::IndexSpecError& e) {
    throw CommandError(kUsage, e.what());
  }
}

}  // namespace relais::cli
