#include "pages/template_data.h"

#include <map>
#include <memory>
#include <stdexcept>

#include "pages/templates.h"

namespace relais::pages::detail {

mu::mustache& cached_template(std::string_view name, bool in_layout) {
  thread_local std::map<std::pair<std::string, bool>, std::unique_ptr<mu::mustache>> cache;
  const auto key = std::make_pair(std::string(name), in_layout);
  auto it = cache.find(key);
  if (it == cache.end()) {
    auto text = in_layout ? expanded_template("layout", name) : expanded_template(name);
    auto parsed = std::make_unique<mu::mustache>(text);
    if (!parsed->is_valid()) {
      throw std::logic_error("pages: template " + std::string(name) + ": " + parsed->error_message());
    }
    it = cache.emplace(key, std::move(parsed)).first;
  }
  return *it->second;
}

}  // namespace relais::pages::detail
