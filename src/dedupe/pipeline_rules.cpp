#include "dedupe/pipeline_rules.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "dedupe/fuzz_ratio.h"
#include "dedupe/scored_pair_order.h"

namespace relais::dedupe {

bool typologies_compatible(const Place& a, const Place& b) {
  if (a.typologie.empty() || b.typologie.empty()) return true;
  auto has = [](const Place& p, Typologie t) {
    return std::find(p.typologie.begin(), p.typologie.end(), t) != p.typologie.end();
  };
  for (Typologie t : a.typologie) {
    if (has(b, t)) return true;
  }
  return (has(a, Typologie::RFS) && has(b, Typologie::PIMMS)) ||
         (has(a, Typologie::PIMMS) && has(b, Typologie::RFS));
}

bool pipeline_candidate(const Place& a, const Place& b, bool allow_internal) {
  if (!a.code_insee || !b.code_insee || *a.code_insee != *b.code_insee) return false;
  if (a.id == b.id) return false;
  if (!allow_internal && a.source == b.source) return false;
  return typologies_compatible(a, b);
}

int pipeline_distance_score(const Place& a, const Place& b) {
  if (!a.coordinates || !b.coordinates) return 100;
  double dlat = a.coordinates->latitude - b.coordinates->latitude;
  double dlon = a.coordinates->longitude - b.coordinates->longitude;
  double d = std::sqrt(dlat * dlat + dlon * dlon);
  if (d < 0.0004) return 100;
  return static_cast<int>(std::trunc(100 / (d * 1000 + 1)));
}

ScoredPair pipeline_scores(const Place& a, const Place& b) {
  ScoredPair pair;
  pair.nom_score = ratio(a.nom, b.nom);
  pair.adresse_score = ratio(a.adresse, b.adresse);
  pair.distance_score = pipeline_distance_score(a, b);
  pair.score = (pair.adresse_score + pair.nom_score + pair.distance_score) / 3;  // non-negative: trunc
  return pair;
}

std::vector<ScoredPair> pipeline_pairs(std::span<const Place> places, bool allow_internal) {
  const int threshold = allow_internal ? kPipelineInternalThreshold : kPipelineThreshold;
  std::map<std::string, std::vector<std::size_t>> by_commune;
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (places[i].code_insee) by_commune[*places[i].code_insee].push_back(i);
  }
  std::vector<ScoredPair> pairs;
  for (const auto& [code, members] : by_commune) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        const Place& a = places[members[x]];
        const Place& b = places[members[y]];
        if (!pipeline_candidate(a, b, allow_internal)) continue;
        ScoredPair pair = pipeline_scores(a, b);
        if (pair.score <= threshold) continue;
        pair.a = members[x];
        pair.b = members[y];
        pairs.push_back(std::move(pair));
      }
    }
  }
  sort_by_score(pairs);
  return pairs;
}

}  // namespace relais::dedupe
