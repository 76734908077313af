// JSON layer of read_buffer (see reader.h): an array of flat objects read with
// the nlohmann SAX parser, keeping number tokens verbatim and the line of each
// record's '{'. Thread-safe (no shared state).
#pragma once

#include <string_view>

#include "standard/reader.h"

namespace relais::standard {

// Reads JSON bytes: a top-level array of flat objects. Rule codes: docs/formats.md.
ReadResult read_json(std::string_view bytes, std::string_view file_name);

}  // namespace relais::standard
