#include "accounts/policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace relais::accounts {
namespace {

const std::vector<Action> kAllActions = {
    Action::ViewOwnAccount,   Action::ViewStructure,         Action::ManageMembers,
    Action::EditPlace,        Action::ViewPlaceHistory,      Action::HandleReports,
    Action::ViewTerritoryAggregates, Action::ValidateStructure, Action::CreateStructure,
    Action::AttachPlace,      Action::ViewJournal,           Action::ManageCoordinators,
};

// Structure 1 with its place, in Villeurbanne (Rhône); structure 2 in Marseille.
Target own() {
  return {1, store::PlaceKey{"Hinaura", "155"}, "69266", "200046977", "69", "84"};
}
Target other() {
  return {2, store::PlaceKey{"Hinaura", "999"}, "13201", "200054807", "13", "93"};
}

Principal signed_in() {
  Principal p;
  p.user_id = 10;
  p.second_factor_fresh = true;
  return p;
}
Principal member(std::string role, bool active = true) {
  Principal p = signed_in();
  p.memberships.push_back({p.user_id, 1, std::move(role), active, "2026-01-01T00:00:00Z", ""});
  return p;
}
Principal coordinator(std::string level, std::string code) {
  Principal p = signed_in();
  p.territories.push_back({p.user_id, std::move(level), std::move(code)});
  return p;
}

struct Case {
  std::string name;
  Principal principal;
  std::set<Action> on_own, on_other;  // everything else is refused
};

std::vector<Case> cases() {
  const std::set<Action> account{Action::ViewOwnAccount};
  const std::set<Action> mediateur{Action::ViewOwnAccount, Action::ViewStructure, Action::EditPlace,
                                   Action::ViewPlaceHistory, Action::HandleReports};
  std::set<Action> referent = mediateur;
  referent.insert(Action::ManageMembers);
  const std::set<Action> coordinateur{Action::ViewOwnAccount, Action::ViewTerritoryAggregates,
                                      Action::ValidateStructure, Action::CreateStructure, Action::AttachPlace};
  const std::set<Action> all(kAllActions.begin(), kAllActions.end());
  Principal admin = signed_in();
  admin.admin = true;
  return {
      {"anonyme", Principal{}, {}, {}},
      {"sans_role", signed_in(), account, account},
      {"mediateur", member("mediateur"), mediateur, account},
      {"referent", member("referent"), referent, account},
      {"mediateur_desactive", member("mediateur", false), account, account},
      {"referent_desactive", member("referent", false), account, account},
      {"coordinateur_commune", coordinator("commune", "69266"), coordinateur, account},
      {"coordinateur_epci", coordinator("epci", "200046977"), coordinateur, account},
      {"coordinateur_departement", coordinator("departement", "69"), coordinateur, account},
      {"coordinateur_region", coordinator("region", "84"), coordinateur, account},
      {"coordinateur_niveau_inconnu", coordinator("pays", "FR"), account, account},
      {"admin", admin, all, all},
  };
}

// The matrix: every role against every action, on its own and on another
// structure's objects (direct object references with foreign ids).
TEST(Policy, EveryRoleEveryActionOwnAndOther) {
  for (const Case& c : cases()) {
    for (Action a : kAllActions) {
      EXPECT_EQ(allowed(c.principal, a, own()), c.on_own.contains(a))
          << c.name << " " << action_name(a) << " on its own structure";
      EXPECT_EQ(allowed(c.principal, a, other()), c.on_other.contains(a))
          << c.name << " " << action_name(a) << " on another structure";
    }
  }
}

// A place of structure 2 named with structure 1's id elsewhere in the URL: the
// caller resolves the place's owner into structure_id, and only that counts.
TEST(Policy, ObjectOwnerDecidesNotTheUrl) {
  Target foreign_place = own();
  foreign_place.structure_id = 2;
  EXPECT_FALSE(allowed(member("referent"), Action::EditPlace, foreign_place));
  Target no_owner = own();
  no_owner.structure_id.reset();  // a place no structure runs
  for (Action a : {Action::EditPlace, Action::HandleReports, Action::ViewStructure, Action::ManageMembers}) {
    EXPECT_FALSE(allowed(member("referent"), a, no_owner)) << action_name(a);
  }
}

// A coordinateur never reads a structure's records, even inside its territory.
TEST(Policy, CoordinatorNeverReachesRecords) {
  const Principal p = coordinator("departement", "69");
  for (Action a : {Action::EditPlace, Action::HandleReports, Action::ManageMembers, Action::ViewPlaceHistory,
                   Action::ViewStructure, Action::ViewJournal}) {
    EXPECT_FALSE(allowed(p, a, own())) << action_name(a);
  }
}

// Empty codes never match: an object of unknown commune is in no territory,
// and a role with an empty code covers nothing.
TEST(Policy, EmptyTerritoryCodesNeverMatch) {
  Target unknown;
  unknown.structure_id = 1;
  EXPECT_FALSE(allowed(coordinator("commune", ""), Action::ValidateStructure, unknown));
  EXPECT_FALSE(allowed(coordinator("departement", "69"), Action::ValidateStructure, unknown));
}

// The creation form names no commune yet: any coordinateur (or admin) may
// open it; the commune it is then given is checked like any object.
TEST(Policy, CreationWithoutACommuneNeedsSomeTerritory) {
  const Target no_commune;
  EXPECT_TRUE(allowed(coordinator("departement", "13"), Action::CreateStructure, no_commune));
  EXPECT_FALSE(allowed(coordinator("departement", "13"), Action::CreateStructure, own()));
  EXPECT_TRUE(allowed(coordinator("departement", "69"), Action::CreateStructure, own()));
  EXPECT_FALSE(allowed(member("referent"), Action::CreateStructure, no_commune));
  EXPECT_FALSE(allowed(signed_in(), Action::CreateStructure, no_commune));
  EXPECT_FALSE(allowed(Principal{}, Action::CreateStructure, no_commune));
  // Only creation reads an empty target this way.
  EXPECT_FALSE(allowed(coordinator("departement", "13"), Action::ValidateStructure, no_commune));
  EXPECT_FALSE(allowed(coordinator("departement", "13"), Action::AttachPlace, no_commune));
}

TEST(Policy, SeveralMembershipsAreIndependent) {
  Principal p = member("mediateur");
  p.memberships.push_back({p.user_id, 2, "referent", true, "2026-01-01T00:00:00Z", ""});
  EXPECT_FALSE(allowed(p, Action::ManageMembers, own()));
  EXPECT_TRUE(allowed(p, Action::ManageMembers, other()));
  EXPECT_TRUE(allowed(p, Action::EditPlace, own()));
  EXPECT_TRUE(allowed(p, Action::EditPlace, other()));
}

TEST(Policy, FreshSecondFactorAndNames) {
  EXPECT_TRUE(needs_fresh_second_factor(Action::ManageMembers));
  EXPECT_TRUE(needs_fresh_second_factor(Action::ManageCoordinators));
  EXPECT_FALSE(needs_fresh_second_factor(Action::EditPlace));
  EXPECT_FALSE(needs_fresh_second_factor(Action::ViewOwnAccount));
  std::set<std::string> names;
  for (Action a : kAllActions) names.insert(action_name(a));
  EXPECT_EQ(names.size(), kAllActions.size());
  EXPECT_STREQ(action_name(Action::EditPlace), "EditPlace");
}

}  // namespace
}  // namespace relais::accounts
