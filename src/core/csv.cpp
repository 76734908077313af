#include "core/csv.h"

#include <csv.h>

#include <memory>

namespace relais {

namespace {

// libcsv hands fields and row ends to C callbacks. It is fed one physical
// line at a time so each row knows where it started.
struct Collector {
  std::vector<CsvRow> rows;
  CsvRow current;
  std::size_t line = 0;  // the line being fed
  bool in_row = false;

  void start_if_needed() {
    if (!in_row) {
      current.line = line;
      in_row = true;
    }
  }
  static void on_field(void* data, std::size_t size, void* self) {
    auto* me = static_cast<Collector*>(self);
    me->start_if_needed();
    me->current.fields.emplace_back(static_cast<const char*>(data), size);
  }
  static void on_row(int, void* self) {
    auto* me = static_cast<Collector*>(self);
    me->start_if_needed();
    me->rows.push_back(std::move(me->current));
    me->current = CsvRow{};
    me->in_row = false;
  }
};

struct ParserDeleter {
  void operator()(csv_parser* p) const {
    csv_free(p);
    delete p;
  }
};

}  // namespace

std::vector<CsvRow> read_csv_rows(std::istream& in, char delimiter) {
  std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser{});
  if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    delete parser.release();
    throw CsvError(0, "libcsv could not start");
  }
  csv_set_delim(parser.get(), static_cast<unsigned char>(delimiter));
  Collector collector;
  std::string text;
  bool first = true;
  while (std::getline(in, text)) {
    ++collector.line;
    if (first && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    first = false;
    text.push_back('\n');
    if (csv_parse(parser.get(), text.data(), text.size(), Collector::on_field, Collector::on_row, &collector) !=
        text.size()) {
      throw CsvError(collector.line, csv_strerror(csv_error(parser.get())));
    }
  }
  if (csv_fini(parser.get(), Collector::on_field, Collector::on_row, &collector) != 0) {
    throw CsvError(collector.line, csv_strerror(csv_error(parser.get())));
  }
  return std::move(collector.rows);
}

}  // namespace relais
