// Text helpers on UTF-8 shared by search and deduplication.
#pragma once

#include <string>
#include <string_view>

namespace relais {

// Accent- and case-insensitive key: NFKD, combining marks removed, case
// folded, œ/æ expanded, every run of non-alphanumerics collapsed to one space,
// trimmed. "Médiathèque  d'Aix" -> "mediatheque d aix". Invalid UTF-8 bytes
// are dropped.
std::string fold_for_search(std::string_view utf8);

// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

// Number of Unicode code points in valid UTF-8 (what JS calls length counts
// UTF-16 units; see validation for the difference).
std::size_t utf8_length(std::string_view text);

}  // namespace relais
