// Relais duplicate detection: the pipeline's idea (name + address + distance)
// with the weaknesses fixed; the scoring is documented in
// docs/deduplication.md.
//  - accents kept: names and addresses compared on fold_for_search text
//    ("Médiathèque" == "mediatheque", not "mdiathque"), street-type
//    abbreviations expanded (bd -> boulevard, av -> avenue, ...);
//  - no code_insee needed: candidates come from blocks (same code_insee,
//    ~300 m grid neighbourhood, same code_postal with the same folded name,
//    phone, e-mail or SIRET), never from all pairs of the file;
//  - distance in metres (haversine), not raw degrees;
//  - evidence: same phone (last 9 digits), same e-mail (case-insensitive),
//    same SIRET when not the placeholder 00000000000000. Evidence only
//    counts for places at most kEvidenceRadiusMeters apart (an itinerant
//    service shares one e-mail across its stops).
//
// Thread-safety: pure functions, thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe {

inline constexpr double kBlockRadiusMeters = 300;
inline constexpr double kEvidenceRadiusMeters = 1000;
inline constexpr int kRelaisThreshold = 75;  // duplicate if score >= 75
inline constexpr int kMinNameScoreWithoutEvidence = 50;

// Great-circle distance in metres (haversine, R = 6,371,008.8 m).
double haversine_meters(const Coordinates& a, const Coordinates& b);

// Address key: folded, street types expanded, lone zeros dropped
// ("00 Place Jean Léa" -> "place jean lea").
std::string address_key(std::string_view adresse);

// Name similarity 0..100: the larger of the folded ratio and the share of
// the shorter name's words (>= 3 letters) found in the longer one.
int name_score(std::string_view a, std::string_view b);

// Distance score 0..100: 100 up to 50 m, linear down to 0 at 500 m;
// 50 (neutral) when either place has no coordinates.
int relais_distance_score(const Place& a, const Place& b);

// Evidence kinds shared by the two places ("telephone", "courriel",
// "siret", joined with "|"), regardless of distance.
std::string shared_evidence(const Place& a, const Place& b);

// Scores of a pair: score = round(0.3 nom + 0.45 adresse + 0.25 distance)
// + 15 when evidence counts (see above), capped at 100; without counting
// evidence a name score below kMinNameScoreWithoutEvidence caps the score
// just under the threshold. Indices left at 0.
ScoredPair relais_scores(const Place& a, const Place& b);

// Candidate pairs from blocking (see above), filtered like the pipeline
// (different id, different source unless allow_internal, compatible
// typologies), scored; those with score >= kRelaisThreshold, score
// descending, each unordered pair once with a < b.
std::vector<ScoredPair> relais_pairs(std::span<const Place> places, bool allow_internal);

// The candidate pairs the blocking produces (a < b), for tests and
// evaluation.
std::vector<std::pair<std::size_t, std::size_t>> relais_candidates(std::span<const Place> places,
                                                                   bool allow_internal);

}  // namespace relais::dedupe
