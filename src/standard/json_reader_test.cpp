#include "standard/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace relais::standard {
namespace {

std::vector<const Problem*> with_rule(const ReadResult& result, std::string_view rule) {
  std::vector<const Problem*> found;
  for (const auto& p : result.problems)
    if (p.rule == rule) found.push_back(&p);
  return found;
}

TEST(JsonReader, ReadsFlatObjectsWithLines) {
  auto result = read_json("[\n  {\"id\": \"a\", \"nom\": \"A\"},\n\n  {\n \"id\": \"b\"}\n]\n", "t.json");
  EXPECT_FALSE(result.fatal);
  EXPECT_TRUE(result.problems.empty());
  EXPECT_EQ(result.layout, Layout::V1);
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].line, 2u);
  EXPECT_EQ(result.records[1].line, 4u);
  EXPECT_EQ(result.records[1].index, 1u);
  EXPECT_EQ(*result.records[0].find("nom"), "A");
}

TEST(JsonReader, KeepsNumberTokensAndConvertsScalars) {
  auto result = read_json(
      R"([{"latitude": 46.27947045, "longitude": -0.0085880, "code": 51100, "big": 18446744073709551615,
           "neg": -3, "exp": 1E-5, "flag": true, "off": false, "gone": null, "empty": ""}])",
      "t.json");
  ASSERT_EQ(result.records.size(), 1u);
  const auto& r = result.records[0];
  EXPECT_EQ(*r.find("latitude"), "46.27947045");
  EXPECT_EQ(*r.find("longitude"), "-0.0085880");
  EXPECT_EQ(*r.find("code"), "51100");
  EXPECT_EQ(*r.find("big"), "18446744073709551615");
  EXPECT_EQ(*r.find("neg"), "-3");
  EXPECT_EQ(*r.find("exp"), "1E-5");
  EXPECT_EQ(*r.find("flag"), "true");
  EXPECT_EQ(*r.find("off"), "false");
  EXPECT_EQ(r.find("gone"), nullptr);
  EXPECT_EQ(r.find("empty"), nullptr);
}

TEST(JsonReader, JoinsArraysWithTheLayoutSeparator) {
  auto v1 = read_json(R"([{"id":"1","services":["A","B"],"frais_a_charge":"Gratuit"}])", "t.json");
  ASSERT_EQ(v1.records.size(), 1u);
  EXPECT_EQ(*v1.records[0].find("services"), "A|B");
  EXPECT_EQ(v1.records[0].fields[1].first, "services");  // position kept
  EXPECT_EQ(with_rule(v1, "json.array_value").size(), 1u);

  auto v01 = read_json(R"([{"id":"1","services":["A","B"],"cle_ban":"x","courriel":"a@b.fr"}])", "t.json");
  EXPECT_EQ(v01.layout, Layout::V0_1);
  EXPECT_EQ(*v01.records[0].find("services"), "A;B");
}

TEST(JsonReader, NestedValuesAreDroppedWithProblem) {
  auto result = read_json(R"([{"id":"x","adresse":{"voie":"1 rue"},"services":[["a"]],"nom":"N"}])", "t.json");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].find("adresse"), nullptr);
  EXPECT_EQ(result.records[0].find("services"), nullptr);
  EXPECT_EQ(*result.records[0].find("nom"), "N");
  auto found = with_rule(result, "json.nested_value");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]->field, "adresse");
  EXPECT_EQ(found[0]->record_id, "x");
  EXPECT_EQ(found[0]->action, Action::FieldDropped);
}

TEST(JsonReader, TruncatedJsonIsFatalWithLineAndColumn) {
  auto result = read_json("[\n {\"id\": \"1\"},\n {\"id\": \"2\", \"nom\": \"tro", "t.json");
  EXPECT_TRUE(result.fatal);
  EXPECT_TRUE(result.records.empty());
  auto found = with_rule(result, "json.syntax");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->line, 3u);
  EXPECT_NE(found[0]->message.find("line 3, column"), std::string::npos) << found[0]->message;
  EXPECT_EQ(found[0]->action, Action::FileRejected);
}

TEST(JsonReader, TopLevelMustBeAnArray) {
  for (std::string_view bytes : {R"({"lieux": []})", R"("text")"}) {
    auto result = read_json(bytes, "t.json");
    EXPECT_TRUE(result.fatal);
    EXPECT_EQ(with_rule(result, "json.top_level").size(), 1u);
  }
}

TEST(JsonReader, NonObjectElementsAreDropped) {
  auto result = read_json("[\"x\", [1, {\"a\": 2}],\n {\"id\": \"1\"}, 3]", "t.json");
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].index, 2u);
  EXPECT_EQ(result.records[0].line, 2u);
  EXPECT_EQ(with_rule(result, "json.not_object").size(), 3u);
}

TEST(JsonReader, DuplicateKeyKeepsLastWithWarning) {
  auto result = read_json(R"([{"id":"1","nom":"A","nom":"B"}])", "t.json");
  EXPECT_EQ(*result.records[0].find("nom"), "B");
  EXPECT_EQ(with_rule(result, "json.duplicate_key").size(), 1u);
}

TEST(JsonReader, UnknownKeysWarnOncePerKey) {
  auto result = read_json(R"([{"id":"1","x":"a"},{"id":"2","x":"b"}])", "t.json");
  auto found = with_rule(result, "json.unknown_field");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->field, "x");
  EXPECT_EQ(*result.records[1].find("x"), "b");
}

TEST(JsonReader, InvalidUtf8IsFatal) {
  auto result = read_json("[{\"id\":\"caf\xE9\"}]", "t.json");
  EXPECT_TRUE(result.fatal);
  EXPECT_EQ(with_rule(result, "encoding.utf8").size(), 1u);
}

TEST(JsonReader, EmptyInputs) {
  EXPECT_EQ(with_rule(read_json(" \n", "t.json"), "file.empty").size(), 1u);
  auto no_records = read_json("\xEF\xBB\xBF[]", "t.json");
  EXPECT_FALSE(no_records.fatal);
  EXPECT_EQ(with_rule(no_records, "file.no_records").size(), 1u);
}

TEST(JsonReader, LargeInputIsReadInOnePass) {
  std::string bytes = "[";
  const std::size_t records = 50000;
  for (std::size_t i = 0; i < records; ++i) {
    if (i) bytes += ",\n";
    bytes += R"({"id":")" + std::to_string(i) +
             R"(","nom":"Lieu","latitude":45.952791,"longitude":-0.008588,"presentation_detail":")" +
             std::string(300, 'y') + R"(","services":"Accéder à du matériel;Prendre en main un ordinateur"})";
  }
  bytes += "]";
  ASSERT_GT(bytes.size(), 20'000'000u);
  auto result = read_json(bytes, "big.json");
  ASSERT_EQ(result.records.size(), records);
  EXPECT_EQ(result.records.back().line, records);
  EXPECT_EQ(*result.records.back().find("latitude"), "45.952791");
}

}  // namespace
}  // namespace relais::standard
