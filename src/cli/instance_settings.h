// What the commands that act on the staff side need to agree with
// `relais serve`: the public origin (links in e-mails) and the journal's
// checkpoint origin, read from the same environment (RELAIS_PUBLIC_URL,
// RELAIS_JOURNAL_ORIGIN; docs/server.md), and a way to journal what the
// operator does from the command line.
#pragma once

#include <string>

#include "cli/context.h"
#include "journal/journal.h"
#include "server/config.h"

namespace relais::cli {

struct InstanceSettings {
  server::Config config;  // defaults < environment
  std::string base_url;   // "http://127.0.0.1:8080" unless RELAIS_PUBLIC_URL
  journal::JournalSettings journal;
};

// Throws CommandError(kUsage) when the environment holds a wrong value.
InstanceSettings instance_settings_from_environment();

// Appends `event` (an operator's action: no actor) to the journal of the
// context's store. A failure is reported on standard error and does not stop
// the command (what it did is done).
void record_operator_event(Context& context, journal::Event event);

}  // namespace relais::cli
