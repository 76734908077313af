// Registration of the subcommands. Each adds itself to the CLI11 app; its
// callback does the work through the modules and returns an ExitCode through
// the `result` slot (CLI11 callbacks return void).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace relais::cli {

void add_import_command(CLI::App& app, Context& context, int& result);
// `import indicateurs`, added to the `import` subcommand by add_import_command.
void add_import_indicators_command(CLI::App& import, Context& context, int& result);
// `import contours`, added to the `import` subcommand by add_import_command.
void add_import_contours_command(CLI::App& import, Context& context, int& result);
void add_export_command(CLI::App& app, Context& context, int& result);
void add_validate_command(CLI::App& app, Context& context, int& result);
void add_dedupe_command(CLI::App& app, Context& context, int& result);
void add_search_command(CLI::App& app, Context& context, int& result);
void add_hours_command(CLI::App& app, Context& context, int& result);
void add_serve_command(CLI::App& app, Context& context, int& result);
void add_reports_command(CLI::App& app, Context& context, int& result);
void add_diagnose_command(CLI::App& app, Context& context, int& result);
void add_plan_command(CLI::App& app, Context& context, int& result);
void add_index_command(CLI::App& app, Context& context, int& result);
// Issue 5: `journal verify|seal|show` (journal_command.cpp), `compte …` and
// `structure …` (account_command.cpp), `maintenance` (maintenance_command.cpp).
void add_journal_command(CLI::App& app, Context& context, int& result);
void add_account_command(CLI::App& app, Context& context, int& result);
void add_maintenance_command(CLI::App& app, Context& context, int& result);
// Issue 6: `migrate` and `migrate-data` (migrate_command.cpp).
void add_migrate_command(CLI::App& app, Context& context, int& result);

}  // namespace relais::cli
