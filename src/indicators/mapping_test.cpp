#include "indicators/mapping.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace relais::indicators {
namespace {

namespace fs = std::filesystem;

TEST(IndicatorsMapping, ReadsEveryMember) {
  auto m = parse_mapping(R"({"source": "ARCEP", "date": "2019-09-30", "header_line": 2, "separator": ";",
    "code": "code_insee", "level": "commune",
    "indicators": {"z_thd": {"sum": ["a", "b"], "divide_by": "n", "scale": 100, "complement": 100},
                   "a_plain": {"column": "x"}}})");
  EXPECT_EQ(m.source, "ARCEP");
  EXPECT_EQ(m.header_line, 2u);
  EXPECT_EQ(m.separator, ';');
  EXPECT_EQ(m.code_column, "code_insee");
  ASSERT_EQ(m.indicators.size(), 2u);
  EXPECT_EQ(m.indicators[0].name, "z_thd");  // the file's order, not sorted
  EXPECT_EQ(m.indicators[0].sum, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(m.indicators[0].divide_by, "n");
  EXPECT_EQ(m.indicators[0].scale, 100);
  EXPECT_EQ(m.indicators[0].complement, 100);
  EXPECT_EQ(m.indicators[1].sum, (std::vector<std::string>{"x"}));
  EXPECT_FALSE(m.indicators[1].divide_by);
  EXPECT_EQ(m.indicators[1].scale, 1);
}

TEST(IndicatorsMapping, ErrorsNameTheMember) {
  auto error_of = [](const std::string& text) {
    try {
      parse_mapping(text);
    } catch (const MappingError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string head = R"({"source": "s", "date": "d", "code": "c", )";
  EXPECT_TRUE(error_of("{").starts_with("not JSON")) << error_of("{");
  EXPECT_TRUE(error_of("[8e10605010]").starts_with("not JSON"));  // found by fuzz/indicators_fuzz.cpp
  EXPECT_EQ(error_of(R"({"date": "d", "code": "c", "indicators": {"i": {"column": "x"}}})"), "source: missing");
  EXPECT_EQ(error_of(head + R"("indicators": {}})"), "indicators: must be a non-empty object");
  EXPECT_EQ(error_of(head + R"("indicators": {"i": {"column": "x", "sum": ["y"]}}})"),
            "indicators.i: needs exactly one of \"column\" and \"sum\"");
  EXPECT_EQ(error_of(head + R"("indicators": {"i": {"column": "x", "scale": 0}}})"), "indicators.i.scale: must not be 0");
  EXPECT_EQ(error_of(head + R"("indicators": {"i": {"column": "x", "weight": 2}}})"), "indicators.i.weight: unknown member");
  EXPECT_EQ(error_of(head + R"("separator": ";;", "indicators": {"i": {"column": "x"}}})"),
            "separator: must be one character other than a quote or a line break");
  EXPECT_EQ(error_of(head + R"("level": "canton", "indicators": {"i": {"column": "x"}}})"),
            "level: must be iris, commune, epci, departement or region");
  EXPECT_EQ(error_of(head + R"("header_line": 0, "indicators": {"i": {"column": "x"}}})"),
            "header_line: must be a line number (1 or more)");
}

TEST(IndicatorsMapping, TheShippedMappingsParse) {
  const fs::path dir = fs::path(RELAIS_SOURCE_DIR) / "data/indicateurs/mappings";
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NO_THROW(parse_mapping(text.str())) << entry.path();
    ++count;
  }
  EXPECT_GE(count, 5u);
}

}  // namespace
}  // namespace relais::indicators
