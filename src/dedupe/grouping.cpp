#include "dedupe/grouping.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <openssl/evp.h>

namespace relais::dedupe {
namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

std::vector<Group> group_pairs(std::span<const Place> places, std::span<const ScoredPair> pairs) {
  UnionFind sets(places.size());
  for (const ScoredPair& pair : pairs) sets.unite(pair.a, pair.b);
  std::map<std::size_t, std::vector<std::size_t>> by_root;  // root = smallest index
  for (const ScoredPair& pair : pairs) {
    by_root[sets.find(pair.a)];
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    auto it = by_root.find(sets.find(i));
    if (it != by_root.end()) it->second.push_back(i);
  }
  std::vector<Group> groups;
  for (auto& [root, members] : by_root) {
    std::sort(members.begin(), members.end(), [&](std::size_t x, std::size_t y) {
      return std::tie(places[x].id, x) < std::tie(places[y].id, y);
    });
    std::string joined;
    for (std::size_t m : members) {
      if (!joined.empty()) joined += ',';
      joined += places[m].id;
    }
    groups.push_back(Group{sha256_hex(joined), std::move(members)});
  }
  return groups;
}

}  // namespace relais::dedupe
