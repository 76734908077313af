#include "server/http.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
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

// The access log line is written directly; it must be what dumping the JSON
// object wrote (the format of docs/server.md), whatever bytes the path holds.
TEST(Http, AccessLogLineIsTheJsonObjectDump) {
  const std::string remote = "127.0.0.1";
  const std::string paths[] = {"/api/v1/lieux", "/api/v1/lieux/Hinaura:155", "/a\"b\\c", "/ctl\x01\x7f",
                               "/caf\xc3\xa9", "/bad\xff\xfeutf8", ""};
  const double times[] = {0.0, 0.001, 1.5, 12.345, 1000.0, 123456.789, 0.1 + 0.2};
  int n = 0;
  for (const auto& path : paths) {
    for (double ms : times) {
      for (bool with_remote : {false, true}) {
        AccessLine line{.time = "2026-12-01T00:00:00.123Z", .method = n % 2 ? "HEAD" : "GET", .path = path,
                        .query_bytes = static_cast<std::size_t>(n * 7), .status = n % 3 ? 200 : 404,
                        .bytes = static_cast<std::size_t>(n * 1000), .gzip = n % 2 == 0, .ms = ms,
                        .remote = with_remote ? &remote : nullptr};
        nlohmann::json expected{{"time", std::string(line.time)}, {"method", std::string(line.method)},
                                {"path", path},                     {"query_bytes", line.query_bytes},
                                {"status", line.status},            {"bytes", line.bytes},
                                {"gzip", line.gzip},                {"ms", ms}};
        if (with_remote) expected["remote"] = remote;
        EXPECT_EQ(access_log_line(line), expected.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
            << path << " " << ms;
        ++n;
      }
    }
  }
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

TEST(Http, ClientAddressBelievesOnlyTrustedProxies) {
  const std::vector<std::string> none;
  const std::vector<std::string> proxy{"127.0.0.1", "::1"};
  // Direct connections: the header is the client's own words.
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", none), "203.0.113.7");
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", proxy), "203.0.113.7");
  // Through nginx on loopback: the address nginx appended.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", proxy), "198.51.100.1");
  EXPECT_EQ(client_address("::1", "2001:db8::5", proxy), "2001:db8::5");
  // A client that sends its own X-Forwarded-For cannot choose its address:
  // nginx appends the real one, which is read first from the right.
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.1, 198.51.100.1", proxy), "198.51.100.1");
  // Two trusted hops.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, ::1", proxy), "198.51.100.1");
  // No header, or garbage: the proxy's own address (never the garbage).
  EXPECT_EQ(client_address("127.0.0.1", "", proxy), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "<script>, 198.51.100.1", proxy), "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1, evil.example", proxy), "127.0.0.1");
  EXPECT_EQ(split_address_list(" 127.0.0.1 ,, ::1,"), (std::vector<std::string>{"127.0.0.1", "::1"}));
}

}  // namespace
}  // namespace relais::server
