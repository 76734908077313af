// Validation of one v1.0.2 record (RawRecord, field name -> text) into a typed
// Place, applying every rule of schema v1.0.2 and of the reference library
// @gouvfr-anct/lieux-de-mediation-numerique 2.3.0 (docs/validation.md lists the
// rule codes and every deliberate difference).
//
// Thread-safety: to_place is thread-safe (the compiled regexes are immutable
// and shared; each call uses its own match data).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/place.h"
#include "core/problem.h"
#include "core/raw_record.h"

namespace relais::validation {

enum class Policy {
  // Default, as the national pipeline: a bad optional field is dropped
  // (Action::FieldDropped), a bad required field drops the record
  // (Action::RecordDropped).
  DropInvalid,
  // `--strict`: any Error rejects the whole file (see import.h). to_place
  // reports Errors with Action::None and returns no Place for the record.
  Strict,
};

struct Options {
  Policy policy = Policy::DropInvalid;
  // Reference day for "date_maj.future" warnings; not checked when !ok().
  std::chrono::year_month_day today{};
};

// Validates one record already in v1 field names (map v0.1 records first with
// standard::map_v01_to_v1). Appends one Problem per finding to `out` (file,
// line, record index, record id, field, value, stable rule code, message,
// severity, action). Returns the Place, or nullopt when the record is dropped
// (a required field is bad, or any Error under Policy::Strict).
// Never throws for bad content.
std::optional<Place> to_place(const RawRecord& v1, std::string_view file, Problems& out,
                              const Options& options = {});

}  // namespace relais::validation
