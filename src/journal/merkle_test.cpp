#include "journal/merkle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <random>
#include <string>

namespace relais::journal::merkle {
namespace {

std::string hex(const Hash& h) {
  std::string out(h.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), h.data(), h.size());
  out.pop_back();
  return out;
}

Hash unhex(std::string_view text) {
  Hash out{};
  std::size_t length = 0;
  EXPECT_EQ(sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr), 0);
  EXPECT_EQ(length, out.size());
  return out;
}

std::vector<unsigned char> bytes(std::string_view hex_text) {
  std::vector<unsigned char> out(hex_text.size() / 2);
  std::size_t length = 0;
  sodium_hex2bin(out.data(), out.size(), hex_text.data(), hex_text.size(), nullptr, &length, nullptr);
  return out;
}

// The RFC 6962 test inputs (certificate-transparency, transparency-dev/merkle
// testonly): leaf data, and the root after each number of leaves 0..8.
const std::vector<std::string> kLeafData = {"",         "00",       "10",
                                            "2021",     "3031",     "40414243",
                                            "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kRoots = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Hash> reference_leaves() {
  std::vector<Hash> leaves;
  for (const auto& data : kLeafData) leaves.push_back(leaf_hash(bytes(data)));
  return leaves;
}

TEST(Merkle, EmptyTreeIsTheHashOfNothing) {
  EXPECT_EQ(hex(empty_root()), kRoots[0]);
  EXPECT_EQ(hex(root({})), kRoots[0]);
  EXPECT_EQ(hex(CompactRange().root()), kRoots[0]);
}

TEST(Merkle, RootsMatchRfc6962Vectors) {
  const auto leaves = reference_leaves();
  CompactRange range;
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    EXPECT_EQ(hex(root(std::span(leaves).first(n))), kRoots[n]) << n << " leaves";
    range.append(leaves[n - 1]);
    EXPECT_EQ(hex(range.root()), kRoots[n]) << n << " leaves, compact range";
  }
}

TEST(Merkle, ProofsMatchRfc6962Vectors) {
  const auto leaves = reference_leaves();
  const auto root8 = unhex(kRoots[8]);
  const std::vector<Hash> inclusion0 = {unhex("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                                        unhex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                        unhex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")};
  const std::vector<Hash> inclusion5 = {unhex("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                                        unhex("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
                                        unhex("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")};
  EXPECT_EQ(inclusion_proof(leaves, 0), inclusion0);
  EXPECT_EQ(inclusion_proof(leaves, 5), inclusion5);
  EXPECT_TRUE(verify_inclusion(0, 8, leaves[0], inclusion0, root8));
  EXPECT_TRUE(verify_inclusion(5, 8, leaves[5], inclusion5, root8));
  const std::vector<Hash> consistency2 = {unhex("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
                                          unhex("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")};
  EXPECT_EQ(consistency_proof(leaves, 2), consistency2);
  EXPECT_TRUE(verify_consistency(2, 8, unhex(kRoots[2]), root8, consistency2));
}

TEST(Merkle, NodeAndLeafPrefixesDiffer) {
  // Without the 0x00 / 0x01 prefixes an interior node could pass for a leaf.
  const auto leaves = reference_leaves();
  std::vector<unsigned char> concatenated(leaves[0].begin(), leaves[0].end());
  concatenated.insert(concatenated.end(), leaves[1].begin(), leaves[1].end());
  EXPECT_NE(leaf_hash(concatenated), node_hash(leaves[0], leaves[1]));
  EXPECT_EQ(hex(node_hash(leaves[0], leaves[1])), kRoots[2]);
}

Hash flip(Hash h, std::size_t bit) {
  h[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
  return h;
}

std::vector<Hash> random_leaves(std::mt19937_64& random, std::size_t n) {
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<unsigned char> data(random() % 40);
    for (auto& b : data) b = static_cast<unsigned char>(random());
    leaves.push_back(leaf_hash(data));
  }
  return leaves;
}

// Every leaf of every tree up to 70 leaves: its proof verifies, and no
// altered proof, leaf, root or index does. (A proof for size n may also fit
// another size whose tree has the same shape around the leaf: the signed size
// in the checkpoint is what binds it, so sizes are not tested here.)
TEST(Merkle, EveryInclusionProofVerifiesAndNoAlteredOneDoes) {
  std::mt19937_64 random(6962);
  const auto leaves = random_leaves(random, 70);
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    const auto tree = std::span(leaves).first(n);
    const Hash r = root(tree);
    for (std::size_t i = 0; i < n; ++i) {
      auto proof = inclusion_proof(tree, i);
      ASSERT_TRUE(verify_inclusion(i, n, tree[i], proof, r)) << "leaf " << i << " of " << n;
      EXPECT_FALSE(verify_inclusion(i, n, flip(tree[i], random() % 256), proof, r));
      EXPECT_FALSE(verify_inclusion(i, n, tree[i], proof, flip(r, random() % 256)));
      EXPECT_FALSE(verify_inclusion(n, n, tree[i], proof, r));
      if (n > 1) { EXPECT_FALSE(verify_inclusion((i + 1) % n, n, tree[i], proof, r)); }
      for (std::size_t k = 0; k < proof.size(); ++k) {
        auto altered = proof;
        altered[k] = flip(altered[k], random() % 256);
        EXPECT_FALSE(verify_inclusion(i, n, tree[i], altered, r));
      }
      if (!proof.empty()) {
        auto shorter = proof;
        shorter.pop_back();
        EXPECT_FALSE(verify_inclusion(i, n, tree[i], shorter, r));
      }
      proof.push_back(r);
      EXPECT_FALSE(verify_inclusion(i, n, tree[i], proof, r));
    }
  }
}

TEST(Merkle, EveryConsistencyProofVerifiesAndNoAlteredOneDoes) {
  std::mt19937_64 random(9162);
  const auto leaves = random_leaves(random, 50);
  for (std::size_t n2 = 1; n2 <= leaves.size(); ++n2) {
    const auto tree = std::span(leaves).first(n2);
    const Hash r2 = root(tree);
    for (std::size_t n1 = 1; n1 <= n2; ++n1) {
      const Hash r1 = root(tree.first(n1));
      const auto proof = consistency_proof(tree, n1);
      ASSERT_TRUE(verify_consistency(n1, n2, r1, r2, proof)) << n1 << " -> " << n2;
      EXPECT_FALSE(verify_consistency(n1, n2, flip(r1, random() % 256), r2, proof));
      EXPECT_FALSE(verify_consistency(n1, n2, r1, flip(r2, random() % 256), proof));
      EXPECT_FALSE(verify_consistency(n2, n1 == n2 ? n2 + 1 : n1, r2, r1, proof));  // backwards or another size
      for (std::size_t k = 0; k < proof.size(); ++k) {
        auto altered = proof;
        altered[k] = flip(altered[k], random() % 256);
        EXPECT_FALSE(verify_consistency(n1, n2, r1, r2, altered));
      }
    }
  }
}

// RFC 6962 §2.1 MTH written as the RFC states it, independent of CompactRange.
Hash reference_root(std::span<const Hash> leaves) {
  if (leaves.empty()) return empty_root();
  if (leaves.size() == 1) return leaves[0];
  std::size_t k = 1;
  while (k * 2 < leaves.size()) k *= 2;
  return node_hash(reference_root(leaves.first(k)), reference_root(leaves.subspan(k)));
}

TEST(Merkle, CompactRangeMatchesTheRecursiveDefinitionAtRandomSizes) {
  std::mt19937_64 random(42);
  for (int round = 0; round < 30; ++round) {
    const std::size_t n = random() % 5000;
    const auto leaves = random_leaves(random, n);
    CompactRange range;
    for (const auto& leaf : leaves) range.append(leaf);
    EXPECT_EQ(range.size(), n);
    EXPECT_EQ(range.root(), reference_root(leaves)) << n << " leaves";
    EXPECT_EQ(root(leaves), reference_root(leaves));
  }
}

}  // namespace
}  // namespace relais::journal::merkle
