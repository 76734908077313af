// relais indice (placeholder until the index engine lands).
#include "cli/commands.h"

namespace relais::cli {
void add_index_command(CLI::App&, Context&, int&) {}
}  // namespace relais::cli
