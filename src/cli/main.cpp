// The `relais` binary: parses the command line and hands over to one
// subcommand. Logic lives in the modules; see docs/architecture.md.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  using namespace relais::cli;
  CLI::App app{"Relais: places that help with digital tools, their data, hours and search.", "relais"};
  app.footer(
      "Exit codes: 0 success; 1 invalid input (reported, nothing stored was lost); 2 usage error.\n"
      "Database: --db URL, or RELAIS_DATABASE_URL, or ./var/relais.db (SQLite). A URL is a SQLite path\n"
      "(sqlite:PATH) or postgresql://...; on PostgreSQL run `relais migrate` first.");
  app.require_subcommand(1);
  Context context;
  if (const char* url = std::getenv("RELAIS_DATABASE_URL")) context.database = url;
  app.add_option("--db", context.database, "Database: SQLite file path, sqlite:PATH or postgresql://...");
  if (const char* keys = std::getenv("RELAIS_KEYS_DIR")) context.keys = keys;
  app.add_option("--keys", context.keys, "Folder of the instance's keys (default ./var/keys)");
  app.add_flag("-q,--quiet", context.quiet, "No progress output");

  int result = kSuccess;
  add_import_command(app, context, result);
  add_export_command(app, context, result);
  add_validate_command(app, context, result);
  add_dedupe_command(app, context, result);
  add_search_command(app, context, result);
  add_hours_command(app, context, result);
  add_serve_command(app, context, result);
  add_reports_command(app, context, result);
  add_diagnose_command(app, context, result);
  add_plan_command(app, context, result);
  add_index_command(app, context, result);
  add_journal_command(app, context, result);
  add_account_command(app, context, result);
  add_maintenance_command(app, context, result);
  add_migrate_command(app, context, result);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  } catch (const CommandError& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return e.code();
  } catch (const std::exception& e) {
    std::cerr << "relais: " << e.what() << "\n";
    return kInvalidInput;
  }
  return result;
}
