// Mapping of the v0.1 layout of the standard onto v1.0.2 (reference §7).
//
// Thread-safe, pure function of its inputs.
#pragma once

#include <string_view>

#include "core/problem.h"
#include "core/raw_record.h"

namespace relais::standard {

// Maps one v0.1 record to v1 field names and values (§7 tables), appending a
// Problem for every value that cannot be mapped (rule "v01.unknown_value",
// Severity::Error, action FieldDropped for that value) or is dropped by design
// (e.g. APTIC, Adultes: Severity::Warning, rule "v01.dropped_value").
// Lists are re-joined with '|'. Fields with the same name in both layouts are
// copied unchanged; cle_ban is dropped. modalites_acces is NOT invented
// (validation applies the coupling rule). line/index are kept.
RawRecord map_v01_to_v1(const RawRecord& v01, std::string_view file_name, Problems& problems);

// The same, moving the names and values copied unchanged out of `v01` instead
// of copying them (the import pipeline's case; `v01` is left valid but
// unspecified).
RawRecord map_v01_to_v1(RawRecord&& v01, std::string_view file_name, Problems& problems);

}  // namespace relais::standard
