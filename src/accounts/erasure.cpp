#include "accounts/erasure.h"

#include <string>

namespace relais::accounts {

void erase_account(store::Store& store, journal::Journal& journal, store::User user, std::string_view at,
                   std::optional<std::int64_t> actor, std::string_view reason) {
  auto& a = store.accounts();
  const std::string when(at);
  user.email = "supprime-" + std::to_string(user.id) + "@invalid";
  user.display_name.clear();
  user.password_hash.clear();
  user.totp_sealed_seed.clear();
  user.totp_enrolled_at.clear();
  user.totp_last_counter.reset();
  user.is_admin = false;
  user.status = "supprime";
  user.deleted_at = when;
  a.update_user(user);
  for (auto m : a.memberships_of_user(user.id)) {
    if (!m.active) continue;
    m.active = false;
    m.deactivated_at = when;
    a.put_membership(m);
  }
  for (const auto& t : a.territory_roles_of_user(user.id)) a.remove_territory_role(t);
  a.replace_recovery_codes(user.id, {});
  a.revoke_sessions_of_user(user.id, when);
  journal::Event e;  // no personal field: nothing to erase in it
  e.action = journal::action::kAccountDeleted;
  e.actor_user_id = actor;
  e.object_type = "utilisateur";
  e.object_id = std::to_string(user.id);
  e.details = {{"raison", std::string(reason)}};
  journal.record(e);
  store.journal().erase_personal_of_user(user.id, when);
}

}  // namespace relais::accounts
