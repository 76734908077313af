// The import pipeline: read a file of the standard (CSV or JSON, v1.0.2 or
// v0.1) -> map v0.1 records to v1 -> validate each record -> Places, with a
// report of every problem found on the way.
//
// Thread-safety: all functions are thread-safe (no shared mutable state).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/place.h"
#include "core/problem.h"
#include "standard/reader.h"
#include "validation/validate.h"

namespace relais::validation {

struct ImportOptions {
  Policy policy = Policy::DropInvalid;
  // When set, overrides Place::source of every imported place (e.g. the name
  // of the producer the operator imports for).
  std::optional<std::string> source;
  // Reference day for "date_maj.future" warnings (not checked when !ok()).
  std::chrono::year_month_day today{};
  standard::Format format = standard::Format::Auto;
};

struct ImportCounts {
  std::size_t read = 0;             // records read from the file
  std::size_t accepted = 0;         // places returned
  std::size_t dropped_records = 0;  // records rejected (bad required field, duplicate id)
  std::size_t dropped_fields = 0;   // fields removed from kept records
  std::size_t errors = 0;           // problems with Severity::Error
  std::size_t warnings = 0;         // problems with Severity::Warning
};

struct ImportResult {
  std::string file;           // as given
  std::vector<Place> places;  // empty when rejected
  Problems problems;          // reading, v0.1 mapping and validation problems, in file order
  ImportCounts counts;
  bool rejected = false;      // Strict policy and at least one Error, or unreadable file
  standard::Layout layout = standard::Layout::Unknown;
};

// Reads, maps and validates a file. Never throws for bad content; an
// unreadable file gives rejected = true with the reader's problem.
// Duplicate `id` in the file: the later record is dropped (rule "id.duplicate").
// Under Policy::Strict any Error problem empties `places`, sets `rejected` and
// turns every Error's action into Action::FileRejected.
ImportResult import_file(const std::filesystem::path& path, const ImportOptions& options = {});

// Same on bytes already in memory (file_name labels problems and, with
// Format::Auto, picks the format by extension).
ImportResult import_buffer(std::string_view bytes, std::string_view file_name,
                           const ImportOptions& options = {});

// Same on records already read (used by import_file/import_buffer, benchmarks).
ImportResult import_records(standard::ReadResult read, std::string_view file_name,
                            const ImportOptions& options = {});

// For `relais validate FILE [--json]`: the same checks, places not kept.
ImportResult validate_file(const std::filesystem::path& path, const ImportOptions& options = {});

// True when any problem is an Error (the CLI's exit code 1).
bool has_errors(const ImportResult& result);

// Human-readable report: one summary line, then one line per problem:
// file:line [record N, id X] field=value rule (severity, action): message
void report_text(const ImportResult& result, std::ostream& out);

// {"file","layout","rejected","counts":{...},"problems":[{file,line,record,
//  record_id,field,value,rule,message,severity,action}]}
nlohmann::json report_json(const ImportResult& result);

std::string_view severity_name(Severity severity);  // "error", "warning"
std::string_view action_name(Action action);        // "none", "field_dropped", ...

}  // namespace relais::validation
