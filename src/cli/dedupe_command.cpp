// relais dedupe [--rules relais|pipeline] [--allow-internal] [--report FILE]
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"
#include "dedupe/dedupe.h"
#include "dedupe/pair_report.h"
#include "store/store.h"

namespace relais::cli {
namespace {

struct DedupeOptions {
  std::string rules = "relais";
  bool allow_internal = false;
  std::string report;
};

int run_dedupe(Context& context, const DedupeOptions& options) {
  Progress progress(context.quiet);
  auto& store = context.store();
  progress.update("loading places");
  auto stored = store.load_stored_places();
  std::vector<Place> places;
  places.reserve(stored.size());
  for (const auto& s : stored) places.push_back(s.place);

  progress.update(fmt::format("comparing {} places", places.size()));
  dedupe::Options dedupe_options;
  dedupe_options.rules = options.rules == "pipeline" ? dedupe::Rules::Pipeline : dedupe::Rules::Relais;
  dedupe_options.allow_internal = options.allow_internal;
  dedupe_options.today = today();
  auto result = dedupe::deduplicate(places, dedupe_options);

  std::vector<store::DuplicateMember> members;
  std::size_t grouped = 0;
  for (const auto& group : result.groups) {
    for (auto i : group.members) members.push_back({group.id, stored[i].source, stored[i].place.id});
    grouped += group.members.size();
  }
  progress.update("storing groups");
  store.replace_duplicate_groups(members);
  progress.clear();

  if (!options.report.empty()) {
    std::ofstream out(options.report, std::ios::binary);
    if (!out) throw CommandError(kUsage, options.report + ": cannot write the report");
    dedupe::write_pair_report(out, places, result.pairs);
  }
  std::cerr << fmt::format("{} places, {} duplicate pairs, {} groups holding {} places: {} places after merging ({} rules)\n",
                           places.size(), result.pairs.size(), result.groups.size(), grouped,
                           places.size() - grouped + result.groups.size(), options.rules);
  return kSuccess;
}

}  // namespace

void add_dedupe_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<DedupeOptions>();
  auto* dedupe = app.add_subcommand(
      "dedupe",
      "Find duplicate places across sources and store the groups; search and export then show one merged place "
      "per group (docs/deduplication.md)");
  dedupe->add_option("--rules", options->rules, "relais (improved) or pipeline (the national pipeline's rules)")
      ->capture_default_str()
      ->check(CLI::IsMember({"relais", "pipeline"}));
  dedupe->add_flag("--allow-internal", options->allow_internal, "Also compare places of the same source");
  dedupe->add_option("--report", options->report, "Write the pairs found, like the pipeline's duplications.csv");
  dedupe->callback([&context, &result, options] { result = run_dedupe(context, *options); });
}

}  // namespace relais::cli
