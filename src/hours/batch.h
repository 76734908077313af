#pragma once
// Line-oriented batch evaluation for `relais hours --batch`.
// Input line: `EXPR<TAB>YYYY-MM-DDTHH:MM` (Paris wall-clock time).
// Output line: `EXPR<TAB>TIME<TAB>open|closed|error` where error covers an
// unparsable EXPR, a malformed time, or a line without a tab.
// BatchEvaluator keeps the last parsed expression so runs of lines with the
// same EXPR parse it once. Not thread-safe (one instance per thread).
#include <optional>
#include <string>
#include <string_view>

#include "hours/opening_hours.h"

namespace relais::hours {

class BatchEvaluator {
 public:
  // Evaluates one input line (without its newline) and returns the output line
  // (without newline). A trailing '\r' is ignored.
  std::string evaluate_line(std::string_view line);

 private:
  std::string last_expression_;
  std::optional<Result> last_result_;
};

}  // namespace relais::hours
