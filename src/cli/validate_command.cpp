// relais validate FILE... [--json] [--strict]
#include <iostream>

#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "validation/import.h"

namespace relais::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool json = false;
  bool strict = false;
};

int run_validate(const ValidateOptions& options) {
  validation::ImportOptions import_options;
  import_options.policy = options.strict ? validation::Policy::Strict : validation::Policy::DropInvalid;
  import_options.today = today();
  bool any_error = false;
  nlohmann::json reports = nlohmann::json::array();
  for (const auto& file : options.files) {
    auto result = validation::validate_file(file, import_options);
    any_error = any_error || validation::has_errors(result) || result.rejected;
    if (options.json) {
      reports.push_back(validation::report_json(result));
    } else {
      validation::report_text(result, std::cout);
    }
  }
  if (options.json) {
    auto out = options.files.size() == 1 ? reports[0] : reports;
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return any_error ? kInvalidInput : kSuccess;
}

}  // namespace

void add_validate_command(CLI::App& app, Context&, int& result) {
  auto options = std::make_shared<ValidateOptions>();
  auto* validate = app.add_subcommand(
      "validate",
      "Check files against the standard and the reference library's rules; store nothing. "
      "Exit 1 when any error is found.");
  validate->add_option("files", options->files, "Files to check")->required()->check(CLI::ExistingFile);
  validate->add_flag("--json", options->json, "JSON report (one object per file, an array for several)");
  validate->add_flag("--strict", options->strict, "Report as the --strict import would (file rejected on any error)");
  validate->callback([&result, options] { result = run_validate(*options); });
}

}  // namespace relais::cli
