// A located problem found while reading a file, shared by the CSV and JSON
// readers (internal to the standard module).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/problem.h"

namespace relais::standard {

inline void add_reading_problem(Problems& problems, std::string_view file, std::size_t line, std::size_t record,
                                std::string record_id, std::string field, std::string rule, std::string message,
                                Severity severity, Action action, std::string value = {}) {
  Problem p = located_problem(std::string(file), line, std::move(field), std::move(value), std::move(rule),
                              std::move(message), severity, action);
  p.record = record;
  p.record_id = std::move(record_id);
  problems.push_back(std::move(p));
}

}  // namespace relais::standard
