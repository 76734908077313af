// A located problem found in input data: the vocabulary shared by readers,
// validation, the v0.1 mapping and import reports.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace relais {

enum class Severity {
  Error,    // the value (or record, or file) is rejected
  Warning,  // kept, but suspect (e.g. coordinates 0,0) or changed by a tolerance
};

// What happened to the data because of the problem.
enum class Action {
  None,           // nothing dropped (warnings, or strict mode before rejection)
  FieldDropped,   // the field was removed, the record kept
  RecordDropped,  // the whole record was rejected
  FileRejected,   // the whole file was rejected
};

struct Problem {
  std::string file;        // path as given by the user
  std::size_t line = 0;    // 1-based line of the record (CSV) or 0
  std::size_t record = 0;  // 0-based record index in the file
  std::string record_id;   // the record's `id` when known
  std::string field;       // field name ("" for file-level problems)
  std::string value;       // offending value as written in the source
  std::string rule;        // stable rule code, e.g. "pivot.format" (see docs)
  std::string message;     // French-free English explanation for operators
  Severity severity = Severity::Error;
  Action action = Action::None;
};

using Problems = std::vector<Problem>;

// A problem located in a file by line, field and value: what every reader of
// input files reports (record and record_id left to the caller).
inline Problem located_problem(std::string file, std::size_t line, std::string field, std::string value,
                               std::string rule, std::string message, Severity severity, Action action) {
  Problem p;
  p.file = std::move(file);
  p.line = line;
  p.field = std::move(field);
  p.value = std::move(value);
  p.rule = std::move(rule);
  p.message = std::move(message);
  p.severity = severity;
  p.action = action;
  return p;
}

}  // namespace relais
