// Who may do what (issue 5, ASVS V8): the one place where authorisation is
// decided, for every route and every object. The web layer maps each route to
// an Action and the object it names; it never decides itself.
//
// Roles: `mediateur` of a structure (edits its places, answers its reports),
// `referent` of a structure (also manages its members and invitations),
// `coordinateur` of a territory (reads aggregates of its territory and
// validates its structures, never a person's record), `admin` of the instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/account_store.h"

namespace relais::accounts {

// The authenticated user of a request, as authenticate() builds it.
struct Principal {
  std::int64_t user_id = 0;
  std::string email, display_name;
  bool admin = false;
  std::vector<store::Membership> memberships;      // active ones only
  std::vector<store::TerritoryRole> territories;   // coordinateur scopes
  bool second_factor_fresh = false;  // second factor within the last 15 minutes of activity
  std::string session_id_hash;
  std::string csrf_token;
};

enum class Action {
  ViewOwnAccount,        // own profile, sessions, data export, deletion
  ViewStructure,         // a structure's page (object: structure)
  ManageMembers,         // invite, deactivate, change roles (object: structure)
  EditPlace,             // edit or confirm a place's record (object: place)
  ViewPlaceHistory,      // versions of a place (object: place)
  HandleReports,         // read and answer reports about a place (object: place)
  ViewTerritoryAggregates,  // counts per structure and place of a territory (object: territory)
  ValidateStructure,     // (object: structure, by its territory)
  CreateStructure,       // coordinateur of the commune's territory, or admin (no commune: of any territory)
  AttachPlace,           // attach a place to a structure (object: structure + place's territory)
  ViewJournal,           // the instance's journal (admin)
  ManageCoordinators,    // grant territory roles (admin)
};

// What a route acts on; fields not relevant to the action stay empty.
struct Target {
  std::optional<std::int64_t> structure_id;   // the structure named in the URL or owning the place
  std::optional<store::PlaceKey> place;
  // Territory codes of the object (commune INSEE code, EPCI SIREN,
  // département, région), for coordinateur scopes.
  std::string code_insee, code_epci, code_departement, code_region;
};

// True when `principal` may perform `action` on `target`. Pure; the caller
// resolves Target (e.g. the structure of a place) from the store first.
bool allowed(const Principal& principal, Action action, const Target& target);

// Actions needing a fresh second factor (re-authentication): member
// management, coordinator grants, account deletion, exports.
bool needs_fresh_second_factor(Action action);

// Stable name of an action ("EditPlace") for logs and the route matrix.
const char* action_name(Action action);

}  // namespace relais::accounts
