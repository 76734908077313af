#include "standard/json_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
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

// read_json's fast parser must give exactly what nlohmann's SAX parser gives
// (it falls back to it on anything unusual): compared field by field.
void expect_same_as_nlohmann(std::string_view bytes) {
  auto fast = read_json(bytes, "t.json");
  std::string_view body = bytes;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return;  // file.empty, before both
  auto reference = read_json_with_nlohmann(body, "t.json");
  std::string shown(bytes.substr(0, 200));
  ASSERT_EQ(fast.fatal, reference.fatal) << shown;
  ASSERT_EQ(fast.layout, reference.layout) << shown;
  ASSERT_EQ(fast.records.size(), reference.records.size()) << shown;
  for (std::size_t i = 0; i < fast.records.size(); ++i) {
    EXPECT_EQ(fast.records[i].line, reference.records[i].line) << shown;
    EXPECT_EQ(fast.records[i].index, reference.records[i].index) << shown;
    EXPECT_EQ(fast.records[i].fields, reference.records[i].fields) << shown;
  }
  ASSERT_EQ(fast.problems.size(), reference.problems.size()) << shown;
  for (std::size_t i = 0; i < fast.problems.size(); ++i) {
    const auto& a = fast.problems[i];
    const auto& b = reference.problems[i];
    EXPECT_EQ(std::tie(a.file, a.line, a.record, a.record_id, a.field, a.value, a.rule, a.message),
              std::tie(b.file, b.line, b.record, b.record_id, b.field, b.value, b.rule, b.message))
        << shown;
    EXPECT_EQ(a.severity, b.severity) << shown;
    EXPECT_EQ(a.action, b.action) << shown;
  }
}

TEST(JsonReader, FastParserAgreesWithNlohmannOnEdgeCases) {
  for (std::string_view bytes : {
           R"([{"id":"1","nom":"a\"b\\c\/d\b\f\n\r\t","x":"\u00e9\u20AC\ud83d\ude00\u0041"}])",
           R"([{"a":-0,"b":0,"c":-0.0,"d":1e5,"e":1E+2,"f":-12.5e-3,"g":123456789012345678901234}])",
           R"([{"a":1e999}])", R"([{"a":-1e400}])", R"([{"a":1e-999}])", R"([{"a":01}])", R"([{"a":1.}])",
           R"([{"a":.5}])", R"([{"a":-}])", R"([{"a":+1}])", R"([{"a":1e}])",
           R"([{"a":"\ud83d"}])", R"([{"a":"\ude00"}])", R"([{"a":"\ud83d\u0041"}])", R"([{"a":"\x"}])",
           R"([{"a":"\u12"}])", "[{\"a\":\"tab\there\"}]", "[{\"a\":\"nul\x01\"}]",
           "[{\"a\":\"\xC0\xAF\"}]", "[{\"a\":\"\xED\xA0\x80\"}]", "[{\"a\":\"\xF4\x90\x80\x80\"}]",
           "[{\"a\":\"\xE2\x82\"}]", "[{\"a\":\"\xF0\x9F\x98\x80 ok\"}]", "[{\"\xC3\xA9\":\"k\"}]",
           "[{\"a\":1}]\xC3\xA9", "[{\"a\":1}] x", "[{\"a\":1}]  \n", "[{\"a\":1},]", "[{\"a\":1,}]",
           "[{\"a\" 1}]", "[{a:1}]", "[{\"a\":tru}]", "[{\"a\":nul}]", "[{\"a\":true,\"b\":false,\"c\":null}]",
           R"([{"id":"x","adresse":{"voie":"1 rue","n":[1,{"z":[]}]},"services":[["a"]],"nom":"N"}])",
           R"([{"id":"1","services":["A","",null,2,true],"l":[]},{"id":"2","services":["B"]}])",
           R"([{"id":"1","nom":"A","nom":"B","nom":""}])", "[\"x\", [1, {\"a\": 2}],\n {\"id\": \"1\"}, 3]",
           "[\n  {\"id\": \"a\"},\n\n  {\n \"id\": \"b\"}\n]\n", R"({"lieux": []})", "\"text\"", "[]", "[ ]",
           "\xEF\xBB\xBF[{\"id\":\"1\"}]", "[{}]", "[{},{}]", "[", "[{", "[{\"a\"", "[{\"a\":", "[{\"a\":\"b",
           R"([{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}])",
           "[{\"a\":\"x\"}\r\n,\t{\"b\":\"y\"}]", "[{\"a\":\"\x7F\"}]", "  [{\"cle_ban\":\"1\",\"courriel\":\"a\"}]",
       })
    expect_same_as_nlohmann(bytes);
}

std::string real_file(const std::string& name) {
  std::ifstream in(std::filesystem::path(RELAIS_SHARED_DATA_DIR) / "lieux" / name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(JsonReader, FastParserAgreesWithNlohmannOnRealAndMutatedFiles) {
  if (!std::filesystem::exists(std::filesystem::path(RELAIS_SHARED_DATA_DIR) / "lieux")) {
    GTEST_SKIP() << "shared data absent (" << RELAIS_SHARED_DATA_DIR << "): the real files are not in the repository";
  }
  std::string real = real_file("cartonat_v0.1_20231003_bus-france-services-charente.json");
  ASSERT_GT(real.size(), 10'000u);
  expect_same_as_nlohmann(real);
  expect_same_as_nlohmann(real_file("cartonat_v0.1_hinaura_auvergne-rhone-alpes.json"));
  // Deterministic mutations: each replaces, deletes or inserts a few bytes
  // taken from a set that exercises the grammar and UTF-8.
  const std::string alphabet = "{}[]\",:\\u0123456789.eE+-tfnl \n\t\x01\x7F\xC3\xA9\xED\xF0\x80\xBF";
  std::mt19937 random(20261130);
  int readable = 0;
  for (int round = 0; round < 400; ++round) {
    std::string bytes = real;
    for (int edits = 1 + random() % 3; edits > 0; --edits) {
      std::size_t at = random() % bytes.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: bytes[at] = c; break;
        case 1: bytes.erase(at, 1); break;
        default: bytes.insert(at, 1, c); break;
      }
    }
    expect_same_as_nlohmann(bytes);
    if (HasFatalFailure() || HasNonfatalFailure()) return;
    readable += !read_json(bytes, "t.json").fatal;
  }
  // Both paths were exercised: many mutations stay valid JSON (inside strings).
  EXPECT_GT(readable, 100);
  EXPECT_LT(readable, 390);
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
