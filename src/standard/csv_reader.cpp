#include "standard/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "standard/layout.h"
#include "standard/reading_problem.h"

namespace relais::standard {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// libcsv trims spaces around unquoted fields by default; the standard says a
// cell is its exact text, so nothing counts as a space.
int no_space(unsigned char) { return 0; }

// ASCII (the bulk of real cells) is valid UTF-8; skip the full decoder for it.
bool valid_utf8(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  return ascii || is_valid_utf8(text);
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of("\r\n") == std::string_view::npos;
}

// Byte offset of the first invalid UTF-8 sequence, for the problem message.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size() || !is_valid_utf8(text.substr(i, n))) return i;
    i += n;
  }
  return text.size();
}

// Replaces invalid bytes so that the problem's value can go into reports.
std::string printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x80) out += static_cast<char>(c);
    else out += "\\x", out += "0123456789ABCDEF"[c >> 4], out += "0123456789ABCDEF"[c & 15];
  }
  return out;
}

// One parse of the whole buffer. Records are built as libcsv completes rows.
class CsvPass {
 public:
  CsvPass(std::string_view file_name, char delimiter) : file_name_(file_name), delimiter_(delimiter) {}

  // Runs libcsv over `body` (BOM already removed). strict: report the first
  // malformed quote instead of tolerating it. Returns false if strict parsing
  // stopped at a malformed quote (error_line_ then says where).
  bool run(std::string_view body, bool strict) {
    csv_parser parser{};
    csv_init(&parser, static_cast<unsigned char>(CSV_STRICT_FINI | (strict ? CSV_STRICT : 0)));
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter_));
    csv_set_space_func(&parser, no_space);
    std::size_t pos = 0;
    while (pos < body.size()) {
      const void* nl = std::memchr(body.data() + pos, '\n', body.size() - pos);
      std::size_t end = nl ? static_cast<const char*>(nl) - body.data() + 1 : body.size();
      std::string_view chunk = body.substr(pos, end - pos);
      if (between_rows_ && !is_blank_line(chunk)) {
        row_line_ = line_;
        between_rows_ = false;
      }
      if (csv_parse(&parser, chunk.data(), chunk.size(), on_cell, on_row, this) != chunk.size()) {
        error_line_ = line_;
        csv_free(&parser);
        return false;
      }
      pos = end;
      ++line_;
    }
    if (csv_fini(&parser, on_cell, on_row, this) != 0) {
      // Only CSV_STRICT_FINI fails here: a quoted field never closed.
      add_problem(row_line_, data_rows_, "", "", "csv.unterminated_quote",
                  "a quoted cell is never closed: the rest of the file from this line was not read",
                  Severity::Error, Action::RecordDropped);
    }
    csv_free(&parser);
    if (!have_header_) return true;
    if (data_rows_ == 0)
      add_problem(0, 0, "", "", "file.no_records", "the file has a header but no record",
                  Severity::Warning, Action::None);
    return true;
  }

  ReadResult result;
  std::size_t error_line_ = 0;

  void add_problem(std::size_t line, std::size_t record, std::string record_id, std::string field,
                   std::string rule, std::string message, Severity severity, Action action,
                   std::string value = {}) {
    add_reading_problem(result.problems, file_name_, line, record, std::move(record_id), std::move(field),
                        std::move(rule), std::move(message), severity, action, std::move(value));
  }

 private:
  static void on_cell(void* text, std::size_t size, void* self) {
    static_cast<CsvPass*>(self)->cells_.emplace_back(static_cast<const char*>(text), size);
  }
  static void on_row(int, void* self) {
    auto* pass = static_cast<CsvPass*>(self);
    pass->end_row();
    pass->cells_.clear();
    pass->between_rows_ = true;
  }

  void end_row() {
    if (!have_header_) {
      take_header();
      return;
    }
    take_record();
    ++data_rows_;
  }

  void take_header() {
    have_header_ = true;
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      if (!valid_utf8(cells_[i])) {
        add_problem(row_line_, 0, "", "", "encoding.utf8",
                    "the header is not valid UTF-8 (column " + std::to_string(i + 1) + ")",
                    Severity::Error, Action::FileRejected, printable(cells_[i]));
        result.fatal = true;
      }
    }
    if (result.fatal) return;
    columns_ = cells_;
    result.layout = detect_layout(columns_);
    ignored_.assign(columns_.size(), false);
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const auto& name = columns_[i];
      if (name.empty()) {
        ignored_[i] = true;
        add_problem(row_line_, 0, "", "", "csv.unknown_column",
                    "column " + std::to_string(i + 1) + " has no name: its cells are ignored",
                    Severity::Warning, Action::FieldDropped);
      } else if (!seen.emplace(name, i).second) {
        ignored_[i] = true;
        add_problem(row_line_, 0, "", name, "csv.duplicate_column",
                    "column " + std::to_string(i + 1) + " repeats the name of column " +
                        std::to_string(seen[name] + 1) + ": its cells are ignored",
                    Severity::Error, Action::FieldDropped, name);
      } else if (!is_known_field(name, result.layout)) {
        add_problem(row_line_, 0, "", name, "csv.unknown_column",
                    "column is not a field of the " + std::string(layout_name(result.layout)) +
                        " layout (kept as is)",
                    Severity::Warning, Action::None, name);
      }
    }
  }

  void take_record() {
    if (result.fatal) return;
    const std::size_t index = data_rows_;
    std::string id;
    for (std::size_t i = 0; i < std::min(cells_.size(), columns_.size()); ++i)
      if (!ignored_[i] && columns_[i] == "id") id = printable(cells_[i]);

    if (std::all_of(cells_.begin(), cells_.end(), [](const auto& c) { return c.empty(); })) {
      add_problem(row_line_, index, "", "", "csv.empty_row", "the row has only empty cells",
                  Severity::Warning, Action::RecordDropped);
      return;
    }
    if (cells_.size() < columns_.size()) {
      add_problem(row_line_, index, id, "", "csv.missing_cells",
                  "the row has " + std::to_string(cells_.size()) + " cells, the header " +
                      std::to_string(columns_.size()),
                  Severity::Error, Action::RecordDropped);
      return;
    }
    if (cells_.size() > columns_.size()) {
      bool extra_empty = std::all_of(cells_.begin() + static_cast<std::ptrdiff_t>(columns_.size()),
                                     cells_.end(), [](const auto& c) { return c.empty(); });
      std::string message = "the row has " + std::to_string(cells_.size()) + " cells, the header " +
                            std::to_string(columns_.size());
      if (!extra_empty) {
        add_problem(row_line_, index, id, "", "csv.extra_cells", message, Severity::Error,
                    Action::RecordDropped);
        return;
      }
      // Trailing empty cells (a final separator) lose nothing.
      add_problem(row_line_, index, id, "", "csv.extra_cells", message + " (extra cells empty)",
                  Severity::Warning, Action::None);
    }
    RawRecord record;
    record.line = row_line_;
    record.index = index;
    record.fields.reserve(columns_.size());
    bool drop = false;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (ignored_[i] || cells_[i].empty()) continue;
      if (!valid_utf8(cells_[i])) {
        add_problem(row_line_, index, id, columns_[i], "encoding.utf8",
                    "the cell is not valid UTF-8 (byte " +
                        std::to_string(first_invalid_utf8(cells_[i]) + 1) + ")",
                    Severity::Error, Action::RecordDropped, printable(cells_[i]));
        drop = true;
        continue;
      }
      record.fields.emplace_back(columns_[i], std::move(cells_[i]));
    }
    if (!drop) result.records.push_back(std::move(record));
  }

  std::string_view file_name_;
  char delimiter_;
  std::vector<std::string> cells_;
  std::vector<std::string> columns_;
  std::vector<bool> ignored_;
  bool have_header_ = false;
  bool between_rows_ = true;
  std::size_t line_ = 1;
  std::size_t row_line_ = 1;
  std::size_t data_rows_ = 0;
};

}  // namespace

ReadResult read_csv(std::string_view bytes, std::string_view file_name) {
  // A UTF-8 BOM (written by spreadsheet software) is removed silently.
  std::string_view body = bytes.starts_with(kBom) ? bytes.substr(kBom.size()) : bytes;

  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    ReadResult empty;
    empty.fatal = true;
    Problem p;
    p.file = std::string(file_name);
    p.rule = "file.empty";
    p.message = "the file is empty";
    p.action = Action::FileRejected;
    empty.problems.push_back(std::move(p));
    return empty;
  }

  // The standard uses ','; spreadsheets in French locales export ';'. The header
  // decides: more ';' than ',' in its first line means ';'.
  std::string_view header = body.substr(0, body.find('\n'));
  char delimiter = std::count(header.begin(), header.end(), ';') >
                           std::count(header.begin(), header.end(), ',')
                       ? ';'
                       : ',';

  CsvPass strict(file_name, delimiter);
  ReadResult result;
  if (strict.run(body, /*strict=*/true)) {
    result = std::move(strict.result);
  } else {
    // A quote in the middle of a cell (e.g. the national pipeline writes
    // "a "b" c" without doubling): read again with libcsv's tolerant rules,
    // which keep such quotes as text, and say so.
    CsvPass tolerant(file_name, delimiter);
    tolerant.run(body, /*strict=*/false);
    result = std::move(tolerant.result);
    Problem p;
    p.file = std::string(file_name);
    p.line = strict.error_line_;
    p.rule = "csv.malformed_quotes";
    p.message = "a double quote is misplaced (RFC 4180); from this line on, quotes inside "
                "cells were kept as text";
    p.severity = Severity::Warning;
    result.problems.insert(result.problems.begin(), std::move(p));
  }
  if (delimiter == ';') {
    Problem p;
    p.file = std::string(file_name);
    p.line = 1;
    p.rule = "csv.separator";
    p.message = "the columns are separated by ';' instead of ','; read with ';'";
    p.severity = Severity::Warning;
    result.problems.insert(result.problems.begin(), std::move(p));
  }
  if (result.fatal) result.records.clear();
  return result;
}

}  // namespace relais::standard
