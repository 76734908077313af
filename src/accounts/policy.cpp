#include "accounts/policy.h"

#include <algorithm>

namespace relais::accounts {
namespace {

// The principal's active membership of `structure_id`, if any.
const store::Membership* membership_of(const Principal& principal, const std::optional<std::int64_t>& structure_id) {
  if (!structure_id) return nullptr;
  for (const auto& m : principal.memberships) {
    if (m.active && m.structure_id == *structure_id) return &m;
  }
  return nullptr;
}

// True when one of the principal's territories contains the target's object.
// An empty code on the target never matches (an object without a known
// commune is outside every territory).
bool in_territory(const Principal& principal, const Target& target) {
  return std::any_of(principal.territories.begin(), principal.territories.end(), [&](const auto& t) {
    if (t.code.empty()) return false;
    if (t.level == "commune") return t.code == target.code_insee;
    if (t.level == "epci") return t.code == target.code_epci;
    if (t.level == "departement") return t.code == target.code_departement;
    if (t.level == "region") return t.code == target.code_region;
    return false;
  });
}

}  // namespace

bool allowed(const Principal& principal, Action action, const Target& target) {
  if (principal.user_id == 0) return false;  // not signed in
  if (principal.admin) return true;
  const store::Membership* member = membership_of(principal, target.structure_id);
  switch (action) {
    case Action::ViewOwnAccount:
      return true;
    case Action::ViewStructure:
    case Action::EditPlace:
    case Action::ViewPlaceHistory:
    case Action::HandleReports:
      // Members only: a coordinateur never reaches a structure's records.
      return member != nullptr;
    case Action::ManageMembers:
      return member != nullptr && member->role == "referent";
    case Action::CreateStructure:
      // Without a commune yet (the creation form): whoever coordinates some
      // territory; the commune is checked when the structure is created.
      if (target.code_insee.empty()) return !principal.territories.empty();
      return in_territory(principal, target);
    case Action::ViewTerritoryAggregates:
    case Action::ValidateStructure:
    case Action::AttachPlace:
      return in_territory(principal, target);
    case Action::ViewJournal:
    case Action::ManageCoordinators:
      return false;  // admin only
  }
  return false;
}

bool needs_fresh_second_factor(Action action) {
  switch (action) {
    case Action::ManageMembers:
    case Action::ManageCoordinators:
    case Action::ValidateStructure:
    case Action::ViewJournal:
      return true;
    default:
      return false;
  }
}

const char* action_name(Action action) {
  switch (action) {
    case Action::ViewOwnAccount: return "ViewOwnAccount";
    case Action::ViewStructure: return "ViewStructure";
    case Action::ManageMembers: return "ManageMembers";
    case Action::EditPlace: return "EditPlace";
    case Action::ViewPlaceHistory: return "ViewPlaceHistory";
    case Action::HandleReports: return "HandleReports";
    case Action::ViewTerritoryAggregates: return "ViewTerritoryAggregates";
    case Action::ValidateStructure: return "ValidateStructure";
    case Action::CreateStructure: return "CreateStructure";
    case Action::AttachPlace: return "AttachPlace";
    case Action::ViewJournal: return "ViewJournal";
    case Action::ManageCoordinators: return "ManageCoordinators";
  }
  return "?";
}

}  // namespace relais::accounts
