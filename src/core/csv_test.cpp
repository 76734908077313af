#include "core/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace relais {
namespace {

std::vector<CsvRow> rows_of(const std::string& text, char delimiter = ',') {
  std::istringstream in(text);
  return read_csv_rows(in, delimiter);
}

TEST(CoreCsv, RowsKnowTheLineTheyStartOn) {
  auto rows = rows_of("\xEF\xBB\xBF" "a;b\r\n\r\n1;\"x\ny\"\n2;z", ';');
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(rows[1].line, 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "x\ny"}));
  EXPECT_EQ(rows[2].line, 5u);
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"2", "z"}));
}

TEST(CoreCsv, EmptyFieldsAndQuotedDelimiters) {
  auto rows = rows_of("a,,\"b,c\",\"\"\"q\"\"\"\n", ',');
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "", "b,c", "\"q\""}));
}

TEST(CoreCsv, MalformedQuotingIsLocated) {
  try {
    rows_of("a,b\n1,\"open\n2,3\n");
    FAIL() << "no error";
  } catch (const CsvError& e) {
    EXPECT_GE(e.line(), 2u);
  }
  EXPECT_THROW(rows_of("a,b\n1,x\"y\n"), CsvError);
  EXPECT_TRUE(rows_of("").empty());
}

}  // namespace
}  // namespace relais
