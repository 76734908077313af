#include "dedupe/dedupe.h"

#include <map>

#include "dedupe/grouping.h"
#include "dedupe/merge.h"
#include "dedupe/pipeline_rules.h"
#include "dedupe/relais_rules.h"

namespace relais::dedupe {

DedupeResult deduplicate(std::span<const Place> places, const Options& options) {
  DedupeResult result;
  result.pairs = options.rules == Rules::Pipeline ? pipeline_pairs(places, options.allow_internal)
                                                  : relais_pairs(places, options.allow_internal);
  result.groups = group_pairs(places, result.pairs);
  std::map<std::size_t, std::size_t> first_member_to_group;
  std::vector<bool> grouped(places.size(), false);
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    std::size_t first = places.size();
    for (std::size_t m : result.groups[g].members) {
      grouped[m] = true;
      first = std::min(first, m);
    }
    first_member_to_group[first] = g;
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (!grouped[i]) {
      result.places.push_back(places[i]);
      continue;
    }
    auto it = first_member_to_group.find(i);
    if (it == first_member_to_group.end()) continue;
    if (auto merged = merge_group(places, result.groups[it->second], options.today)) {
      result.places.push_back(std::move(*merged));
    }
  }
  return result;
}

}  // namespace relais::dedupe
