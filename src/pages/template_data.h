// Internal to the pages module: how render.cpp and orientation.cpp fill
// kainjow mustache data, and the small text helpers both need.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

namespace relais::pages::detail {

namespace mu = kainjow::mustache;

// Sets `key` only when `value` is not empty: in kainjow an empty string still
// opens a {{#section}}.
inline void set_text(mu::data& d, const std::string& key, std::string_view value) {
  if (!value.empty()) d.set(key, std::string(value));
}

inline void set_flag(mu::data& d, const std::string& key, bool value) {
  d.set(key, value ? mu::data::type::bool_true : mu::data::type::bool_false);
}

inline mu::data string_list(const std::vector<std::string>& values) {
  mu::data list{mu::data::type::list};
  for (const auto& v : values) list.push_back(mu::data{v});
  return list;
}

inline std::string join(const std::vector<std::string>& values, std::string_view separator) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += separator;
    out += v;
  }
  return out;
}

// Only http(s) URLs become links (never javascript:, data:...).
inline bool is_web_url(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() <= prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("https://") || starts("http://");
}

}  // namespace relais::pages::detail
