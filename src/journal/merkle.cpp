#include "journal/merkle.h"

#include <sodium.h>

#include <bit>

namespace relais::journal::merkle {
namespace {

// The largest power of two strictly smaller than n (n >= 2): RFC 6962's split.
std::uint64_t split(std::uint64_t n) { return std::bit_floor(n - 1); }

void path(std::span<const Hash> leaves, std::uint64_t m, std::vector<Hash>& out) {
  // RFC 6962 §2.1.1 PATH(m, D[n]), the deepest sibling first.
  const std::uint64_t n = leaves.size();
  if (n <= 1) return;
  const std::uint64_t k = split(n);
  if (m < k) {
    path(leaves.subspan(0, k), m, out);
    out.push_back(root(leaves.subspan(k)));
  } else {
    path(leaves.subspan(k), m - k, out);
    out.push_back(root(leaves.subspan(0, k)));
  }
}

void subproof(std::span<const Hash> leaves, std::uint64_t m, bool whole, std::vector<Hash>& out) {
  // RFC 6962 §2.1.2 SUBPROOF(m, D[n], b).
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!whole) out.push_back(root(leaves));
    return;
  }
  const std::uint64_t k = split(n);
  if (m <= k) {
    subproof(leaves.subspan(0, k), m, whole, out);
    out.push_back(root(leaves.subspan(k)));
  } else {
    subproof(leaves.subspan(k), m - k, false, out);
    out.push_back(root(leaves.subspan(0, k)));
  }
}

}  // namespace

Hash sha256(std::span<const unsigned char> data) {
  Hash out;
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

Hash leaf_hash(std::span<const unsigned char> data) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const unsigned char prefix = 0x00;
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, data.data(), data.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash node_hash(const Hash& left, const Hash& right) {
  std::array<unsigned char, 65> buffer;
  buffer[0] = 0x01;
  std::copy(left.begin(), left.end(), buffer.begin() + 1);
  std::copy(right.begin(), right.end(), buffer.begin() + 33);
  return sha256(buffer);
}

Hash empty_root() { return sha256({}); }

Hash root(std::span<const Hash> leaf_hashes) {
  CompactRange range;
  for (const Hash& leaf : leaf_hashes) range.append(leaf);
  return range.root();
}

std::vector<Hash> inclusion_proof(std::span<const Hash> leaf_hashes, std::uint64_t index) {
  std::vector<Hash> out;
  if (index < leaf_hashes.size()) path(leaf_hashes, index, out);
  return out;
}

std::vector<Hash> consistency_proof(std::span<const Hash> leaf_hashes, std::uint64_t old_size) {
  std::vector<Hash> out;
  if (old_size > 0 && old_size < leaf_hashes.size()) subproof(leaf_hashes, old_size, true, out);
  return out;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf, std::span<const Hash> proof,
                      const Hash& root) {
  // RFC 9162 §2.1.3.2.
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      r = node_hash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1, const Hash& root2,
                        std::span<const Hash> proof) {
  // RFC 9162 §2.1.4.2.
  if (size1 > size2) return false;
  if (size1 == size2) return proof.empty() && root1 == root2;
  if (size1 == 0) return proof.empty();
  std::vector<Hash> path;
  if (std::has_single_bit(size1)) path.push_back(root1);  // the old root is a node of the new tree
  path.insert(path.end(), proof.begin(), proof.end());
  if (path.empty()) return false;
  std::uint64_t fn = size1 - 1, sn = size2 - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path.front(), sr = path.front();
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) != 0 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == root1 && sr == root2;
}

void CompactRange::append(const Hash& leaf_hash) {
  // A binary counter: each trailing set bit of size_ is a perfect subtree of
  // the same height as the carry, merged into one twice as tall.
  Hash carry = leaf_hash;
  for (std::uint64_t bits = size_; (bits & 1) != 0; bits >>= 1) {
    carry = node_hash(subtrees_.back(), carry);
    subtrees_.pop_back();
  }
  subtrees_.push_back(carry);
  ++size_;
}

Hash CompactRange::root() const {
  if (subtrees_.empty()) return empty_root();
  Hash r = subtrees_.back();
  for (auto it = subtrees_.rbegin() + 1; it != subtrees_.rend(); ++it) r = node_hash(*it, r);
  return r;
}

}  // namespace relais::journal::merkle
