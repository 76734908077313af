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

// kainjow's set() and push_back() take a const reference and copy it deeply, so
// a list of objects holding lists, built bottom-up, is copied once per level
// (that was most of the results page's rendering time: its filter form nests
// four levels). These add an empty value where it belongs and return it to be
// filled in place. The reference stays valid until the next add to the same
// list (a vector) or a new set() of the same key: fill one, then add the next.
inline mu::data& add_to(mu::data& list, mu::data::type type = mu::data::type::object) {
  list.push_back(mu::data{type});
  return const_cast<mu::data&>(list.list_value().back());  // ours, not const: the library only lacks the accessor
}

inline mu::data& add_to(mu::data& object, const std::string& key, mu::data::type type) {
  object.set(key, mu::data{type});
  return const_cast<mu::data&>(*object.get(key));
}

// The template `name` parsed once per thread (kainjow records render errors
// in the template object, so threads do not share one), inside the layout
// when `in_layout`. Throws std::logic_error for a template that does not
// parse (a programming error, caught by the tests).
mu::mustache& cached_template(std::string_view name, bool in_layout);

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
