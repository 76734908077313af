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
  Problem p;
  p.file = std::string(file);
  p.line = line;
  p.record = record;
  p.record_id = std::move(record_id);
  p.field = std::move(field);
  p.value = std::move(value);
  p.rule = std::move(rule);
  p.message = std::move(message);
  p.severity = severity;
  p.action = action;
  problems.push_back(std::move(p));
}

}  // namespace relais::standard
