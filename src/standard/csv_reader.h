// CSV layer of read_buffer (see reader.h): RFC 4180 through libcsv, with the
// physical line of each record, separator detection and located problems.
// Thread-safe (no shared state).
#pragma once

#include <string_view>

#include "standard/reader.h"

namespace relais::standard {

// Reads CSV bytes (header line + records). Rule codes: docs/formats.md.
ReadResult read_csv(std::string_view bytes, std::string_view file_name);

}  // namespace relais::standard
