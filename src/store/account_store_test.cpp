#include "store/account_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

std::unique_ptr<Store> memory_store() { return open_store({testing::test_database_url(":memory:")}); }

Structure structure(std::string name, std::string siret = "") {
  Structure s;
  s.name = std::move(name);
  s.siret = std::move(siret);
  s.type = "association";
  s.address = "1 rue A";
  s.code_postal = "69100";
  s.commune = "Villeurbanne";
  s.code_insee = "69266";
  s.created_at = "2026-01-01T10:00:00Z";
  return s;
}

User user(std::string email) {
  User u;
  u.email = std::move(email);
  u.display_name = "Camille";
  u.created_at = "2026-01-01T10:00:00Z";
  return u;
}

Session session(std::string id_hash, std::int64_t user_id, std::string created_at = "2026-01-01T10:00:00Z") {
  Session s;
  s.id_hash = std::move(id_hash);
  s.user_id = user_id;
  s.stage = "complete";
  s.csrf_token = "csrf";
  s.created_at = created_at;
  s.last_seen_at = created_at;
  s.expires_at = "2026-01-01T22:00:00Z";
  s.user_agent = "Firefox";
  s.ip = "192.0.2.1";
  return s;
}

TEST(AccountStore, StructuresRoundTripAndSiretUnique) {
  auto store = memory_store();
  auto& a = store->accounts();
  Structure s = structure("Centre social", "12345678901234");
  s.id = a.add_structure(s);
  EXPECT_GT(s.id, 0);
  EXPECT_EQ(a.find_structure(s.id), s);
  EXPECT_THROW(a.add_structure(structure("Autre", "12345678901234")), StoreError);
  // Unknown SIRETs ("" stored as NULL) do not collide.
  const auto first = a.add_structure(structure("Sans SIRET 1"));
  const auto second = a.add_structure(structure("Sans SIRET 2"));
  EXPECT_NE(first, second);
  EXPECT_EQ(a.find_structure(first)->siret, "");

  s.status = "validee";
  s.validated_at = "2026-01-02T10:00:00Z";
  s.validated_by = 7;
  a.update_structure(s);
  EXPECT_EQ(a.find_structure(s.id), s);
  EXPECT_EQ(a.list_structures().size(), 3u);
  EXPECT_EQ(a.list_structures().front().id, s.id);
  EXPECT_FALSE(a.find_structure(999).has_value());
  Structure missing = s;
  missing.id = 999;
  EXPECT_THROW(a.update_structure(missing), StoreError);
}

TEST(AccountStore, PlacesBelongToOneStructure) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto s1 = a.add_structure(structure("Un"));
  const auto s2 = a.add_structure(structure("Deux"));
  const PlaceKey p{"Hinaura", "155"};
  a.attach_place(s1, p);
  a.attach_place(s1, {"Hinaura", "2"});
  EXPECT_EQ(a.structure_of_place(p), s1);
  a.attach_place(s2, p);  // moves it
  EXPECT_EQ(a.structure_of_place(p), s2);
  EXPECT_EQ(a.places_of_structure(s1), (std::vector<PlaceKey>{{"Hinaura", "2"}}));
  EXPECT_EQ(a.places_of_structure(s2), (std::vector<PlaceKey>{p}));
  a.detach_place(p);
  EXPECT_FALSE(a.structure_of_place(p).has_value());
  EXPECT_TRUE(a.places_of_structure(s2).empty());
  EXPECT_THROW(a.attach_place(999, p), StoreError);  // foreign key
}

TEST(AccountStore, UsersByEmailWithoutCaseAndBlobSeed) {
  auto store = memory_store();
  auto& a = store->accounts();
  User u = user("Camille.Martin@Example.org");
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$abc$def";
  u.totp_sealed_seed = std::string("\x01\x00\xff\x10", 4);  // binary, with a NUL byte
  u.status = "actif";
  u.id = a.add_user(u);
  EXPECT_EQ(a.find_user(u.id), u);
  EXPECT_EQ(a.find_user_by_email("camille.martin@example.org"), u);
  EXPECT_FALSE(a.find_user_by_email("autre@example.org").has_value());
  EXPECT_THROW(a.add_user(user("CAMILLE.MARTIN@example.org")), StoreError);

  u.display_name = "Camille M.";
  u.is_admin = true;
  u.totp_enrolled_at = "2026-01-01T10:05:00Z";
  u.last_login_at = "2026-01-01T10:05:00Z";
  a.update_user(u);
  EXPECT_EQ(a.find_user(u.id), u);
  EXPECT_EQ(a.list_users(), std::vector<User>{u});
}

TEST(AccountStore, TotpCounterAdvancesOnlyForward) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto id = a.add_user(user("a@example.org"));
  EXPECT_TRUE(a.advance_totp_counter(id, 100));
  EXPECT_FALSE(a.advance_totp_counter(id, 100));  // the same code twice
  EXPECT_FALSE(a.advance_totp_counter(id, 99));
  EXPECT_TRUE(a.advance_totp_counter(id, 101));
  EXPECT_EQ(a.find_user(id)->totp_last_counter, 101);
  EXPECT_FALSE(a.advance_totp_counter(999, 1000));
}

TEST(AccountStore, MembershipsAndTerritories) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto u = a.add_user(user("a@example.org"));
  const auto s1 = a.add_structure(structure("Un"));
  const auto s2 = a.add_structure(structure("Deux"));
  Membership m{u, s1, "mediateur", true, "2026-01-01T10:00:00Z", ""};
  a.put_membership(m);
  a.put_membership({u, s2, "referent", true, "2026-01-01T10:00:00Z", ""});
  m.role = "referent";
  m.active = false;
  m.deactivated_at = "2026-02-01T10:00:00Z";
  a.put_membership(m);  // replaces
  const auto mine = a.memberships_of_user(u);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0], m);
  EXPECT_EQ(a.members_of_structure(s2).size(), 1u);
  EXPECT_THROW(a.put_membership({u, 999, "mediateur", true, "x", ""}), StoreError);
  EXPECT_THROW(a.put_membership({u, s1, "chef", true, "x", ""}), StoreError);  // CHECK constraint

  a.add_territory_role({u, "departement", "69"});
  a.add_territory_role({u, "departement", "69"});  // idempotent
  a.add_territory_role({u, "commune", "69266"});
  EXPECT_EQ(a.territory_roles_of_user(u),
            (std::vector<TerritoryRole>{{u, "commune", "69266"}, {u, "departement", "69"}}));
  a.remove_territory_role({u, "commune", "69266"});
  EXPECT_EQ(a.territory_roles_of_user(u), (std::vector<TerritoryRole>{{u, "departement", "69"}}));
}

TEST(AccountStore, RecoveryCodesAreSingleUse) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto u = a.add_user(user("a@example.org"));
  const std::vector<std::string> codes{"h1", "h2", "h3"};
  a.replace_recovery_codes(u, codes);
  EXPECT_EQ(a.unused_recovery_codes(u), 3u);
  EXPECT_TRUE(a.use_recovery_code(u, "h2", "2026-01-01T10:00:00Z"));
  EXPECT_FALSE(a.use_recovery_code(u, "h2", "2026-01-01T10:01:00Z"));
  EXPECT_FALSE(a.use_recovery_code(u, "nope", "2026-01-01T10:01:00Z"));
  EXPECT_EQ(a.unused_recovery_codes(u), 2u);
  const std::vector<std::string> fresh{"n1"};
  a.replace_recovery_codes(u, fresh);
  EXPECT_EQ(a.unused_recovery_codes(u), 1u);
  EXPECT_FALSE(a.use_recovery_code(u, "h1", "2026-01-01T10:02:00Z"));  // old ones gone
}

TEST(AccountStore, SessionsRevokeAndDelete) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto u = a.add_user(user("a@example.org"));
  const auto other = a.add_user(user("b@example.org"));
  a.add_session(session("s1", u, "2026-01-01T10:00:00Z"));
  a.add_session(session("s2", u, "2026-01-01T11:00:00Z"));
  a.add_session(session("s3", u, "2026-01-01T12:00:00Z"));
  a.add_session(session("o1", other));
  EXPECT_THROW(a.add_session(session("s1", u)), StoreError);
  auto list = a.sessions_of_user(u);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id_hash, "s3");  // newest first

  Session s2 = *a.find_session("s2");
  s2.stage = "premier_facteur";
  s2.second_factor_at = "2026-01-01T11:01:00Z";
  s2.last_seen_at = "2026-01-01T11:02:00Z";
  a.update_session(s2);
  EXPECT_EQ(a.find_session("s2"), s2);

  EXPECT_EQ(a.revoke_sessions_of_user(u, "2026-01-01T13:00:00Z", "s3"), 2u);
  EXPECT_EQ(a.find_session("s1")->revoked_at, "2026-01-01T13:00:00Z");
  EXPECT_EQ(a.find_session("s3")->revoked_at, "");
  EXPECT_EQ(a.find_session("o1")->revoked_at, "");
  EXPECT_EQ(a.revoke_sessions_of_user(u, "2026-01-01T14:00:00Z"), 1u);  // only s3 was still valid

  // Ended sessions: revoked before, or expired before, the given instant.
  EXPECT_EQ(a.delete_sessions_ended_before("2026-01-01T13:30:00Z"), 2u);  // s1, s2
  EXPECT_TRUE(a.find_session("s3").has_value());
  EXPECT_EQ(a.delete_sessions_ended_before("2026-01-02T00:00:00Z"), 2u);  // s3 revoked, o1 expired
  EXPECT_FALSE(a.find_session("o1").has_value());
}

TEST(AccountStore, TokensWorkOnceAndExpire) {
  auto store = memory_store();
  auto& a = store->accounts();
  const auto s = a.add_structure(structure("Un"));
  OneTimeToken t;
  t.token_hash = "t1";
  t.purpose = "invitation";
  t.email = "new@example.org";
  t.structure_id = s;
  t.role = "mediateur";
  t.created_at = "2026-01-01T10:00:00Z";
  t.expires_at = "2026-01-04T10:00:00Z";
  a.add_token(t);
  EXPECT_EQ(a.find_token("t1"), t);
  EXPECT_EQ(a.pending_invitations(s, "2026-01-02T10:00:00Z"), std::vector<OneTimeToken>{t});
  EXPECT_TRUE(a.pending_invitations(s, "2026-01-05T10:00:00Z").empty());

  EXPECT_FALSE(a.use_token("t1", "2026-01-04T10:00:00Z").has_value());  // expired at that instant
  auto used = a.use_token("t1", "2026-01-02T10:00:00Z");
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->used_at, "2026-01-02T10:00:00Z");
  EXPECT_EQ(used->structure_id, s);
  EXPECT_FALSE(a.use_token("t1", "2026-01-02T10:00:01Z").has_value());  // second use
  EXPECT_TRUE(a.pending_invitations(s, "2026-01-02T10:00:00Z").empty());
  EXPECT_FALSE(a.use_token("unknown", "2026-01-02T10:00:00Z").has_value());

  OneTimeToken link;
  link.token_hash = "t2";
  link.purpose = "lien_connexion";
  link.email = "x@example.org";
  link.created_at = "2026-01-01T10:00:00Z";
  link.expires_at = "2026-01-01T10:10:00Z";
  a.add_token(link);
  EXPECT_EQ(a.delete_tokens_expired_before("2026-01-02T00:00:00Z"), 1u);
  EXPECT_FALSE(a.find_token("t2").has_value());
  EXPECT_TRUE(a.find_token("t1").has_value());
}

TEST(AccountStore, Throttle) {
  auto store = memory_store();
  auto& a = store->accounts();
  EXPECT_FALSE(a.find_throttle("compte:a@example.org").has_value());
  ThrottleState t{"compte:a@example.org", 3, "2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z", ""};
  a.put_throttle(t);
  EXPECT_EQ(a.find_throttle(t.key), t);
  t.failures = 6;
  t.blocked_until = "2026-01-01T10:02:00Z";
  a.put_throttle(t);
  EXPECT_EQ(a.find_throttle(t.key), t);
  a.put_throttle({"ip:192.0.2.1", 1, "2026-01-01T09:00:00Z", "2026-01-01T09:00:00Z", ""});
  a.put_throttle({"ip:192.0.2.2", 50, "2026-01-01T09:00:00Z", "2026-01-01T09:00:00Z", "2026-01-01T11:00:00Z"});
  // Old rows go (the account's block ended at 10:02), except one still blocking.
  EXPECT_EQ(a.delete_throttle_before("2026-01-01T10:30:00Z"), 2u);
  EXPECT_FALSE(a.find_throttle("ip:192.0.2.1").has_value());
  EXPECT_FALSE(a.find_throttle(t.key).has_value());
  EXPECT_TRUE(a.find_throttle("ip:192.0.2.2").has_value());
  a.put_throttle(t);
  a.clear_throttle(t.key);
  EXPECT_FALSE(a.find_throttle(t.key).has_value());
}

// Two stores on one file: a code used through one cannot be used through the other.
TEST(AccountStore, SingleUseAcrossConnections) {
  const testing::SharedTestDatabase database("account_store");
  auto one = open_store({database.url()});
  auto two = open_store({database.url()});
  const auto u = one->accounts().add_user(user("a@example.org"));
  const std::vector<std::string> codes{"h1"};
  one->accounts().replace_recovery_codes(u, codes);
  EXPECT_TRUE(two->accounts().use_recovery_code(u, "h1", "2026-01-01T10:00:00Z"));
  EXPECT_FALSE(one->accounts().use_recovery_code(u, "h1", "2026-01-01T10:00:00Z"));
  EXPECT_TRUE(one->accounts().advance_totp_counter(u, 5));
  EXPECT_FALSE(two->accounts().advance_totp_counter(u, 5));
}

TEST(AccountStore, RateEventsSlideAWindowPerKey) {
  auto store = memory_store();
  auto& a = store->accounts();
  const RateLimit limit{"courriel_fiche", 60'000, 3, 100};
  const std::int64_t t0 = 1'000'000;
  EXPECT_TRUE(a.admit_rate_event(limit, "k1", t0));
  EXPECT_TRUE(a.admit_rate_event(limit, "k1", t0 + 10'000));
  EXPECT_TRUE(a.admit_rate_event(limit, "k1", t0 + 20'000));
  EXPECT_FALSE(a.admit_rate_event(limit, "k1", t0 + 30'000));  // 4th in a minute
  EXPECT_TRUE(a.admit_rate_event(limit, "k2", t0 + 30'000));   // another key is not affected
  EXPECT_TRUE(a.admit_rate_event({"autre", 60'000, 3, 100}, "k1", t0 + 30'000));  // nor another scope
  EXPECT_FALSE(a.admit_rate_event(limit, "k1", t0 + 59'999));
  EXPECT_TRUE(a.admit_rate_event(limit, "k1", t0 + 60'000));   // the first event left the window
  EXPECT_FALSE(a.admit_rate_event(limit, "k1", t0 + 60'001));  // refused events were not counted…
  EXPECT_TRUE(a.admit_rate_event(limit, "k1", t0 + 70'000));   // …so the second one leaving frees a slot
}

TEST(AccountStore, RateEventsCapTheWholeScopeAndKeepOnlyTheWindow) {
  const testing::SharedTestDatabase database("rate_events");
  auto store = open_store({database.url()});
  auto& a = store->accounts();
  const RateLimit limit{"courriel_fiche", 60'000, 1, 2};
  const std::int64_t t0 = 5'000'000;
  EXPECT_TRUE(a.admit_rate_event(limit, "a", t0));
  EXPECT_TRUE(a.admit_rate_event(limit, "b", t0));
  EXPECT_FALSE(a.admit_rate_event(limit, "c", t0 + 1'000));  // two events in the window already
  EXPECT_TRUE(a.admit_rate_event(limit, "c", t0 + 61'000));  // a's and b's left it
  // Only the current window is kept: a's and b's rows were deleted.
  auto db = testing::raw_connection(database.url());
  sql::Statement q(*db, "SELECT key FROM rate_events");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "c");
  EXPECT_FALSE(q.step());
  // The periodic purge deletes what no admission came to delete.
  EXPECT_EQ(a.delete_rate_events_before(t0 + 60'999), 0u);
  EXPECT_EQ(a.delete_rate_events_before(t0 + 61'000), 1u);
}

// Several processes' stores admitting at the same moment never exceed the
// limit together (the point of counting in the database).
TEST(AccountStore, RateEventsHoldAcrossConcurrentConnections) {
  const testing::SharedTestDatabase database("rate_race");
  const std::string& url = database.url();
  open_store({url});  // creates and migrates once
  const RateLimit limit{"courriel_fiche", 60'000, 5, 1000};
  std::atomic<int> admitted = 0;
  std::atomic<int> admitted_other = 0;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        auto store = open_store({url});
        for (int i = 0; i < 10; ++i) {
          if (store->accounts().admit_rate_event(limit, "client", 9'000'000 + i)) ++admitted;
          if (store->accounts().admit_rate_event(limit, "other", 9'000'000 + i)) ++admitted_other;
        }
      });
    }
  }
  EXPECT_EQ(admitted.load(), 5);
  EXPECT_EQ(admitted_other.load(), 5);
}

}  // namespace
}  // namespace relais::store
