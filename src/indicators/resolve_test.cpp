#include "indicators/resolve.h"

#include <gtest/gtest.h>

#include <sstream>

namespace relais::indicators {
namespace {

territory::CommuneIndex communes() {
  std::vector<territory::Commune> list(5);
  list[0].code_insee = "01033";  // Valserhône: Bellegarde (01033) + Châtillon (01091) + Lancrans (01205)
  list[0].anciens_codes = {"01091", "01205"};
  list[1].code_insee = "01100";
  list[1].anciens_codes = {"01099"};
  list[2].code_insee = "75056";
  list[3].code_insee = "75101";
  list[3].commune_parente = "75056";
  list[4].code_insee = "13001";
  return territory::CommuneIndex(std::move(list));
}

IndicatorFile file_of(const std::string& csv, const Mapping& mapping) {
  std::istringstream in(csv);
  return read_indicators(in, mapping, "f.csv");
}

const Mapping& two_rates() {
  static const Mapping m = parse_mapping(
      R"({"source": "s", "date": "2017", "code": "code", "indicators": {"a": {"column": "a"}, "b": {"column": "b"}}})");
  return m;
}

TEST(IndicatorsResolve, FormerCommunesAreCountedInTheCommuneThatAbsorbedThem) {
  auto file = file_of(
      "code,a,b\n"
      "01033,10,\n"   // Bellegarde before the merger: its code is now Valserhône's
      "01091,20,\n"
      "01205,,\n"
      "01099,5,6\n"   // alone: counted in 01100
      "75101,1,2\n"   // an arrondissement stays itself
      "13001,3,\n"
      "99999,7,7\n",  // no such commune
      two_rates());
  ASSERT_TRUE(file.problems.empty());
  auto resolved = resolve_codes(file, two_rates(), communes(), "f.csv");
  ASSERT_EQ(resolved.rows.size(), 4u);
  EXPECT_EQ(resolved.rows[0].code, "01033");
  EXPECT_EQ(resolved.rows[0].values[0], 15.0) << "mean of the values present, missing ones left out";
  EXPECT_FALSE(resolved.rows[0].values[1]) << "missing everywhere stays missing";
  EXPECT_EQ(resolved.rows[0].source_codes, (std::vector<std::string>{"01033", "01091", "01205"}));
  EXPECT_EQ(resolved.rows[1].code, "01100");
  EXPECT_EQ(resolved.rows[1].values[1], 6.0);
  EXPECT_EQ(resolved.rows[2].code, "13001");
  EXPECT_EQ(resolved.rows[3].code, "75101");
  ASSERT_EQ(resolved.problems.size(), 3u) << "every commune of the table has a row here";
  EXPECT_EQ(resolved.problems[0].rule, "indicators.unknown_commune");
  EXPECT_EQ(resolved.problems[0].line, 8u);
  EXPECT_EQ(resolved.problems[0].action, Action::RecordDropped);
  EXPECT_EQ(resolved.problems[1].rule, "indicators.former_commune");
  EXPECT_EQ(resolved.problems[1].value, "01033, 01091, 01205");
  EXPECT_EQ(resolved.problems[1].line, 2u);
  EXPECT_EQ(resolved.problems[2].value, "01099");
}

TEST(IndicatorsResolve, AFileOfTodaysCommunesIsKeptAsItIs) {
  auto file = file_of("code,a,b\n01033,1,2\n01100,3,4\n75101,5,6\n", two_rates());
  auto resolved = resolve_codes(file, two_rates(), communes(), "f.csv");
  ASSERT_EQ(resolved.problems.size(), 1u) << "13001 has no row (Paris has one through its arrondissement)";
  EXPECT_EQ(resolved.problems[0].rule, "indicators.missing_communes");
  EXPECT_EQ(resolved.problems[0].value, "13001");
  EXPECT_EQ(resolved.problems[0].message.substr(0, 2), "1 ");
  ASSERT_EQ(resolved.rows.size(), 3u);
  EXPECT_EQ(resolved.rows[0].values[0], 1.0);
}

TEST(IndicatorsResolve, OtherLevelsAreNotLookedUp) {
  auto mapping = parse_mapping(
      R"({"source": "s", "date": "d", "level": "epci", "code": "code", "indicators": {"a": {"column": "a"}}})");
  auto file = file_of("code,a\n200000438,2\n200000172,1\n", mapping);
  auto resolved = resolve_codes(file, mapping, communes(), "f.csv");
  ASSERT_EQ(resolved.rows.size(), 2u);
  EXPECT_EQ(resolved.rows[0].code, "200000172");
}

TEST(IndicatorsResolve, IrisStayIrisOfTodaysCommunes) {
  const Mapping iris = parse_mapping(
      R"({"source": "s", "date": "2019", "level": "iris", "code": "IRIS", "indicators": {"p": {"column": "P"}}})");
  auto file = file_of(
      "IRIS,P\n"
      "751010101,1200\n"   // an IRIS of Paris 1er (an arrondissement)
      "13001 0203,3\n"     // not an IRIS code: reported by the reader
      "130010203,\n"       // Marseille 1er... here 13001 is a commune: kept, value missing
      "010910000,40\n"     // Châtillon, merged into Valserhône since: left out, said so
      "999990000,1\n"      // no such commune
      "1300102,2\n",       // 7 characters
      iris);
  EXPECT_EQ(file.problems.size(), 2u) << "two codes that are not IRIS codes";
  const auto resolved = resolve_codes(file, iris, communes(), "f.csv");
  ASSERT_EQ(resolved.rows.size(), 2u);
  EXPECT_EQ(resolved.rows[0].code, "130010203");
  EXPECT_FALSE(resolved.rows[0].values[0]) << "missing stays missing";
  EXPECT_EQ(resolved.rows[1].code, "751010101");
  EXPECT_EQ(*resolved.rows[1].values[0], 1200);
  ASSERT_EQ(resolved.problems.size(), 2u);
  EXPECT_EQ(resolved.problems[0].rule, "indicators.former_commune_iris");
  EXPECT_NE(resolved.problems[0].message.find("01033"), std::string::npos);
  EXPECT_EQ(resolved.problems[1].rule, "indicators.unknown_commune");
  EXPECT_EQ(level_name(iris), "iris");
}

}  // namespace
}  // namespace relais::indicators
