// Cookie header parsing (RFC 6265 §4.2.1 / §5.4) and Set-Cookie values.
#include "web/cookie.h"

#include <gtest/gtest.h>

namespace relais::web {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(CookieTest, ParsesPairsInOrder) {
  auto cookies = parse_cookie_header("a=1; __Host-relais_session=abc-DEF_12; b=\"quoted\"");
  ASSERT_TRUE(cookies);
  EXPECT_EQ(*cookies, (Pairs{{"a", "1"}, {"__Host-relais_session", "abc-DEF_12"}, {"b", "quoted"}}));
}

TEST(CookieTest, SkipsMalformedPiecesButKeepsTheOthers) {
  auto cookies = parse_cookie_header(";; noequals; =empty; bad name=1; v=has space; ok=1;x=a\"b;  last = 2 ");
  ASSERT_TRUE(cookies);
  EXPECT_EQ(*cookies, (Pairs{{"ok", "1"}, {"last", "2"}}));
}

TEST(CookieTest, EmptyHeaderHasNoCookies) {
  auto cookies = parse_cookie_header("");
  ASSERT_TRUE(cookies);
  EXPECT_TRUE(cookies->empty());
}

TEST(CookieTest, LimitsRefuseTheHeader) {
  EXPECT_FALSE(parse_cookie_header(std::string(9000, 'a')));
  std::string many;
  for (int i = 0; i < 51; ++i) many += "c" + std::to_string(i) + "=1; ";
  EXPECT_FALSE(parse_cookie_header(many));
  EXPECT_TRUE(parse_cookie_header(many, {.max_header_bytes = 8192, .max_cookies = 60}));
  EXPECT_FALSE(find_cookie(many, "c1"));
}

TEST(CookieTest, FindsTheFirstValueOfAName) {
  EXPECT_EQ(find_cookie("s=first; s=second", "s"), "first");
  EXPECT_EQ(find_cookie("s=first", "S"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(find_cookie("a=1", "s"), std::nullopt);
}

TEST(CookieTest, SecureSessionCookieHasEveryAttributeAndTheHostPrefix) {
  auto value = set_cookie_value({.name = "relais_session", .value = "tok", .secure = true,
                                 .max_age = std::chrono::hours(12)});
  EXPECT_EQ(value, "__Host-relais_session=tok; Path=/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax");
}

TEST(CookieTest, PlainHttpCookieHasNeitherSecureNorPrefix) {
  auto value = set_cookie_value({.name = "relais_session", .value = "tok", .secure = false, .max_age = {}});
  EXPECT_EQ(value, "relais_session=tok; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(cookie_name("relais_session", false), "relais_session");
  EXPECT_EQ(cookie_name("relais_session", true), "__Host-relais_session");
}

TEST(CookieTest, DeletionCookieExpiresAtOnce) {
  EXPECT_EQ(delete_cookie_value("relais_session", true),
            "__Host-relais_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
}

TEST(CookieTest, RefusesToWriteAnInjectedValue) {
  EXPECT_THROW(set_cookie_value({.name = "s", .value = "a; Domain=evil", .secure = true, .max_age = {}}),
               std::invalid_argument);
  EXPECT_THROW(set_cookie_value({.name = "s=x", .value = "a", .secure = true, .max_age = {}}), std::invalid_argument);
}

TEST(CookieTest, WrittenCookieReadsBack) {
  auto written = set_cookie_value({.name = "relais_session", .value = "AbC-_09", .secure = true, .max_age = {}});
  auto pair = written.substr(0, written.find(';'));
  EXPECT_EQ(find_cookie(pair, "__Host-relais_session"), "AbC-_09");
}

}  // namespace
}  // namespace relais::web
