// relais export lieux --format csv|json|geojson [--territoire SPEC]... [--output FILE]
#include <fstream>
#include <iostream>

#include "catalog/catalog.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/instance_settings.h"
#include "cli/territory_option.h"
#include "standard/writer.h"

namespace relais::cli {
namespace {

struct ExportOptions {
  std::string format = "csv";
  std::vector<std::string> territories;
  std::string output;
  bool all_records = false;
};

int run_export(Context& context, const ExportOptions& options) {
  geo::Query query;
  add_territory_specs(query.territory, options.territories);
  auto catalog = catalog::Catalog::load(context.store(), {.today = today(), .deduplicated = !options.all_records});
  std::vector<Place> selected;
  if (query.territory.empty()) {
    selected.assign(catalog.places().begin(), catalog.places().end());
  } else {
    query.limit = catalog.places().size();
    for (const auto& hit : catalog.search(query).hits) selected.push_back(catalog.places()[hit.place]);
  }

  std::ofstream file;
  if (!options.output.empty()) {
    file.open(options.output, std::ios::binary);
    if (!file) throw CommandError(kUsage, options.output + ": cannot write");
  }
  std::ostream& out = options.output.empty() ? std::cout : file;
  if (options.format == "csv") {
    standard::write_csv(out, selected);
  } else if (options.format == "json") {
    standard::write_json(out, selected);
  } else {
    standard::write_geojson(out, selected);
  }
  out.flush();
  if (!out) throw CommandError(kUsage, "write error");
  if (!context.quiet) std::cerr << selected.size() << " places exported\n";
  journal::Event event;
  event.action = journal::action::kExport;
  event.object_type = "lieux";
  event.object_id = options.format;
  event.details = {{"lieux", selected.size()},
                   {"territoires", options.territories},
                   {"fichier", options.output.empty() ? std::string("-") : options.output},
                   {"tous_les_enregistrements", options.all_records}};
  record_operator_event(context, std::move(event));
  return kSuccess;
}

}  // namespace

void add_export_command(CLI::App& app, Context& context, int& result) {
  auto* export_command = app.add_subcommand("export", "Export data in the national standard");
  export_command->require_subcommand(1);
  auto options = std::make_shared<ExportOptions>();
  auto* lieux = export_command->add_subcommand(
      "lieux", "Export the places (deduplicated view) in the standard v1.0.2, to standard output or --output");
  lieux->add_option("--format", options->format, "csv, json or geojson")
      ->capture_default_str()
      ->check(CLI::IsMember({"csv", "json", "geojson"}));
  lieux->add_option("--territoire", options->territories,
                    kTerritoireHelp);
  lieux->add_option("-o,--output", options->output, "Output file (default: standard output)");
  lieux->add_flag("--all-records", options->all_records,
                  "Every stored record as imported, without merging duplicates");
  lieux->callback([&context, &result, options] { result = run_export(context, *options); });
}

}  // namespace relais::cli
