// relais import indicateurs FILE --mapping MAPPING.json [--name NAME]
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "catalog/file_digest.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/problem_summary.h"
#include "cli/read_file.h"
#include "indicators/mapping.h"
#include "indicators/reader.h"
#include "indicators/resolve.h"
#include "store/store.h"

namespace relais::cli {
namespace {


struct ImportIndicatorsOptions {
  std::string file;
  std::string mapping;
  std::string name;
};

void print_problems(Problems problems, std::ostream& out) {
  std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.line < b.line; });
  print_problem_summary(problems, out, [](const Problem& p) { return fmt::format("{}:{}", p.file, p.line); });
}

int run_import_indicators(Context& context, const ImportIndicatorsOptions& options) {
  const std::filesystem::path path(options.file);
  indicators::Mapping mapping;
  try {
    mapping = indicators::parse_mapping(read_whole_file(options.mapping));
  } catch (const indicators::MappingError& e) {
    throw CommandError(kUsage, options.mapping + ": " + e.what());
  }
  const std::string bytes = read_whole_file(path);
  std::istringstream in(bytes);
  auto file = indicators::read_indicators(in, mapping, path.filename().string());
  Problems problems = file.problems;
  const bool rejected = std::any_of(problems.begin(), problems.end(),
                                    [](const Problem& p) { return p.action == Action::FileRejected; });
  if (rejected) {
    std::cerr << fmt::format("{}: file rejected, nothing stored\n", options.file);
    print_problems(problems, std::cerr);
    return kInvalidInput;
  }

  auto& store = context.store();
  territory::CommuneIndex communes;
  if (mapping.level == indicators::TerritoryLevel::Commune) {
    communes = territory::CommuneIndex(store.load_communes());
    if (communes.size() == 0) {
      throw CommandError(kUsage, "no communes in the database: run `relais import communes` first");
    }
  }
  auto resolved = indicators::resolve_codes(file, mapping, communes, path.filename().string());
  problems.insert(problems.end(), resolved.problems.begin(), resolved.problems.end());

  store::IndicatorSet set;
  set.name = options.name.empty() ? std::filesystem::path(options.mapping).stem().string() : options.name;
  set.source = mapping.source;
  set.data_date = mapping.date;
  set.level = std::string(indicators::level_name(mapping));
  set.file_name = path.filename().string();
  set.content_sha256 = catalog::sha256_hex(bytes);
  std::vector<store::IndicatorValue> values;
  std::size_t missing = 0;
  for (std::size_t i = 0; i < mapping.indicators.size(); ++i) {
    set.indicators.push_back(mapping.indicators[i].name);
    for (const auto& row : resolved.rows) {
      values.push_back({row.code, mapping.indicators[i].name, row.values[i]});
      missing += !row.values[i];
    }
  }
  store.replace_indicator_set(set, values);  // one transaction: all of it or none

  std::cerr << fmt::format("{}: {} rows read, {} territories stored as \"{}\" ({} indicators, {} values missing)\n",
                           options.file, file.rows.size(), resolved.rows.size(), set.name, set.indicators.size(),
                           missing);
  if (!context.quiet && !problems.empty()) print_problems(problems, std::cerr);
  return kSuccess;
}

}  // namespace

void add_import_indicators_command(CLI::App& import, Context& context, int& result) {
  auto options = std::make_shared<ImportIndicatorsOptions>();
  auto* command = import.add_subcommand(
      "indicateurs",
      "Import a file of territory indicators (CSV) read with a mapping (data/indicateurs/mappings/*.json). "
      "Communes must be imported first; codes of former communes are put on today's communes. "
      "Importing under the same name replaces the set.");
  command->add_option("file", options->file, "CSV file of indicators")->required()->check(CLI::ExistingFile);
  command->add_option("--mapping", options->mapping, "JSON mapping describing the file (docs/indicators.md)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--name", options->name, "Name of the set in the database (default: the mapping's file name)");
  command->callback([&context, &result, options] { result = run_import_indicators(context, *options); });
}

}  // namespace relais::cli
