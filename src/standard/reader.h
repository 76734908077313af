// Readers for files of the digital-mediation places standard (CSV or JSON,
// layouts v1.0.2 and v0.1) into RawRecords, with located reading problems.
//
// Readers only decode bytes into field name -> text; they do not validate
// values (see validation/). Every record or value they cannot read produces a
// Problem (rule codes are listed in docs/formats.md); nothing is dropped
// silently. All functions are thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "core/raw_record.h"

namespace relais::standard {

// Auto: by file extension (.csv / .json / .geojson), then by sniffing the first
// non-space byte ('[' or '{' -> Json, anything else -> Csv).
enum class Format { Auto, Csv, Json };

// Detected from field names: v0.1 has e.g. courriel, publics_accueillis,
// conditions_acces, labels_nationaux, accessibilite, cle_ban.
enum class Layout { Unknown, V1, V0_1 };

struct ReadResult {
  std::vector<RawRecord> records;  // fields exactly as in the file (names + text), empty cells omitted
  Problems problems;               // located file-level or record-level reading problems
  Layout layout = Layout::Unknown;
  bool fatal = false;              // true if the file could not be read at all (records then empty)
};

// Reads a whole file (one read into memory). A file that cannot be opened is a
// fatal result with rule "file.open". Never throws for bad content.
ReadResult read_file(const std::filesystem::path& path, Format format = Format::Auto);

// Reads bytes already in memory; file_name is only used to label problems
// (and, with Format::Auto, to pick the format by extension).
ReadResult read_buffer(std::string_view bytes, std::string_view file_name, Format format);

// Format chosen for Format::Auto (never returns Auto).
Format detect_format(std::string_view bytes, std::string_view file_name);

// Layout guessed from a set of field names (header or keys of the records).
Layout detect_layout(const std::vector<std::string>& field_names);

std::string_view layout_name(Layout layout);  // "v1", "v0.1", "unknown"

}  // namespace relais::standard
