// Erasing a staff account for good (GDPR art. 17), shared by the account's own
// deletion (Accounts::delete_account) and the retention job
// (accounts/maintenance.h): the user row is kept so that ids in the journal
// and in place versions still point somewhere, but everything personal in it
// is blanked, and the journal's personal fields about the user are erased
// without touching the hashed entries (the chain still verifies).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "journal/journal.h"
#include "store/account_store.h"
#include "store/store.h"

namespace relais::accounts {

// Blanks e-mail (replaced by "supprime-<id>@invalid", the column is unique),
// name, password hash, TOTP seed and enrolment, admin flag; status
// "supprime", deleted_at = at; memberships inactive, territory roles and
// recovery codes removed, sessions revoked; journals kAccountDeleted (actor:
// `actor`, details {"raison": reason}, no personal field) and then erases
// every personal row of the user in the journal.
void erase_account(store::Store& store, journal::Journal& journal, store::User user, std::string_view at,
                   std::optional<std::int64_t> actor, std::string_view reason);

}  // namespace relais::accounts
