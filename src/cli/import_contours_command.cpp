// relais import contours FILE (placeholder until the maps module lands).
#include "cli/commands.h"

namespace relais::cli {
void add_import_contours_command(CLI::App&, Context&, int&) {}
}  // namespace relais::cli
