#include "validation/import.h"

#include <unordered_set>
#include <utility>

#include "standard/v01.h"

namespace relais::validation {

namespace {

void count_problems(ImportResult& result) {
  result.counts.errors = result.counts.warnings = result.counts.dropped_fields = 0;
  for (const auto& p : result.problems) {
    (p.severity == Severity::Error ? result.counts.errors : result.counts.warnings)++;
    if (p.action == Action::FieldDropped) ++result.counts.dropped_fields;
  }
}

}  // namespace

ImportResult import_records(standard::ReadResult read, std::string_view file_name,
                            const ImportOptions& options) {
  ImportResult result;
  result.file = std::string(file_name);
  result.layout = read.layout;
  result.problems = std::move(read.problems);
  result.counts.read = read.records.size();
  if (read.fatal) {
    result.rejected = true;
    count_problems(result);
    return result;
  }
  Options validation{options.policy, options.today};
  std::unordered_set<std::string> seen_ids;
  seen_ids.reserve(read.records.size());
  result.places.reserve(read.records.size());
  for (auto& record : read.records) {
    RawRecord v1 = read.layout == standard::Layout::V0_1
                       ? standard::map_v01_to_v1(std::move(record), file_name, result.problems)
                       : std::move(record);
    auto place = to_place(v1, file_name, result.problems, validation);
    if (!place) {
      ++result.counts.dropped_records;
      continue;
    }
    if (!seen_ids.insert(place->id).second) {
      result.problems.push_back(Problem{result.file, v1.line, v1.index, place->id, "id", place->id,
                                        "id.duplicate", "an earlier record of the file has the same id",
                                        Severity::Error,
                                        options.policy == Policy::Strict ? Action::None : Action::RecordDropped});
      ++result.counts.dropped_records;
      continue;
    }
    if (options.source) place->source = *options.source;
    result.places.push_back(std::move(*place));
  }
  count_problems(result);
  if (options.policy == Policy::Strict && result.counts.errors > 0) {
    result.rejected = true;
    result.places.clear();
    for (auto& p : result.problems)
      if (p.severity == Severity::Error) p.action = Action::FileRejected;
    result.counts.dropped_records = result.counts.read;
    result.counts.dropped_fields = 0;
  }
  result.counts.accepted = result.places.size();
  return result;
}

ImportResult import_buffer(std::string_view bytes, std::string_view file_name, const ImportOptions& options) {
  return import_records(standard::read_buffer(bytes, file_name, options.format), file_name, options);
}

ImportResult import_file(const std::filesystem::path& path, const ImportOptions& options) {
  return import_records(standard::read_file(path, options.format), path.string(), options);
}

ImportResult validate_file(const std::filesystem::path& path, const ImportOptions& options) {
  ImportResult result = import_file(path, options);
  result.places.clear();
  result.places.shrink_to_fit();
  return result;
}

bool has_errors(const ImportResult& result) {
  for (const auto& p : result.problems)
    if (p.severity == Severity::Error) return true;
  return false;
}

std::string_view severity_name(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::None: return "none";
    case Action::FieldDropped: return "field_dropped";
    case Action::RecordDropped: return "record_dropped";
    case Action::FileRejected: return "file_rejected";
  }
  return "none";
}

void report_text(const ImportResult& r, std::ostream& out) {
  out << r.file << ": layout " << standard::layout_name(r.layout) << ", " << r.counts.read
      << " records read, " << r.counts.accepted << " accepted, " << r.counts.dropped_records
      << " dropped, " << r.counts.dropped_fields << " fields dropped, " << r.counts.errors << " errors, "
      << r.counts.warnings << " warnings" << (r.rejected ? ", FILE REJECTED" : "") << '\n';
  for (const auto& p : r.problems) {
    out << p.file << ':' << p.line << " [record " << p.record;
    if (!p.record_id.empty()) out << ", id " << p.record_id;
    out << "] ";
    if (!p.field.empty()) out << p.field << "=\"" << p.value << "\" ";
    out << p.rule << " (" << severity_name(p.severity) << ", " << action_name(p.action) << "): " << p.message
        << '\n';
  }
}

nlohmann::json report_json(const ImportResult& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"file", p.file}, {"line", p.line}, {"record", p.record}, {"record_id", p.record_id},
                        {"field", p.field}, {"value", p.value}, {"rule", p.rule}, {"message", p.message},
                        {"severity", severity_name(p.severity)}, {"action", action_name(p.action)}});
  }
  return {{"file", r.file},
          {"layout", standard::layout_name(r.layout)},
          {"rejected", r.rejected},
          {"counts",
           {{"read", r.counts.read}, {"accepted", r.counts.accepted}, {"dropped_records", r.counts.dropped_records},
            {"dropped_fields", r.counts.dropped_fields}, {"errors", r.counts.errors},
            {"warnings", r.counts.warnings}}},
          {"problems", std::move(problems)}};
}

}  // namespace relais::validation
