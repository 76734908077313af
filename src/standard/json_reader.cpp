#include "standard/json_reader.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "standard/layout.h"
#include "standard/reading_problem.h"

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

  // --- nlohmann SAX interface (FastParser calls the same handlers) ---
  bool null() { return scalar({}); }  // null means absent, as "" and an empty CSV cell
  bool boolean(bool value) { return scalar(value ? "true" : "false"); }
  bool number_integer(json::number_integer_t value) { return scalar(std::to_string(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return scalar(std::to_string(value)); }
  // The source token keeps the producer's digits (46.27947045 stays so).
  bool number_float(json::number_float_t, const std::string& token) { return scalar(token); }
  bool string(std::string& value) { return scalar(value); }
  bool binary(json::binary_t&) { return scalar({}); }  // not produced by the JSON lexer

  // Every scalar as its text; "" stands for null and "" (both absent).
  // Strings are copied once, straight from the parser's view.
  bool scalar(std::string_view text) {
    if (skip_ > 0) return true;
    switch (state_) {
      case State::Top:
        return top_level_error();
      case State::InArray:
        not_an_object();
        return true;
      case State::InRecord:
        note_key();
        if (text.empty()) return true;  // null and "" mean absent, as an empty CSV cell
        // One scan for the duplicate check and the assignment (RawRecord::set scans again).
        for (auto& [name, value] : record_.fields) {
          if (name != key_) continue;
          record_problem(key_, "json.duplicate_key", "the key appears twice; the last value is kept",
                         Severity::Warning, Action::None);
          value.assign(text);
          return true;
        }
        record_.fields.emplace_back(key_, text);
        return true;
      case State::InValueArray:
        if (!text.empty()) items_.emplace_back(text);
        return true;
      case State::Done:
        return true;
    }
    return true;
  }

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

  bool key(std::string_view name) {
    if (skip_ == 0 && state_ == State::InRecord) key_.assign(name);  // reuses key_'s buffer
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
    std::size_t order;  // index in key_order_
  };

  void note_key() {
    // Records of a file list about the same keys in the same order: the key
    // after the previous one is tried before the map.
    if (next_key_ < key_order_.size() && key_order_[next_key_] == key_) {
      ++next_key_;
      return;
    }
    auto [seen, added] = first_seen_.try_emplace(key_, FirstSeen{record_.line, record_.index, key_order_.size()});
    if (added) key_order_.push_back(key_);
    next_key_ = seen->second.order + 1;
  }

  void begin_record() {
    state_ = State::InRecord;
    record_ = RawRecord{};
    record_.fields.reserve(fields_hint_);  // records of a file have about the same fields
    record_.index = elements_++;
    record_.line = line_column(static_cast<std::size_t>(cursor_ - bytes_.data()) - 1).first;
    first_problem_ = result.problems.size();
  }

  void end_record() {
    state_ = State::InArray;
    if (const auto* id = record_.find("id"))
      for (std::size_t i = first_problem_; i < result.problems.size(); ++i)
        result.problems[i].record_id = *id;
    fields_hint_ = std::max(fields_hint_, record_.fields.size());
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
    add_reading_problem(result.problems, file_name_, line, record, std::move(record_id), std::move(field),
                        std::move(rule), std::move(message), severity, action, std::move(value));
  }

  // 1-based line and column of a byte offset. Offsets only grow during a
  // parse, so newlines are counted incrementally (linear overall).
  std::pair<std::size_t, std::size_t> line_column(std::size_t offset) {
    if (offset < counted_offset_) {  // not expected; recount from the start
      counted_offset_ = 0;
      counted_lines_ = 1;
      line_start_ = 0;
    }
    // memchr: lines are tens of bytes long, and it scans them in wide steps.
    const char* data = bytes_.data();
    const char* at = data + counted_offset_;
    const char* stop = data + offset;
    while (const void* found = std::memchr(at, '\n', static_cast<std::size_t>(stop - at))) {
      at = static_cast<const char*>(found) + 1;
      ++counted_lines_;
      line_start_ = static_cast<std::size_t>(at - data);
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
  std::map<std::string, FirstSeen, std::less<>> first_seen_;
  std::size_t fields_hint_ = 0;
  std::size_t next_key_ = 0;  // index in key_order_ of the key expected next
  std::vector<std::string> key_order_;
  std::size_t counted_offset_ = 0, counted_lines_ = 1, line_start_ = 0;
};

// Reads the common case straight from the bytes and calls the same RecordsSax
// handlers, in the same order, as nlohmann's SAX parser: nlohmann's lexer goes
// through an input iterator one character at a time (push_back per
// character), which was half of the import's instructions.
// It accepts a subset of what nlohmann accepts: a top-level array whose
// elements are all objects, values nested at most kMaxDepth deep. It returns
// false on anything else (every syntax error, invalid UTF-8, a number that
// overflows a double, a top level nlohmann would reject or report on); the
// sink is then thrown away and read_json reads the bytes again with nlohmann,
// whose problems (messages with line and column) stay the reference.
class FastParser {
 public:
  FastParser(std::string_view bytes, RecordsSax& sax)
      : p_(bytes.data()), end_(bytes.data() + bytes.size()), sax_(sax) {}

  bool parse() {
    skip_space();
    if (!consume('[') || !sax_.start_array(kUnknownSize)) return false;
    skip_space();
    if (!consume(']')) {
      while (true) {
        // Other elements produce json.not_object, located by nlohmann's cursor.
        if (p_ == end_ || *p_ != '{' || !value(0)) return false;
        skip_space();
        if (consume(']')) break;
        if (!consume(',')) return false;
        skip_space();
      }
    }
    if (!sax_.end_array()) return false;
    skip_space();
    return p_ == end_;
  }

 private:
  static constexpr std::size_t kUnknownSize = static_cast<std::size_t>(-1);
  // Deeper nesting (only in bad records) goes to nlohmann, whose parser is not recursive.
  static constexpr int kMaxDepth = 32;

  void skip_space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  bool consume(char c) {
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  bool value(int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '"': {
        std::string_view text;
        return string(text) && sax_.scalar(text);
      }
      case '{': return depth < kMaxDepth && object(depth + 1);
      case '[': return depth < kMaxDepth && array(depth + 1);
      case 't': return literal("true") && sax_.scalar("true");
      case 'f': return literal("false") && sax_.scalar("false");
      case 'n': return literal("null") && sax_.scalar({});
      default: return number();
    }
  }

  bool object(int depth) {
    ++p_;
    *sax_.cursor() = p_;  // as nlohmann's iterator: just past the '{' (record lines)
    if (!sax_.start_object(kUnknownSize)) return false;
    skip_space();
    if (consume('}')) return sax_.end_object();
    while (true) {
      std::string_view name;
      if (p_ == end_ || *p_ != '"' || !string(name) || !sax_.key(name)) return false;
      skip_space();
      if (!consume(':')) return false;
      skip_space();
      if (!value(depth)) return false;
      skip_space();
      if (consume('}')) return sax_.end_object();
      if (!consume(',')) return false;
      skip_space();
    }
  }

  bool array(int depth) {
    ++p_;
    if (!sax_.start_array(kUnknownSize)) return false;
    skip_space();
    if (consume(']')) return sax_.end_array();
    while (true) {
      if (!value(depth)) return false;
      skip_space();
      if (consume(']')) return sax_.end_array();
      if (!consume(',')) return false;
      skip_space();
    }
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }

  // RFC 8259 number; its text is the source token, as number_float gives it.
  // Integers reach the sink as std::to_string of their value, which is the
  // token itself except for "-0".
  bool number() {
    const char* start = p_;
    bool integer = true, exponent = false;
    consume('-');
    if (consume('0')) {
    } else if (p_ != end_ && *p_ >= '1' && *p_ <= '9') {
      skip_digits();
    } else {
      return false;
    }
    if (consume('.')) {
      integer = false;
      if (!skip_digits()) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      exponent = true;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!skip_digits()) return false;
    }
    std::string_view token(start, static_cast<std::size_t>(p_ - start));
    if (integer && token == "-0") return sax_.scalar("0");
    // nlohmann rejects a number that overflows a double (1e999, or an integer
    // of 310 digits); only an exponent or a long token can. strtod as
    // nlohmann, on a NUL-terminated copy.
    if ((exponent || token.size() > 300) && !std::isfinite(std::strtod(std::string(token).c_str(), nullptr)))
      return false;
    return sax_.scalar(token);
  }

  bool skip_digits() {
    const char* start = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != start;
  }

  // A string at '"'. `text` views the bytes when there is no escape (the
  // usual case), otherwise the decoded copy in scratch_.
  bool string(std::string_view& text) {
    const char* start = ++p_;
    const char* run = start;
    bool escaped = false;
    while (true) {
      // ASCII without quote, backslash or control character: the bulk of the
      // text, skipped 8 bytes at a time, then byte by byte.
      skip_plain_words();
      while (p_ != end_) {
        auto c = static_cast<unsigned char>(*p_);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
        ++p_;
      }
      if (p_ == end_) return false;
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c < 0x20) return false;  // control characters must be escaped
      if (c >= 0x80) {
        if (!utf8_sequence()) return false;
        continue;
      }
      // Backslash: from here on the text is decoded into scratch_.
      if (!escaped) scratch_.clear();
      escaped = true;
      scratch_.append(run, p_);
      if (!escape()) return false;
      run = p_;
    }
    if (escaped) {
      scratch_.append(run, p_);
      text = scratch_;
    } else {
      text = std::string_view(start, static_cast<std::size_t>(p_ - start));
    }
    ++p_;  // closing quote
    return true;
  }

  // Skips 8-byte words holding no '"', '\\', control character (< 0x20) or
  // non-ASCII byte (bit tricks of "Bit Twiddling Hacks": a byte below n
  // exists iff (w - n*0x01..) & ~w & 0x80.. is non-zero, for n <= 0x80).
  void skip_plain_words() {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    auto has_below = [](std::uint64_t w, std::uint64_t n) { return (w - n * kOnes) & ~w & kHigh; };
    while (end_ - p_ >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p_, 8);
      std::uint64_t stop = (w & kHigh) | has_below(w, 0x20) | has_below(w ^ ('"' * kOnes), 1) |
                           has_below(w ^ ('\\' * kOnes), 1);
      if (stop != 0) {
        // The lowest flag is exact (false flags only follow a true one): go to that byte.
        if constexpr (std::endian::native == std::endian::little) p_ += std::countr_zero(stop) / 8;
        return;
      }
      p_ += 8;
    }
  }

  // One multi-byte UTF-8 sequence, with the ranges nlohmann's lexer accepts
  // (no overlongs, no surrogates, nothing above U+10FFFF).
  bool utf8_sequence() {
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(p_[i]); };
    auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
    auto left = static_cast<std::size_t>(end_ - p_);
    unsigned char c = at(0);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (in(c, 0xC2, 0xDF)) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (in(c, 0xE1, 0xEC) || c == 0xEE || c == 0xEF) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (in(c, 0xF1, 0xF3)) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return false;
    if (left < n || !in(at(1), lo, hi)) return false;
    for (std::size_t i = 2; i < n; ++i)
      if (!in(at(i), 0x80, 0xBF)) return false;
    p_ += n;
    return true;
  }

  // An escape at '\\', decoded into scratch_.
  bool escape() {
    ++p_;
    if (p_ == end_) return false;
    char c = *p_++;
    switch (c) {
      case '"': case '\\': case '/': scratch_ += c; return true;
      case 'b': scratch_ += '\b'; return true;
      case 'f': scratch_ += '\f'; return true;
      case 'n': scratch_ += '\n'; return true;
      case 'r': scratch_ += '\r'; return true;
      case 't': scratch_ += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    char32_t code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // lone low surrogate
    if (code >= 0xD800 && code <= 0xDBFF) {                // needs its low half
      char32_t low = 0;
      if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(code);
    return true;
  }

  bool hex4(char32_t& code) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      int digit = c >= '0' && c <= '9' ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
      if (digit < 0) return false;
      code = code * 16 + static_cast<char32_t>(digit);
    }
    return true;
  }

  void append_utf8(char32_t cp) {
    auto put = [&](char32_t byte) { scratch_ += static_cast<char>(byte); };
    if (cp < 0x80) {
      put(cp);
    } else if (cp < 0x800) {
      put(0xC0 | (cp >> 6)), put(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      put(0xE0 | (cp >> 12)), put(0x80 | ((cp >> 6) & 0x3F)), put(0x80 | (cp & 0x3F));
    } else {
      put(0xF0 | (cp >> 18)), put(0x80 | ((cp >> 12) & 0x3F)), put(0x80 | ((cp >> 6) & 0x3F)),
          put(0x80 | (cp & 0x3F));
    }
  }

  const char* p_;
  const char* end_;
  RecordsSax& sax_;
  std::string scratch_;
};

}  // namespace

ReadResult read_json_with_nlohmann(std::string_view bytes, std::string_view file_name) {
  RecordsSax sax(bytes, file_name);
  TrackingIterator first{bytes.data(), sax.cursor()};
  TrackingIterator last{bytes.data() + bytes.size(), sax.cursor()};
  json::sax_parse(first, last, &sax);
  sax.finish();
  if (sax.result.fatal) sax.result.records.clear();
  return std::move(sax.result);
}

ReadResult read_json(std::string_view bytes, std::string_view file_name) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // silently, as for CSV
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    ReadResult result;
    Problem p;
    p.file = std::string(file_name);
    p.rule = "file.empty";
    p.message = "the file is empty";
    p.action = Action::FileRejected;
    result.fatal = true;
    result.problems.push_back(std::move(p));
    return result;
  }
  RecordsSax sax(bytes, file_name);
  if (!FastParser(bytes, sax).parse()) return read_json_with_nlohmann(bytes, file_name);
  sax.finish();
  return std::move(sax.result);
}

}  // namespace relais::standard
