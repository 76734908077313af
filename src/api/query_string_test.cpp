#include "api/query_string.h"

#include <gtest/gtest.h>

namespace relais::api {
namespace {

Params parse_ok(std::string_view raw) {
  auto result = parse_query_string(raw);
  EXPECT_TRUE(std::holds_alternative<Params>(result)) << raw;
  return std::holds_alternative<Params>(result) ? std::get<Params>(result) : Params{};
}

std::string error_code(std::string_view raw, const QueryStringLimits& limits = {}) {
  auto result = parse_query_string(raw, limits);
  return std::holds_alternative<ApiError>(result) ? std::get<ApiError>(result).code : "";
}

TEST(QueryString, DecodesPercentAndPlus) {
  auto params = parse_ok("services=Aide+aux+d%C3%A9marches&x=a%2Bb&&flag");
  ASSERT_EQ(params.items().size(), 3u);
  EXPECT_EQ(params.items()[0].second, "Aide aux démarches");
  EXPECT_EQ(params.items()[1].second, "a+b");
  EXPECT_EQ(params.items()[2].first, "flag");
  EXPECT_EQ(params.items()[2].second, "");
}

TEST(QueryString, RepeatedNamesKeepOrder) {
  auto params = parse_ok("a=1&b=2&a=3");
  auto all = params.all("a");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], "1");
  EXPECT_EQ(all[1], "3");
  EXPECT_TRUE(std::holds_alternative<ApiError>(params.one("a")));
  EXPECT_EQ(*std::get<const std::string*>(params.one("b")), "2");
  EXPECT_EQ(std::get<const std::string*>(params.one("c")), nullptr);
}

TEST(QueryString, RejectsMalformedInput) {
  EXPECT_EQ(error_code("a=%G1"), "invalid_parameter");
  EXPECT_EQ(error_code("a=%4"), "invalid_parameter");
  EXPECT_EQ(error_code("a=%"), "invalid_parameter");
  EXPECT_EQ(error_code("a=%00"), "invalid_parameter");
  EXPECT_EQ(error_code("a=%FF%FE"), "invalid_parameter");  // not UTF-8
  EXPECT_EQ(error_code("=x"), "invalid_parameter");
  EXPECT_EQ(error_code(std::string(5000, 'a')), "invalid_parameter");
  EXPECT_EQ(error_code("a=1&b=2&c=3", {.max_length = 100, .max_parameters = 2}), "invalid_parameter");
}

TEST(QueryString, PathSegmentsAndEncodingRoundTrip) {
  EXPECT_EQ(std::get<std::string>(decode_path_segment("Hinaura%3A155")), "Hinaura:155");
  EXPECT_EQ(std::get<std::string>(decode_path_segment("a+b")), "a+b");
  EXPECT_TRUE(std::holds_alternative<ApiError>(decode_path_segment("%ZZ")));
  std::vector<std::pair<std::string, std::string>> items{{"text", "rue de l'Église & co"}, {"near", "45.7,4.8"}};
  auto round = parse_ok(to_query_string(items));
  EXPECT_EQ(round.items(), items);
}

}  // namespace
}  // namespace relais::api
