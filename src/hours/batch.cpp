#include "hours/batch.h"

#include "hours/paris_time.h"

namespace relais::hours {

std::string BatchEvaluator::evaluate_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::size_t tab = line.rfind('\t');
  if (tab == std::string_view::npos) return std::string(line) + "\t\terror";
  const std::string_view expression = line.substr(0, tab);
  const std::string_view time = line.substr(tab + 1);
  std::string out(line);
  const auto at = parse_paris_local(time);
  if (!at) return out + "\terror";
  if (!last_result_ || expression != last_expression_) {
    last_expression_ = std::string(expression);
    last_result_ = parse(expression);
  }
  const auto* hours = std::get_if<OpeningHours>(&*last_result_);
  if (!hours) return out + "\terror";
  return out + (hours->is_open(*at) ? "\topen" : "\tclosed");
}

}  // namespace relais::hours
