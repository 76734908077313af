// The instance's journal for the admin: newest entries first, French labels,
// 50 per page.
#include <string>

#include "staff/responses.h"
#include "store/journal_store.h"

namespace relais::staff::detail {

api::Response journal_page(const Page& page) {
  constexpr std::int64_t kPerPage = 50;
  auto& store = page.context.store.journal();
  std::int64_t count = store.entry_count();
  std::int64_t pages = std::max<std::int64_t>(1, (count + kPerPage - 1) / kPerPage);
  std::int64_t number = 1;
  auto text = field(page, "page");
  if (!text.empty()) {
    if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
      return error(page, 400, "Le numéro de page doit être un nombre.");
    }
    number = std::stoll(text);
    if (number < 1 || number > pages) return error(page, 404, "Cette page du journal n’existe pas.");
  }
  // Page 1 holds the newest entries: seq count-49 … count.
  std::int64_t last = count - (number - 1) * kPerPage;
  std::int64_t first = std::max<std::int64_t>(1, last - kPerPage + 1);
  auto entries = last >= 1 ? store.entries(first, static_cast<std::size_t>(last - first + 1))
                           : std::vector<store::JournalEntryRow>{};
  nlohmann::json rows = nlohmann::json::array();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    std::string actor;
    if (it->actor_user_id) {
      auto user = page.context.store.accounts().find_user(*it->actor_user_id);
      actor = user && !user->display_name.empty() ? user->display_name : "n° " + std::to_string(*it->actor_user_id);
    }
    rows.push_back({{"seq", std::to_string(it->seq)},
                    {"at", it->recorded_at},
                    {"label", journal::action_label(it->action)},
                    {"actor", actor},
                    {"object", it->object_type.empty() ? "" : it->object_type + " " + it->object_id},
                    {"details", it->details == "{}" ? "" : it->details}});
  }
  nlohmann::json data{{"entries", rows}, {"count", std::to_string(count)}, {"page", std::to_string(number)},
                      {"pages", std::to_string(pages)}};
  if (number > 1) data["newer"] = "/espace/journal?page=" + std::to_string(number - 1);
  if (number < pages) data["older"] = "/espace/journal?page=" + std::to_string(number + 1);
  return page_response(page, 200, "Journal", "espace_journal", std::move(data));
}

}  // namespace relais::staff::detail
