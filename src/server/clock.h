// The server's "now": the system clock, or RELAIS_NOW ("YYYY-MM-DDTHH:MM",
// Paris time) when set, so tests and examples of "open now" are reproducible
// (same convention as the CLI).
#pragma once

#include <chrono>
#include <functional>

namespace relais::server {

// Throws std::invalid_argument when RELAIS_NOW is set but malformed.
std::function<std::chrono::sys_seconds()> make_clock();

}  // namespace relais::server
