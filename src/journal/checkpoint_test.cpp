#include "journal/checkpoint.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "security/keys.h"

namespace relais::journal {
namespace {

Checkpoint sample(std::uint64_t size = 42, unsigned char fill = 7) {
  Checkpoint c;
  c.origin = "relais.example.fr/journal";
  c.size = size;
  c.root.fill(fill);
  return c;
}

TEST(Checkpoint, BodyIsTheTlogCheckpointFormat) {
  Checkpoint c = sample();
  c.root = merkle::empty_root();
  EXPECT_EQ(checkpoint_body(c), "relais.example.fr/journal\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
  EXPECT_EQ(parse_checkpoint_body(checkpoint_body(c)), c);
}

TEST(Checkpoint, SignedNoteHasTheC2spShapeAndKeyHash) {
  const auto keys = security::keys_for_tests(1);
  const std::string note = sign_checkpoint(sample(), "relais", keys.journal_secret);
  const std::string body = checkpoint_body(sample());
  ASSERT_TRUE(note.starts_with(body + "\n\xE2\x80\x94 relais "));
  ASSERT_TRUE(note.ends_with("\n"));
  const auto blob = base64_decode(note.substr(body.size() + 1 + 4 + 7, note.size() - body.size() - 1 - 4 - 7 - 1));
  ASSERT_TRUE(blob);
  ASSERT_EQ(blob->size(), 4u + 64u);
  // Key hash: SHA-256("relais" ‖ "\n" ‖ 0x01 ‖ public key), first 4 bytes.
  std::string material = "relais\n\x01";
  material.append(reinterpret_cast<const char*>(keys.journal_public.data()), keys.journal_public.size());
  unsigned char digest[32];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(material.data()), material.size());
  EXPECT_EQ(blob->substr(0, 4), std::string(reinterpret_cast<const char*>(digest), 4));
  // The signature is an ordinary Ed25519 signature of the body.
  EXPECT_EQ(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(blob->data()) + 4,
                                        reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                                        keys.journal_public.data()),
            0);
  EXPECT_EQ(open_checkpoint(note, keys.journal_public), sample());
}

TEST(Checkpoint, RejectsAWrongKey) {
  const auto keys = security::keys_for_tests(1);
  const auto other = security::keys_for_tests(2);
  const std::string note = sign_checkpoint(sample(), "relais", keys.journal_secret);
  EXPECT_THROW(open_checkpoint(note, other.journal_public), CheckpointError);
  // The same name signed by another key: the key hash differs, so the line is
  // not taken for this key's.
  const std::string forged = sign_checkpoint(sample(), "relais", other.journal_secret);
  EXPECT_THROW(open_checkpoint(forged, keys.journal_public), CheckpointError);
}

TEST(Checkpoint, RejectsAModifiedSizeRootOrOrigin) {
  const auto keys = security::keys_for_tests(1);
  const std::string note = sign_checkpoint(sample(42), "relais", keys.journal_secret);
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string copy = note;
    const auto at = copy.find(from);
    EXPECT_NE(at, std::string::npos);
    copy.replace(at, from.size(), to);
    return copy;
  };
  EXPECT_THROW(open_checkpoint(edited("\n42\n", "\n43\n"), keys.journal_public), CheckpointError);
  EXPECT_THROW(open_checkpoint(edited("\n42\n", "\n4\n"), keys.journal_public), CheckpointError);
  const std::string root = base64(sample().root);
  std::string other_root = root;
  other_root[0] = other_root[0] == 'A' ? 'B' : 'A';
  EXPECT_THROW(open_checkpoint(edited(root, other_root), keys.journal_public), CheckpointError);
  EXPECT_THROW(open_checkpoint(edited("relais.example.fr", "relais.example.com"), keys.journal_public),
               CheckpointError);
  // A flipped bit of the signature itself.
  std::string bad = note;
  bad[bad.size() - 6] = bad[bad.size() - 6] == 'A' ? 'B' : 'A';
  EXPECT_THROW(open_checkpoint(bad, keys.journal_public), CheckpointError);
}

TEST(Checkpoint, RejectsMalformedNotes) {
  const auto keys = security::keys_for_tests(1);
  const std::string note = sign_checkpoint(sample(), "relais", keys.journal_secret);
  EXPECT_THROW(open_checkpoint(checkpoint_body(sample()), keys.journal_public), CheckpointError);  // unsigned
  EXPECT_THROW(open_checkpoint(note.substr(0, note.size() - 1), keys.journal_public), CheckpointError);
  EXPECT_THROW(parse_checkpoint_body("origin\n042\nAAAA\n"), CheckpointError);
  EXPECT_THROW(parse_checkpoint_body("origin\n-1\n" + base64(sample().root) + "\n"), CheckpointError);
  EXPECT_THROW(parse_checkpoint_body("origin\n1\nnot base64!\n"), CheckpointError);
  EXPECT_THROW(parse_checkpoint_body("origin\n1\nAAAA\n"), CheckpointError);  // 3 bytes, not 32
  EXPECT_THROW(parse_checkpoint_body("\n1\n" + base64(sample().root) + "\n"), CheckpointError);
  EXPECT_THROW(sign_checkpoint(sample(), "two words", keys.journal_secret), CheckpointError);
  EXPECT_THROW(sign_checkpoint(sample(), "a+b", keys.journal_secret), CheckpointError);
  // Extension lines are allowed in the body.
  EXPECT_EQ(parse_checkpoint_body(checkpoint_body(sample()) + "extension\n"), sample());
}

TEST(Checkpoint, AcceptsItsLineAmongOtherSigners) {
  // A witness cosignature (C2SP) added after ours does not hide ours.
  const auto keys = security::keys_for_tests(1);
  const auto witness = security::keys_for_tests(3);
  const std::string ours = sign_checkpoint(sample(), "relais", keys.journal_secret);
  const std::string theirs = sign_checkpoint(sample(), "witness", witness.journal_secret);
  const std::string both = ours + theirs.substr(checkpoint_body(sample()).size() + 1);
  EXPECT_EQ(open_checkpoint(both, keys.journal_public), sample());
  EXPECT_EQ(open_checkpoint(both, witness.journal_public), sample());
}

TEST(Checkpoint, RejectsNonMonotonicSizes) {
  EXPECT_NO_THROW(check_successor(sample(10), sample(12, 8)));
  EXPECT_NO_THROW(check_successor(sample(10), sample(10)));
  EXPECT_THROW(check_successor(sample(12), sample(10, 8)), CheckpointError);
  EXPECT_THROW(check_successor(sample(10), sample(10, 8)), CheckpointError);  // same size, other root: a fork
  Checkpoint elsewhere = sample(12);
  elsewhere.origin = "other.example.fr/journal";
  EXPECT_THROW(check_successor(sample(10), elsewhere), CheckpointError);
}

TEST(Checkpoint, SuccessorWithConsistencyProof) {
  std::vector<merkle::Hash> leaves;
  for (unsigned char i = 0; i < 20; ++i) leaves.push_back(merkle::leaf_hash(std::vector<unsigned char>{i}));
  Checkpoint small{"o", 7, merkle::root(std::span(leaves).first(7))};
  Checkpoint large{"o", 20, merkle::root(leaves)};
  EXPECT_NO_THROW(check_successor(small, large, merkle::consistency_proof(leaves, 7)));
  // A log that rewrote its 3rd leaf after the first checkpoint.
  auto rewritten = leaves;
  rewritten[2] = merkle::leaf_hash(std::vector<unsigned char>{99});
  Checkpoint forked{"o", 20, merkle::root(rewritten)};
  EXPECT_THROW(check_successor(small, forked, merkle::consistency_proof(rewritten, 7)), CheckpointError);
}

}  // namespace
}  // namespace relais::journal
