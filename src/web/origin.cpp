#include "web/origin.h"

namespace relais::web {

std::string origin_of(std::string_view url) {
  std::string lowered(url);
  for (auto& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string_view s = lowered;
  std::string_view scheme;
  if (s.starts_with("https://")) {
    scheme = "https";
  } else if (s.starts_with("http://")) {
    scheme = "http";
  } else {
    return "";
  }
  auto rest = s.substr(scheme.size() + 3);
  auto authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return "";
  if (scheme == "https" && authority.ends_with(":443")) authority.remove_suffix(4);
  if (scheme == "http" && authority.ends_with(":80")) authority.remove_suffix(3);
  return std::string(scheme) + "://" + std::string(authority);
}

bool is_same_origin(std::string_view sec_fetch_site, std::string_view origin, std::string_view expected_origin) {
  if (expected_origin.empty()) return false;
  if (!sec_fetch_site.empty()) return sec_fetch_site == "same-origin";
  if (!origin.empty()) {
    // An Origin header is scheme://host[:port] only; anything after it is forged.
    auto after_scheme = origin.find("://");
    if (after_scheme == std::string_view::npos ||
        origin.find_first_of("/?#", after_scheme + 3) != std::string_view::npos) {
      return false;
    }
    return origin_of(origin) == expected_origin;
  }
  return false;
}

}  // namespace relais::web
