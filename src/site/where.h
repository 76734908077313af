// "Où ?": what a person types to centre a search (a commune, a postcode, or a
// full address) resolved to a commune with a position. No street-level
// geocoding: Relais works offline, so an address is reduced to its postcode
// or its commune name.
#pragma once

#include <optional>
#include <string_view>

#include "catalog/catalog.h"

namespace relais::site {

// Tries, in order: the whole text (name, postcode or INSEE code), each
// 5-digit postcode in it, then the words after the last comma or postcode.
std::optional<catalog::CommuneLocation> resolve_where(const territory::CommuneIndex& communes,
                                                      std::string_view text);

}  // namespace relais::site
