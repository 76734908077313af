// relais migrate: applies the schema migrations to the database (SQLite or
// PostgreSQL); servers on PostgreSQL refuse a database that is behind.
// relais migrate-data --from URL --to URL: copies a whole instance between
// databases (store/copy.h), then verifies the journal in the target.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "journal/journal.h"
#include "security/keys.h"
#include "store/copy.h"
#include "store/store.h"

namespace relais::cli {
namespace {

struct MigrateDataOptions {
  std::string from, to;
  bool json = false;
};

int run_migrate(Context& context) {
  try {
    auto store = store::open_store({context.database, store::SchemaPolicy::migrate});
    if (!context.quiet) fmt::print("Schéma de la base à la version {}.\n", store->schema_version());
    return kSuccess;
  } catch (const store::StoreError& e) {
    throw CommandError(kUsage, std::string("cannot migrate the database: ") + e.what());
  }
}

int run_migrate_data(Context& context, const MigrateDataOptions& options) {
  store::CopyReport report;
  try {
    report = store::copy_database(options.from, options.to);
  } catch (const store::StoreError& e) {
    throw CommandError(kInvalidInput, e.what());
  }
  auto target = store::open_store({options.to, store::SchemaPolicy::require_current});
  const journal::VerifyReport verified = journal::verify(target->journal(), context.key_ring().journal_public);
  if (options.json) {
    nlohmann::json out{{"tables", nlohmann::json::array()}, {"journal_ok", verified.ok()},
                       {"journal_entries", target->journal().entry_count()}};
    for (const auto& t : report.tables) out["tables"].push_back({{"table", t.table}, {"rows", t.rows}, {"checksum", t.checksum}});
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& t : report.tables) fmt::print("{:<22} {:>10} lignes  {}\n", t.table, t.rows, t.checksum.substr(0, 16));
    fmt::print("Journal : {} entrées, {}.\n", target->journal().entry_count(),
               verified.ok() ? "vérifié" : "NE SE VÉRIFIE PAS");
    for (const auto& p : verified.problems) fmt::print("  {} : {}\n", p.seq, p.what);
  }
  return verified.ok() ? kSuccess : kInvalidInput;
}

}  // namespace

void add_migrate_command(CLI::App& app, Context& context, int& result) {
  auto* migrate = app.add_subcommand(
      "migrate", "Apply the schema migrations to the database (--db / RELAIS_DATABASE_URL); run before starting "
                 "servers on a PostgreSQL database");
  migrate->callback([&] { result = run_migrate(context); });

  auto options = std::make_shared<MigrateDataOptions>();
  auto* copy = app.add_subcommand(
      "migrate-data", "Copy a whole instance from one database to another (SQLite <-> PostgreSQL), verified by "
                      "counts, checksums and the journal");
  copy->add_option("--from", options->from, "Source database URL (sqlite:PATH, a path, postgresql://...)")->required();
  copy->add_option("--to", options->to, "Target database URL; must hold no data yet")->required();
  copy->add_flag("--json", options->json, "Report as JSON");
  copy->callback([&, options] { result = run_migrate_data(context, *options); });
}

}  // namespace relais::cli
