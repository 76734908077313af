#include "cli/problem_summary.h"

#include <map>

#include <fmt/format.h>

namespace relais::cli {

void print_problem_summary(const Problems& problems, std::ostream& out,
                           const std::function<std::string(const Problem&)>& where) {
  std::map<std::string, std::size_t> by_rule;
  for (const auto& p : problems) ++by_rule[p.rule];
  for (const auto& [rule, count] : by_rule) out << fmt::format("  {:>6} × {}\n", count, rule);
  std::size_t shown = 0;
  for (const auto& p : problems) {
    if (shown++ == kProblemsShown) {
      out << fmt::format("  … and {} more\n", problems.size() - kProblemsShown);
      break;
    }
    out << fmt::format("  {} {}=\"{}\" {}: {}\n", where(p), p.field, p.value, p.rule, p.message);
  }
}

}  // namespace relais::cli
