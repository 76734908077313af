// relais import lieux FILE... | relais import communes (indicateurs: import_indicators_command.cpp)
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "catalog/file_digest.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"
#include "cli/read_file.h"
#include "store/store.h"
#include "territory/loader.h"
#include "validation/import.h"

namespace relais::cli {
namespace {

constexpr std::size_t kProblemsShown = 10;

struct ImportLieuxOptions {
  std::vector<std::string> files;
  std::string source;
  bool strict = false;
  bool json = false;
  std::string report_path;
};

// At most `max_bytes` of `text`, cut on a UTF-8 character boundary.
std::string shorten(std::string_view text, std::size_t max_bytes = 60) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// A summary a person can read: how many problems of each rule, then the
// first errors with their location. The full list goes to --report.
void print_problems(const validation::ImportResult& result, std::ostream& out, std::size_t limit) {
  struct RuleCount {
    std::size_t count = 0;
    Severity severity = Severity::Warning;
    Action action = Action::None;
  };
  std::map<std::string, RuleCount> by_rule;
  for (const auto& p : result.problems) {
    auto& entry = by_rule[p.rule];
    ++entry.count;
    entry.severity = p.severity;
    entry.action = p.action;
  }
  std::vector<std::pair<std::string, RuleCount>> rules(by_rule.begin(), by_rule.end());
  std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    if (a.second.severity != b.second.severity) return a.second.severity == Severity::Error;
    return a.second.count > b.second.count;
  });
  for (const auto& [rule, entry] : rules) {
    out << fmt::format("  {:>6} × {} ({}, {})\n", entry.count, rule, validation::severity_name(entry.severity),
                       validation::action_name(entry.action));
  }
  std::size_t shown = 0;
  for (const auto& p : result.problems) {
    if (p.severity != Severity::Error) continue;
    if (shown++ == limit) break;
    out << fmt::format("  {}:{} [record {}{}] {}=\"{}\" {}: {}\n", p.file, p.line, p.record,
                       p.record_id.empty() ? "" : ", id " + p.record_id, p.field, shorten(p.value), p.rule, p.message);
  }
  if (shown > limit || (!result.problems.empty() && shown == limit)) {
    out << "  (--report FILE lists every problem with its location)\n";
  }
}

int run_import_lieux(Context& context, const ImportLieuxOptions& options) {
  validation::ImportOptions import_options;
  import_options.policy = options.strict ? validation::Policy::Strict : validation::Policy::DropInvalid;
  if (!options.source.empty()) import_options.source = options.source;
  import_options.today = today();

  nlohmann::json reports = nlohmann::json::array();
  std::ostringstream text_reports;
  int exit_code = kSuccess;
  Progress progress(context.quiet);
  auto& store = context.store();
  std::size_t index = 0;
  for (const auto& file : options.files) {
    ++index;
    std::filesystem::path path(file);
    auto counter = fmt::format("[{}/{}] {}", index, options.files.size(), path.filename().string());
    progress.update(counter + ": reading");
    std::string bytes = read_whole_file(path);
    progress.update(fmt::format("{}: validating {:.1f} MB", counter, bytes.size() / 1e6));
    auto result = validation::import_buffer(bytes, file, import_options);
    auto report = validation::report_json(result);
    if (!options.report_path.empty()) validation::report_text(result, text_reports);

    // The store key of the source: the name given, else the file's name
    // without extension, so that a later file of the same producer under the
    // same --source replaces the earlier one's places.
    std::string source = options.source.empty() ? path.stem().string() : options.source;
    store::ImportSummary summary;
    if (!result.rejected) {
      progress.update(fmt::format("{}: storing {} places", counter, result.places.size()));
      summary = store.import_places(source, path.filename().string(), catalog::sha256_hex(bytes), result.places,
                                    report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      exit_code = kInvalidInput;
    }
    progress.clear();
    report["source"] = source;
    report["stored"] = {{"rejected", result.rejected},
                        {"skipped_identical", summary.skipped_identical},
                        {"inserted", summary.inserted},
                        {"updated", summary.updated},
                        {"unchanged", summary.unchanged},
                        {"removed", summary.removed}};
    reports.push_back(std::move(report));

    if (options.json) continue;
    const auto& c = result.counts;
    std::cerr << fmt::format("{}: {} records read, {} accepted, {} records dropped, {} fields dropped "
                             "({} errors, {} warnings)\n",
                             file, c.read, c.accepted, c.dropped_records, c.dropped_fields, c.errors, c.warnings);
    if (result.rejected) {
      std::cerr << "  file rejected, nothing stored" << (options.strict ? " (--strict)" : "") << "\n";
    } else if (summary.skipped_identical) {
      std::cerr << fmt::format("  source \"{}\": same file as the last import, nothing changed\n", source);
    } else {
      std::cerr << fmt::format("  source \"{}\": {} inserted, {} updated, {} unchanged, {} removed\n", source,
                               summary.inserted, summary.updated, summary.unchanged, summary.removed);
    }
    if (!context.quiet) print_problems(result, std::cerr, kProblemsShown);
  }
  if (options.json) std::cout << reports.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  if (!options.report_path.empty()) {
    std::ofstream out(options.report_path, std::ios::binary);
    if (!out) throw CommandError(kUsage, options.report_path + ": cannot write the report");
    if (options.report_path.ends_with(".json")) {
      out << reports.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      out << text_reports.str();
    }
  }
  return exit_code;
}

struct ImportCommunesOptions {
  std::string decoupage = "node_modules/@etalab/decoupage-administratif/data";
  std::string laposte = "data/territoires/laposte_hexasmal_2020.csv";
};

int run_import_communes(Context& context, const ImportCommunesOptions& options) {
  Progress progress(context.quiet);
  progress.update("reading communes");
  Problems problems;
  territory::CommuneIndex index;
  try {
    index = territory::build_commune_index(options.decoupage, options.laposte, &problems);
  } catch (const territory::TerritoryLoadError& e) {
    throw CommandError(kInvalidInput, e.what());
  }
  progress.update(fmt::format("storing {} communes", index.size()));
  std::vector<territory::Commune> communes(index.communes().begin(), index.communes().end());
  context.store().replace_communes(communes);
  progress.clear();
  std::size_t with_position = 0;
  for (const auto& c : communes) with_position += c.position.has_value();
  std::cerr << fmt::format("{} communes stored ({} with a position); {} rows of the La Poste base skipped or noted\n",
                           communes.size(), with_position, problems.size());
  if (!context.quiet) {
    std::size_t shown = 0;
    for (const auto& p : problems) {
      if (shown++ == kProblemsShown) {
        std::cerr << fmt::format("  … and {} more\n", problems.size() - kProblemsShown);
        break;
      }
      std::cerr << fmt::format("  {}:{} {}={} {}: {}\n", p.file, p.line, p.field, p.value, p.rule, p.message);
    }
  }
  return kSuccess;
}

}  // namespace

void add_import_command(CLI::App& app, Context& context, int& result) {
  auto* import = app.add_subcommand("import", "Import data into the database");
  import->require_subcommand(1);

  auto lieux_options = std::make_shared<ImportLieuxOptions>();
  auto* lieux = import->add_subcommand(
      "lieux",
      "Import files of mediation places (standard v1.0.2 or v0.1, CSV or JSON). Each file is one transaction; "
      "importing the same file again changes nothing.");
  lieux->add_option("files", lieux_options->files, "Files to import")->required()->check(CLI::ExistingFile);
  lieux->add_option("--source", lieux_options->source,
                    "Name of the producer (default: the file name without extension); also sets each place's source");
  lieux->add_flag("--strict", lieux_options->strict, "Reject the whole file on any error (default: drop bad fields/records)");
  lieux->add_flag("--json", lieux_options->json, "Print the import reports as JSON on standard output");
  lieux->add_option("--report", lieux_options->report_path,
                    "Write every problem to this file (JSON if it ends in .json, else text)");
  lieux->callback([&context, &result, lieux_options] { result = run_import_lieux(context, *lieux_options); });

  auto communes_options = std::make_shared<ImportCommunesOptions>();
  auto* communes = import->add_subcommand(
      "communes", "Import the communes of France (npm @etalab/decoupage-administratif + La Poste postcode base)");
  communes->add_option("--decoupage", communes_options->decoupage, "data folder of @etalab/decoupage-administratif")
      ->capture_default_str()
      ->check(CLI::ExistingDirectory);
  communes->add_option("--laposte", communes_options->laposte, "La Poste base (CSV with coordonnees_gps)")
      ->capture_default_str()
      ->check(CLI::ExistingFile);
  communes->callback([&context, &result, communes_options] {
    result = run_import_communes(context, *communes_options);
  });

  add_import_indicators_command(*import, context, result);
  add_import_contours_command(*import, context, result);
}

}  // namespace relais::cli
