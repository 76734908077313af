// Field-name vocabularies of the two layouts of the standard (reference §2, §3).
#pragma once

#include <string_view>

#include "standard/reader.h"

namespace relais::standard {

// One of the 29 field names of v0.1.
bool is_v01_field(std::string_view name);

// One of the 32 field names of v1.0.2.
bool is_v1_field(std::string_view name);

// True when `name` is a field of `layout` (Unknown: a field of either layout).
bool is_known_field(std::string_view name, Layout layout);

// List separator inside one cell: '|' for v1 (and Unknown), ';' for v0.1.
char list_separator(Layout layout);

}  // namespace relais::standard
