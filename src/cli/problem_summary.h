// How the import commands list the problems of a file: a count per rule,
// then the first ones with where they are (a line of a CSV file, a feature
// of a GeoJSON file: `where` says it), then how many more.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "core/problem.h"

namespace relais::cli {

inline constexpr std::size_t kProblemsShown = 10;

void print_problem_summary(const Problems& problems, std::ostream& out,
                           const std::function<std::string(const Problem&)>& where);

}  // namespace relais::cli
