// The pages' own JavaScript: src/pages/static/carte.js, the map of the results
// page (docs/server.md, "Map"). Pages work without it; it only enhances.
//
// Embedded in the binary at build time, like the templates (templates.h), and
// for the same reasons: the script reads the data attributes the results
// template writes, so both must come from the same build; the server never
// has to find a share folder (no working-directory or install-prefix
// mismatch, no file I/O per request). Its URL carries a hash of its text, so
// it can be cached for a year and an upgrade is never served a stale script.
//
// Thread-safety: both functions are pure (static data).
#pragma once

#include <string>
#include <string_view>

namespace relais::pages {

// The text of carte.js (defined in the generated carte_script_embedded.cpp).
std::string_view carte_script();

// "/static/relais/carte-<16 hex digits of FNV-1a of the text>.js".
const std::string& carte_script_path();

}  // namespace relais::pages
