// HTTP details of the server that need no network: ETags, conditional
// requests, content negotiation of gzip, gzip (zlib), security headers.
// Pure functions and a small streaming compressor; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relais::server {

// 64-bit FNV-1a (stable across builds and machines, unlike std::hash).
std::uint64_t fnv1a(std::string_view data, std::uint64_t seed = 14695981039346656037ull);

// Strong ETag, quoted: "\"<16 hex>\"" from the parts that decide the bytes of
// a representation (catalogue version, request target, negotiated variant...).
std::string make_etag(const std::vector<std::string_view>& parts);

// True when an If-None-Match header value matches `etag` ("*", or a list of
// entity tags; weak tags W/"..." compare by their opaque part, RFC 9110 §13.1.2).
bool if_none_match(std::string_view header, std::string_view etag);

// True when Accept-Encoding allows gzip (token "gzip" or "*" with q > 0,
// "identity;q=0" alone does not matter).
bool accepts_gzip(std::string_view accept_encoding);

// Complete gzip member (RFC 1952) of `data`.
std::string gzip(std::string_view data);

// Streaming gzip for chunked bodies.
class GzipStream {
 public:
  GzipStream();
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;
  // Compresses `data`; with finish=true also writes the trailer. Returns the
  // compressed bytes available so far (Z_SYNC_FLUSH after each call so every
  // chunk is decodable as it arrives).
  std::string compress(std::string_view data, bool finish);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The address of the client a request comes from. `peer` is the TCP peer;
// when it is one of `trusted_proxies` (the reverse proxy in front, e.g.
// nginx on 127.0.0.1), the X-Forwarded-For header is read from the right and
// the first address that is not a trusted proxy is the client (entries to its
// left were written by the client itself and are not believed). Anything
// that does not look like an IPv4 or IPv6 address stops the walk: the last
// trusted hop is returned then. Without trusted proxies, `peer` always.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// "127.0.0.1, ::1" → {"127.0.0.1", "::1"} (blanks trimmed, empty items dropped).
std::vector<std::string> split_address_list(std::string_view list);

// One line of the access log (docs/server.md), written directly: exactly what
// nlohmann::json dumps for the object {time, method, path, query_bytes, status,
// bytes, gzip, ms[, remote]} (sorted keys, invalid UTF-8 replaced), without
// building a JSON value for every request.
struct AccessLine {
  std::string_view time, method, path;
  std::size_t query_bytes = 0;
  int status = 0;
  std::size_t bytes = 0;
  bool gzip = false;
  double ms = 0;
  const std::string* remote = nullptr;  // only with log_remote_address
};
std::string access_log_line(const AccessLine& line);

// Headers sent with every response: CSP (nothing may load, no framing),
// nosniff, no referrer, no framing, no caching of errors is set elsewhere.
const std::vector<std::pair<std::string, std::string>>& security_headers();

// The same for HTML pages: their own stylesheets, fonts and images (the DSFR
// CSS uses data: SVG icons) may load, forms may post to the site itself;
// still no script, no framing.
const std::vector<std::pair<std::string, std::string>>& page_security_headers();

// For static files (stylesheets, fonts): nosniff only.
const std::vector<std::pair<std::string, std::string>>& static_security_headers();

}  // namespace relais::server
