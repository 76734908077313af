// relais hours 'EXPR' [--at YYYY-MM-DDTHH:MM] [--json] | relais hours --batch
#include <fmt/format.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "hours/batch.h"
#include "hours/opening_hours.h"
#include "hours/paris_time.h"

namespace relais::cli {
namespace {

struct HoursOptions {
  std::string expression;
  std::string at;
  bool json = false;
  bool batch = false;
};

int run_batch() {
  hours::BatchEvaluator evaluator;
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    out = evaluator.evaluate_line(line);
    out.push_back('\n');
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
  }
  std::cout.flush();
  return kSuccess;
}

int run_hours(const HoursOptions& options) {
  if (options.batch) return run_batch();
  if (options.expression.empty()) throw CommandError(kUsage, "give an opening_hours expression, or --batch");
  auto at = now();
  if (!options.at.empty()) {
    auto parsed = hours::parse_paris_local(options.at);
    if (!parsed) throw CommandError(kUsage, "--at " + options.at + ": expected YYYY-MM-DDTHH:MM (Paris time)");
    at = *parsed;
  }
  auto result = hours::parse(options.expression);
  if (const auto* error = std::get_if<hours::ParseError>(&result)) {
    if (options.json) {
      nlohmann::json object{{"expression", options.expression},
                            {"at", hours::format_paris_local(at)},
                            {"error", {{"position", error->position}, {"message", error->message}}}};
      std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << fmt::format("error at position {}: {}\n  {}\n  {}^\n", error->position, error->message,
                               options.expression, std::string(error->position, ' '));
    }
    return kInvalidInput;
  }
  const auto& hours = std::get<hours::OpeningHours>(result);
  bool open = hours.is_open(at);
  auto since = hours.previous_change(at);
  auto until = hours.next_change(at);
  if (options.json) {
    nlohmann::json object{{"expression", options.expression},
                          {"at", hours::format_paris_local(at)},
                          {"open", open},
                          {"since", since ? nlohmann::json(hours::format_paris_local(*since)) : nlohmann::json()},
                          {"until", until ? nlohmann::json(hours::format_paris_local(*until)) : nlohmann::json()}};
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : hours.warnings()) warnings.push_back({{"position", w.position}, {"message", w.message}});
    object["warnings"] = std::move(warnings);
    std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kSuccess;
  }
  std::cout << (open ? "open" : "closed");
  if (since) std::cout << " since " << hours::format_paris_local(*since);
  if (until) std::cout << " until " << hours::format_paris_local(*until);
  std::cout << "\n";
  for (const auto& w : hours.warnings()) std::cout << fmt::format("warning at position {}: {}\n", w.position, w.message);
  return kSuccess;
}

}  // namespace

void add_hours_command(CLI::App& app, Context&, int& result) {
  auto options = std::make_shared<HoursOptions>();
  auto* hours = app.add_subcommand(
      "hours",
      "Evaluate an OSM opening_hours expression in Europe/Paris time: open or closed, since and until when, or the "
      "parse error with its position (exit 1).");
  hours->add_option("expression", options->expression, "e.g. 'Mo-Fr 09:00-12:00,14:00-17:00; PH off'");
  hours->add_option("--at", options->at, "Instant YYYY-MM-DDTHH:MM, Paris time (default: now)");
  hours->add_flag("--json", options->json, "JSON output");
  hours->add_flag("--batch", options->batch,
                  "Read EXPR<TAB>YYYY-MM-DDTHH:MM lines on standard input, print EXPR<TAB>TIME<TAB>open|closed|error");
  hours->callback([&result, options] { result = run_hours(*options); });
}

}  // namespace relais::cli
