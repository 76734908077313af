// Chaining of duplicate pairs into groups, as the pipeline does
// (group-duplicates.ts): pairs taken in score order; a pair touching no group
// opens one, touching one group joins it, linking two groups merges them.
// The result is the connected components (union-find).
//
// Thread-safety: pure function, thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe {

// Groups of >= 2 places, ordered by their smallest member index; members
// ordered by id (byte order), ties by index. Group id: hex SHA-256 of the
// sorted ids joined with ",".
std::vector<Group> group_pairs(std::span<const Place> places, std::span<const ScoredPair> pairs);

// Hex SHA-256 of `text` (OpenSSL).
std::string sha256_hex(std::string_view text);

}  // namespace relais::dedupe
