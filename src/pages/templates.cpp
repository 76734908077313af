#include "pages/templates.h"

#include <stdexcept>

namespace relais::pages::detail {
namespace {

std::string_view find_template(std::string_view name) {
  for (const auto& t : embedded_templates()) {
    if (t.name == name) return t.text;
  }
  throw std::logic_error("pages: no template named " + std::string(name));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::string expand(std::string_view text, std::string_view content, int depth) {
  if (depth > 8) throw std::logic_error("pages: template partials nested too deeply");
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto open = text.find("{{>", pos);
    if (open == std::string_view::npos) break;
    auto close = text.find("}}", open);
    if (close == std::string_view::npos) throw std::logic_error("pages: unterminated partial tag");
    out.append(text.substr(pos, open - pos));
    auto name = trim(text.substr(open + 3, close - open - 3));
    auto target = name == "content" && !content.empty() ? content : name;
    out += expand(find_template(target), {}, depth + 1);
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

std::string expanded_template(std::string_view name, std::string_view content) {
  return expand(find_template(name), content, 0);
}

}  // namespace relais::pages::detail
