// JSON layer of read_buffer (see reader.h): an array of flat objects read with
// the nlohmann SAX parser, keeping number tokens verbatim and the line of each
// record's '{'. Thread-safe (no shared state).
#pragma once

#include <string_view>

#include "standard/reader.h"

namespace relais::standard {

// Reads JSON bytes: a top-level array of flat objects. Rule codes: docs/formats.md.
// A fast parser reads well-formed arrays of objects; anything else (syntax
// errors, invalid UTF-8, non-object elements) is read again by
// read_json_with_nlohmann, so results are the same as with it alone.
ReadResult read_json(std::string_view bytes, std::string_view file_name);

// The same with nlohmann's SAX parser only: the reference for errors, and for
// the tests that compare both paths. Expects the BOM already removed and
// non-blank bytes (read_json handles both).
ReadResult read_json_with_nlohmann(std::string_view bytes, std::string_view file_name);

}  // namespace relais::standard
