#include "cli/instance_settings.h"

#include <cstdlib>
#include <iostream>

#include "accounts/accounts.h"
#include "cli/clock.h"
#include "cli/exit_codes.h"

namespace relais::cli {

InstanceSettings instance_settings_from_environment() {
  InstanceSettings out;
  try {
    server::apply_environment(out.config, [](const char* name) { return std::getenv(name); });
  } catch (const std::exception& e) {
    throw CommandError(kUsage, e.what());
  }
  out.base_url = !out.config.public_url.empty() ? out.config.public_url : accounts::Settings{}.base_url;
  // As the server: the public host + "/journal", unless set.
  out.journal.origin = !out.config.journal_origin.empty()
                           ? out.config.journal_origin
                           : out.base_url.substr(out.base_url.find("://") + 3) + "/journal";
  return out;
}

void record_operator_event(Context& context, journal::Event event) {
  try {
    const auto settings = instance_settings_from_environment();
    journal::Journal journal(context.store().journal(), context.key_ring(), settings.journal, [] { return now(); });
    event.details["par"] = "operateur";
    journal.record(event);
  } catch (const std::exception& e) {
    std::cerr << "relais: the journal could not record this " << event.action << ": " << e.what() << "\n";
  }
}

}  // namespace relais::cli
