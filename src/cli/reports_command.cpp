// relais reports [--json]: what the public reported about places
// ("signaler une erreur" on the place pages), newest first.
#include <fmt/format.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "store/store.h"

namespace relais::cli {
namespace {

int run_reports(Context& context, bool json) {
  auto reports = context.store().list_place_reports();
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : reports) {
      out.push_back({{"id", r.id}, {"received_at", r.received_at}, {"place_ref", r.place_ref},
                     {"categories", r.categories}, {"message", r.message}, {"email", r.email},
                     {"status", r.status}});
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kSuccess;
  }
  if (reports.empty()) std::cerr << "no reports\n";
  for (const auto& r : reports) {
    std::string categories;
    for (const auto& c : r.categories) categories += (categories.empty() ? "" : ", ") + c;
    std::cout << fmt::format("#{} {} {} [{}] ({}){}\n  {}\n", r.id, r.received_at, r.place_ref, categories, r.status,
                             r.email.empty() ? "" : " · " + r.email, r.message);
  }
  return kSuccess;
}

}  // namespace

void add_reports_command(CLI::App& app, Context& context, int& result) {
  auto json = std::make_shared<bool>(false);
  auto* reports = app.add_subcommand(
      "reports", "List the errors the public reported about places (\"signaler une erreur\"), newest first");
  reports->add_flag("--json", *json, "JSON array");
  reports->callback([&context, &result, json] { result = run_reports(context, *json); });
}

}  // namespace relais::cli
