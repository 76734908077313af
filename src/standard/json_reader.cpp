#include "standard/json_reader.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "standard/layout.h"

namespace relais::standard {
namespace {

using json = nlohmann::json;

// Input iterator over the buffer that publishes how far the parser has read,
// so that SAX events can be located (nlohmann's SAX events carry no position).
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at = nullptr;
  const char** cursor = nullptr;

  reference operator*() const { return *at; }
  TrackingIterator& operator++() {
    ++at;
    *cursor = at;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto copy = *this;
    ++*this;
    return copy;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.at == b.at; }
};

// Builds RawRecords from the SAX events of a top-level array of flat objects.
class RecordsSax {
 public:
  RecordsSax(std::string_view bytes, std::string_view file_name)
      : bytes_(bytes), file_name_(file_name), cursor_(bytes.data()) {}

  const char** cursor() { return &cursor_; }
  ReadResult result;

  // --- nlohmann SAX interface ---
  bool null() { return scalar(std::nullopt); }
  bool boolean(bool value) { return scalar(value ? "true" : "false"); }
  bool number_integer(json::number_integer_t value) { return scalar(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return scalar(std::to_string(value)); }
  // The source token keeps the producer's digits (46.27947045 stays so).
  bool number_float(json::number_float_t, const std::string& token) { return scalar(token); }
  bool string(std::string& value) { return scalar(std::move(value)); }
  bool binary(json::binary_t&) { return scalar(std::string()); }  // not produced by the JSON lexer

  bool start_object(std::size_t) {
    if (skip_ > 0) return ++skip_, true;
    switch (state_) {
      case State::Top:
        return top_level_error();
      case State::InArray:
        begin_record();
        return true;
      case State::InRecord:
        record_problem(key_, "json.nested_value", "an object is not a valid field value: field ignored",
                       Severity::Error, Action::FieldDropped);
        skip_ = 1;
        return true;
      case State::InValueArray:
        array_bad_ = true;
        skip_ = 1;
        return true;
      case State::Done:
        return true;
    }
    return true;
  }

  bool end_object() {
    if (skip_ > 0) return --skip_, true;
    if (state_ == State::InRecord) end_record();
    return true;
  }

  bool start_array(std::size_t) {
    if (skip_ > 0) return ++skip_, true;
    switch (state_) {
      case State::Top:
        state_ = State::InArray;
        return true;
      case State::InArray:
        not_an_object();
        skip_ = 1;
        return true;
      case State::InRecord:
        state_ = State::InValueArray;
        items_.clear();
        array_bad_ = false;
        return true;
      case State::InValueArray:
        array_bad_ = true;
        skip_ = 1;
        return true;
      case State::Done:
        return true;
    }
    return true;
  }

  bool end_array() {
    if (skip_ > 0) return --skip_, true;
    if (state_ == State::InValueArray) {
      end_value_array();
      state_ = State::InRecord;
    } else if (state_ == State::InArray) {
      state_ = State::Done;
    }
    return true;
  }

  bool key(std::string& name) {
    if (skip_ == 0 && state_ == State::InRecord) key_ = std::move(name);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    auto [line, column] = line_column(std::min(position, bytes_.size()));
    std::string what = ex.what();
    bool utf8 = what.find("UTF-8") != std::string::npos;
    fatal(utf8 ? "encoding.utf8" : "json.syntax",
          std::string(utf8 ? "invalid UTF-8" : "JSON syntax error") + " at line " +
              std::to_string(line) + ", column " + std::to_string(column) + ": " + what,
          line);
    return false;
  }

  // After a successful parse: joins array values with the layout's separator
  // and reports unknown keys, once per key.
  void finish() {
    if (result.fatal) return;
    result.layout = detect_layout(key_order_);
    const char separator = list_separator(result.layout);
    for (auto& pending : arrays_) {
      std::string joined;
      for (std::size_t i = 0; i < pending.items.size(); ++i) {
        if (i > 0) joined += separator;
        joined += pending.items[i];
      }
      result.records[pending.record].set(pending.key, std::move(joined));
    }
    for (const auto& name : key_order_) {
      const auto& first = first_seen_.at(name);
      if (array_keys_.contains(name)) {
        add_problem(first.line, first.record, "", name, "json.array_value",
                    std::string("arrays of this key are joined with '") + separator + "'",
                    Severity::Warning, Action::None);
      }
      if (!is_known_field(name, result.layout)) {
        add_problem(first.line, first.record, "", name, "json.unknown_field",
                    "key is not a field of the " + std::string(layout_name(result.layout)) +
                        " layout (kept as is)",
                    Severity::Warning, Action::None, name);
      }
    }
    if (elements_ == 0)
      add_problem(0, 0, "", "", "file.no_records", "the array has no record", Severity::Warning,
                  Action::None);
  }

 private:
  enum class State { Top, InArray, InRecord, InValueArray, Done };
  struct Pending {
    std::size_t record;
    std::string key;
    std::vector<std::string> items;
  };
  struct FirstSeen {
    std::size_t line, record;
  };

  bool scalar(std::optional<std::string> text) {
    if (skip_ > 0) return true;
    switch (state_) {
      case State::Top:
        return top_level_error();
      case State::InArray:
        not_an_object();
        return true;
      case State::InRecord:
        note_key();
        if (!text || text->empty()) return true;  // null and "" mean absent, as an empty CSV cell
        if (record_.find(key_))
          record_problem(key_, "json.duplicate_key", "the key appears twice; the last value is kept",
                         Severity::Warning, Action::None);
        record_.set(key_, std::move(*text));
        return true;
      case State::InValueArray:
        if (text && !text->empty()) items_.push_back(std::move(*text));
        return true;
      case State::Done:
        return true;
    }
    return true;
  }

  void note_key() {
    if (first_seen_.emplace(key_, FirstSeen{record_.line, record_.index}).second)
      key_order_.push_back(key_);
  }

  void begin_record() {
    state_ = State::InRecord;
    record_ = RawRecord{};
    record_.index = elements_++;
    record_.line = line_column(static_cast<std::size_t>(cursor_ - bytes_.data()) - 1).first;
    first_problem_ = result.problems.size();
  }

  void end_record() {
    state_ = State::InArray;
    if (const auto* id = record_.find("id"))
      for (std::size_t i = first_problem_; i < result.problems.size(); ++i)
        result.problems[i].record_id = *id;
    result.records.push_back(std::move(record_));
  }

  void end_value_array() {
    note_key();
    if (array_bad_) {
      record_problem(key_, "json.nested_value", "an array holds objects or arrays: field ignored",
                     Severity::Error, Action::FieldDropped);
      return;
    }
    if (items_.empty()) return;
    array_keys_.insert(key_);
    record_.set(key_, "");  // keeps the field's position; text joined in finish()
    arrays_.push_back(Pending{result.records.size(), key_, std::move(items_)});
    items_.clear();
  }

  void not_an_object() {
    std::size_t line = line_column(static_cast<std::size_t>(cursor_ - bytes_.data()) - 1).first;
    add_problem(line, elements_++, "", "", "json.not_object",
                "an element of the top-level array is not an object: ignored", Severity::Error,
                Action::RecordDropped);
  }

  bool top_level_error() {
    fatal("json.top_level", "the top level must be an array of objects", 1);
    return false;
  }

  void fatal(std::string rule, std::string message, std::size_t line) {
    result.fatal = true;
    add_problem(line, 0, "", "", std::move(rule), std::move(message), Severity::Error,
                Action::FileRejected);
  }

  void record_problem(const std::string& field, std::string rule, std::string message,
                      Severity severity, Action action) {
    add_problem(record_.line, record_.index, "", field, std::move(rule), std::move(message),
                severity, action);
  }

  void add_problem(std::size_t line, std::size_t record, std::string record_id, std::string field,
                   std::string rule, std::string message, Severity severity, Action action,
                   std::string value = {}) {
    Problem p;
    p.file = std::string(file_name_);
    p.line = line;
    p.record = record;
    p.record_id = std::move(record_id);
    p.field = std::move(field);
    p.value = std::move(value);
    p.rule = std::move(rule);
    p.message = std::move(message);
    p.severity = severity;
    p.action = action;
    result.problems.push_back(std::move(p));
  }

  // 1-based line and column of a byte offset. Offsets only grow during a
  // parse, so newlines are counted incrementally (linear overall).
  std::pair<std::size_t, std::size_t> line_column(std::size_t offset) {
    if (offset < counted_offset_) {  // not expected; recount from the start
      counted_offset_ = 0;
      counted_lines_ = 1;
      line_start_ = 0;
    }
    for (std::size_t i = counted_offset_; i < offset; ++i) {
      if (bytes_[i] == '\n') {
        ++counted_lines_;
        line_start_ = i + 1;
      }
    }
    counted_offset_ = offset;
    return {counted_lines_, offset - line_start_ + 1};
  }

  std::string_view bytes_;
  std::string_view file_name_;
  const char* cursor_;
  State state_ = State::Top;
  int skip_ = 0;
  std::string key_;
  RawRecord record_;
  std::size_t first_problem_ = 0;
  std::size_t elements_ = 0;
  std::vector<std::string> items_;
  bool array_bad_ = false;
  std::vector<Pending> arrays_;
  std::set<std::string> array_keys_;
  std::map<std::string, FirstSeen> first_seen_;
  std::vector<std::string> key_order_;
  std::size_t counted_offset_ = 0, counted_lines_ = 1, line_start_ = 0;
};

}  // namespace

ReadResult read_json(std::string_view bytes, std::string_view file_name) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // silently, as for CSV
  RecordsSax sax(bytes, file_name);
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    Problem p;
    p.file = std::string(file_name);
    p.rule = "file.empty";
    p.message = "the file is empty";
    p.action = Action::FileRejected;
    sax.result.fatal = true;
    sax.result.problems.push_back(std::move(p));
    return std::move(sax.result);
  }
  TrackingIterator first{bytes.data(), sax.cursor()};
  TrackingIterator last{bytes.data() + bytes.size(), sax.cursor()};
  json::sax_parse(first, last, &sax);
  sax.finish();
  if (sax.result.fatal) sax.result.records.clear();
  return std::move(sax.result);
}

}  // namespace relais::standard
