// Order of reported pairs, shared by both rule sets: score descending, then
// indices ascending (the pipeline sorts by score with a stable sort over pairs
// generated in file order).
#pragma once

#include <algorithm>
#include <tuple>
#include <vector>

#include "dedupe/dedupe.h"

namespace relais::dedupe {

inline void sort_by_score(std::vector<ScoredPair>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return std::tuple(-x.score, x.a, x.b) < std::tuple(-y.score, y.a, y.b);
  });
}

}  // namespace relais::dedupe
