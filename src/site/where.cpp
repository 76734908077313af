#include "site/where.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace relais::site {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A postcode or an INSEE code by hash lookup: CommuneIndex::search scans
// every commune, too slow for each request of the results page.
std::optional<catalog::CommuneLocation> by_code(const territory::CommuneIndex& communes, std::string_view text) {
  if (text.size() != 5) return std::nullopt;
  for (const auto* commune : communes.by_postcode(text)) {  // most populous first
    if (commune->position) return catalog::CommuneLocation{commune, *commune->position};
  }
  if (const auto* commune = communes.find(text); commune && commune->position) {
    return catalog::CommuneLocation{commune, *commune->position};
  }
  return std::nullopt;
}

}  // namespace

std::optional<catalog::CommuneLocation> resolve_where(const territory::CommuneIndex& communes,
                                                      std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto found = by_code(communes, text)) return found;
  if (auto found = catalog::locate_commune(communes, text)) return found;

  // "12 rue Xavier Privas, 69008 Lyon": the postcode, then the town after it.
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    bool starts = i == 0 || !is_digit(text[i - 1]);
    bool five = starts && std::all_of(text.begin() + i, text.begin() + i + 5, is_digit) &&
                (i + 5 == text.size() || !is_digit(text[i + 5]));
    if (!five) continue;
    auto town = trim(text.substr(i + 5));
    if (!town.empty()) {
      // The town alone first: a postcode may serve several communes.
      if (auto found = catalog::locate_commune(communes, town)) return found;
    }
    if (auto found = by_code(communes, text.substr(i, 5))) return found;
  }
  if (auto comma = text.rfind(','); comma != std::string_view::npos) {
    if (auto found = catalog::locate_commune(communes, trim(text.substr(comma + 1)))) return found;
  }
  return std::nullopt;
}

}  // namespace relais::site
