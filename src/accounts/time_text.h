// UTC instants as the account store keeps them: "2026-12-01T10:00:00Z"
// (ISO 8601, seconds, 'Z'), so that text order is time order.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace relais::accounts {

std::string time_text(std::chrono::sys_seconds at);
// Parses time_text's format; std::invalid_argument for anything else.
std::chrono::sys_seconds parse_time_text(std::string_view text);

}  // namespace relais::accounts
