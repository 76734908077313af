// Deduplication of places across (or inside) sources: the entry point.
//
// Two rule sets produce the same output shape:
//  - Rules::Pipeline: the national pipeline (mednum-cli src/dedupliquer/),
//    see pipeline_rules.h;
//  - Rules::Relais: improved rules (accents kept, blocking without code_insee,
//    phone / e-mail / SIRET evidence), see relais_rules.h and
//    docs/deduplication.md.
// Pairs flagged as duplicates are chained into groups (union-find in score
// order, grouping.h) and each group is merged into one place (merge.h).
//
// Thread-safety: pure functions, thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/place.h"

namespace relais::dedupe {

enum class Rules { Pipeline, Relais };

struct Options {
  Rules rules = Rules::Pipeline;
  // Reference day of the 6-month rule of merging (merge.h).
  std::chrono::year_month_day today{};
  // Also compare places of the same source (pipeline: threshold 90 instead
  // of 83, as mednum-cli --allow-internal).
  bool allow_internal = false;
};

// One compared pair, with the scores that decided it. Indices refer to the
// span given to deduplicate() / the rules.
struct ScoredPair {
  std::size_t a = 0;
  std::size_t b = 0;
  int score = 0;           // 0..100, compared with the rule set's threshold
  int nom_score = 0;       // 0..100
  int adresse_score = 0;   // 0..100
  int distance_score = 0;  // 0..100
  std::string evidence;    // Relais rules: "telephone", "courriel|siret", ... ("" otherwise)
};

// Places chained by duplicate pairs. `members` are indices in input order
// of increasing id; `id` = hex SHA-256 of the members' ids sorted and joined
// with "," (the pipeline's `ids.toString()`).
struct Group {
  std::string id;
  std::vector<std::size_t> members;
};

struct DedupeResult {
  std::vector<ScoredPair> pairs;  // duplicate pairs, score descending
  std::vector<Group> groups;      // groups of >= 2 places
  // Output places: every place in no group, in input order, and one merged
  // place per group at the position of its first member. Merged places whose
  // id exceeds 2,704 bytes are dropped, as in the pipeline.
  std::vector<Place> places;
};

DedupeResult deduplicate(std::span<const Place> places, const Options& options);

}  // namespace relais::dedupe
