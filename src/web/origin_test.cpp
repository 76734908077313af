// The same-origin check of POST requests.
#include "web/origin.h"

#include <gtest/gtest.h>

namespace relais::web {
namespace {

TEST(OriginTest, OriginOfAUrl) {
  EXPECT_EQ(origin_of("https://Relais.Example.fr/espace"), "https://relais.example.fr");
  EXPECT_EQ(origin_of("https://relais.example.fr:443"), "https://relais.example.fr");
  EXPECT_EQ(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(origin_of("http://127.0.0.1:80/"), "http://127.0.0.1");
  EXPECT_EQ(origin_of("ftp://x"), "");
  EXPECT_EQ(origin_of("https://user@evil"), "");
  EXPECT_EQ(origin_of("null"), "");
}

TEST(OriginTest, SecFetchSiteDecidesWhenPresent) {
  const std::string us = "https://relais.example.fr";
  EXPECT_TRUE(is_same_origin("same-origin", "", us));
  EXPECT_FALSE(is_same_origin("same-site", us, us));
  EXPECT_FALSE(is_same_origin("cross-site", us, us));
  EXPECT_FALSE(is_same_origin("none", us, us));
}

TEST(OriginTest, OriginMustBeExactlyOurs) {
  const std::string us = "https://relais.example.fr";
  EXPECT_TRUE(is_same_origin("", "https://relais.example.fr", us));
  EXPECT_TRUE(is_same_origin("", "https://relais.example.fr:443", us));
  EXPECT_FALSE(is_same_origin("", "https://relais.example.fr.evil.com", us));
  EXPECT_FALSE(is_same_origin("", "http://relais.example.fr", us));
  EXPECT_FALSE(is_same_origin("", "https://relais.example.fr/path", us));
  EXPECT_FALSE(is_same_origin("", "null", us));
}

TEST(OriginTest, NeitherHeaderIsRefused) {
  EXPECT_FALSE(is_same_origin("", "", "https://relais.example.fr"));
  EXPECT_FALSE(is_same_origin("same-origin", "", ""));
}

}  // namespace
}  // namespace relais::web
