#include "server/http.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace relais::server {
namespace {

std::string gunzip(const std::string& data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[4096];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (rc == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&stream);
  return out;
}

TEST(Http, EtagsAreStrongStableAndSensitiveToEveryPart) {
  auto a = make_etag({"6", "/api/v1/lieux?limit=1", "json"});
  EXPECT_EQ(a, make_etag({"6", "/api/v1/lieux?limit=1", "json"}));
  EXPECT_NE(a, make_etag({"7", "/api/v1/lieux?limit=1", "json"}));
  EXPECT_NE(a, make_etag({"6", "/api/v1/lieux?limit=2", "json"}));
  EXPECT_NE(make_etag({"ab", "c"}), make_etag({"a", "bc"}));
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.size(), 18u);
  EXPECT_NE(a.substr(0, 2), "W/");
}

TEST(Http, IfNoneMatch) {
  EXPECT_TRUE(if_none_match("\"abc\"", "\"abc\""));
  EXPECT_TRUE(if_none_match("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(if_none_match("W/\"abc\"", "\"abc\""));  // weak comparison for GET
  EXPECT_TRUE(if_none_match("*", "\"abc\""));
  EXPECT_FALSE(if_none_match("\"abd\"", "\"abc\""));
  EXPECT_FALSE(if_none_match("", "\"abc\""));
}

TEST(Http, AcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("deflate, br"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Http, GzipRoundTripsWholeAndStreamed) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "Médiathèque " + std::to_string(i) + "\n";
  auto whole = gzip(text);
  EXPECT_LT(whole.size(), text.size() / 3);
  EXPECT_EQ(gunzip(whole), text);
  GzipStream stream;
  std::string pieces;
  for (std::size_t at = 0; at < text.size(); at += 7000) pieces += stream.compress(text.substr(at, 7000), false);
  pieces += stream.compress("", true);
  EXPECT_EQ(gunzip(pieces), text);
}

TEST(Http, SecurityHeaders) {
  bool csp = false, nosniff = false;
  for (const auto& [name, value] : security_headers()) {
    if (name == "Content-Security-Policy") csp = value.find("frame-ancestors 'none'") != std::string::npos;
    if (name == "X-Content-Type-Options") nosniff = value == "nosniff";
  }
  EXPECT_TRUE(csp);
  EXPECT_TRUE(nosniff);
}

}  // namespace
}  // namespace relais::server
