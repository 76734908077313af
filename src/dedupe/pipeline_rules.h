// The national pipeline's duplicate detection (mednum-cli src/dedupliquer/
// @ 525661a), reproduced exactly; see docs/deduplication.md.
//
// Thread-safety: pure functions, thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe {

inline constexpr int kPipelineThreshold = 83;          // score > 83 across sources
inline constexpr int kPipelineInternalThreshold = 90;  // score > 90 with allow_internal

// Typologies are compatible when either list is empty, they share a value,
// or one has RFS and the other PIMMS.
bool typologies_compatible(const Place& a, const Place& b);

// Candidate pair: same code_insee (both present), different id, different
// source unless allow_internal (absent sources compare equal), compatible
// typologies.
bool pipeline_candidate(const Place& a, const Place& b, bool allow_internal);

// Distance score on raw degrees: d = hypot(dlat, dlon); 100 if d < 0.0004,
// else trunc(100 / (d * 1000 + 1)); 100 when either place has no coordinates.
int pipeline_distance_score(const Place& a, const Place& b);

// Scores of a pair: nom and adresse by fuzzball ratio, distance as above,
// score = trunc((adresse + nom + distance) / 3). Indices are left at 0.
ScoredPair pipeline_scores(const Place& a, const Place& b);

// Every candidate pair whose score exceeds the threshold (83, or 90 with
// allow_internal), score descending, then (a, b) ascending; each unordered
// pair once with a < b. Compares all pairs inside each code_insee.
std::vector<ScoredPair> pipeline_pairs(std::span<const Place> places, bool allow_internal);

}  // namespace relais::dedupe
