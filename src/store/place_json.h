// The store's own Place <-> JSON text form (one object per place).
//
// Keys are the v1.0.2 field names; scalars are strings, latitude/longitude
// numbers, date_maj "YYYY-MM-DD", list fields JSON arrays of labels (not the
// CSV's '|' joins, so no escaping question arises). Absent optional fields and
// empty lists are omitted. Kept private to the store on purpose: the stored
// form must not change when the exchange writers change.
// Pure functions, thread-safe.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/place.h"

namespace relais::store {

// Throws std::invalid_argument if a string is not valid UTF-8 (JSON cannot
// carry it); such a Place never comes out of validation.
std::string place_to_json(const Place& place);

// Throws std::invalid_argument on text that place_to_json did not produce
// (not JSON, unknown enumeration label, bad date).
Place place_from_json(std::string_view json_text);

}  // namespace relais::store
