// RFC 6962 (Certificate Transparency) Merkle tree hashing, as in RFC 9162
// §2.1: leaf hash SHA-256(0x00 ‖ data), interior node SHA-256(0x01 ‖ left ‖
// right), the tree of n leaves split at the largest power of two below n,
// the empty tree's hash SHA-256(""). Inclusion and consistency proofs are
// generated and verified as the RFC describes (the verifier follows
// transparency-dev/merkle's algorithm), so any RFC 6962 tool can check the
// journal's checkpoints.
//
// Written here rather than taken from a library: Debian packages no C++
// RFC 6962 implementation, and the hashing is small. The standard's test
// vectors are in merkle_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace relais::journal::merkle {

using Hash = std::array<unsigned char, 32>;

Hash sha256(std::span<const unsigned char> data);
Hash leaf_hash(std::span<const unsigned char> data);
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();  // SHA-256 of the empty string

// Root of the tree whose leaves have these (already computed) leaf hashes.
Hash root(std::span<const Hash> leaf_hashes);

// Proofs, from the full list of leaf hashes of the larger tree.
// REQUIRES: index < leaf_hashes.size(); old_size <= leaf_hashes.size().
std::vector<Hash> inclusion_proof(std::span<const Hash> leaf_hashes, std::uint64_t index);
std::vector<Hash> consistency_proof(std::span<const Hash> leaf_hashes, std::uint64_t old_size);

// True when `proof` shows that `leaf` is leaf number `index` (from 0) of the
// tree of `size` leaves whose root is `root`. False for any inconsistency.
bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf, std::span<const Hash> proof,
                      const Hash& root);
// True when `proof` shows that the tree of size1 leaves (root1) is a prefix of
// the tree of size2 leaves (root2). Equal sizes need an empty proof and equal
// roots; size1 = 0 is consistent with anything (empty proof).
bool verify_consistency(std::uint64_t size1, std::uint64_t size2, const Hash& root1, const Hash& root2,
                        std::span<const Hash> proof);

// The roots of the perfect subtrees that make up a tree of any size (the
// "compact range" of transparency-dev): appending a leaf and reading the
// root are O(log n) and it holds O(log n) hashes, so a tree of millions of
// leaves is built in one pass without keeping them.
class CompactRange {
 public:
  void append(const Hash& leaf_hash);
  std::uint64_t size() const { return size_; }
  Hash root() const;  // empty_root() for size 0

 private:
  std::uint64_t size_ = 0;
  std::vector<Hash> subtrees_;  // left to right, decreasing sizes: the set bits of size_
};

}  // namespace relais::journal::merkle
