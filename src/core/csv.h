// Reading the rows of an open-data CSV file (RFC 4180, with libcsv), each
// with the line it starts on, for the readers of commune-level files
// (territory's La Poste base, indicators). The place standard's reader
// (standard/csv_reader.h) has its own strict, streaming loop.
#pragma once

#include <cstddef>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace relais {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

class CsvError : public std::runtime_error {
 public:
  CsvError(std::size_t line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

// Every row of `in`, split on `delimiter`. Empty lines give no row; a UTF-8
// byte order mark at the start is dropped. A quoted field may span lines (the
// row then starts on the line of its first character). Throws CsvError for
// malformed quoting (an unterminated quote at the end included).
std::vector<CsvRow> read_csv_rows(std::istream& in, char delimiter);

}  // namespace relais
