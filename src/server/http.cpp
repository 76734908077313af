#include "server/http.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

namespace relais::server {
namespace {

// A JSON string as nlohmann::json dumps it (error_handler_t::replace): as is
// when printable ASCII without '"' or '\\', else through nlohmann::json.
void append_json_string(std::string& out, std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
  }
  out.push_back('"');
  out += text;
  out.push_back('"');
}

}  // namespace

std::string access_log_line(const AccessLine& line) {
  std::string out;
  out.reserve(160 + line.path.size());
  out += "{\"bytes\":";
  out += std::to_string(line.bytes);
  out += line.gzip ? ",\"gzip\":true" : ",\"gzip\":false";
  out += ",\"method\":";
  append_json_string(out, line.method);
  out += ",\"ms\":";
  if (std::isfinite(line.ms)) {
    char buffer[64];
    out.append(buffer, nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, line.ms));
  } else {
    out += "null";
  }
  out += ",\"path\":";
  append_json_string(out, line.path);
  out += ",\"query_bytes\":";
  out += std::to_string(line.query_bytes);
  if (line.remote) {
    out += ",\"remote\":";
    append_json_string(out, *line.remote);
  }
  out += ",\"status\":";
  out += std::to_string(line.status);
  out += ",\"time\":";
  append_json_string(out, line.time);
  out.push_back('}');
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string_view opaque(std::string_view tag) {
  tag = trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

std::uint64_t fnv1a(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string make_etag(const std::vector<std::string_view>& parts) {
  std::uint64_t hash = 14695981039346656037ull;
  for (auto part : parts) {
    hash = fnv1a(part, hash);
    hash = fnv1a(std::string_view("\x1f", 1), hash);  // separator: ("ab","c") != ("a","bc")
  }
  return fmt::format("\"{:016x}\"", hash);
}

bool if_none_match(std::string_view header, std::string_view etag) {
  header = trim(header);
  if (header == "*") return true;
  while (!header.empty()) {
    auto comma = header.find(',');
    if (opaque(header.substr(0, comma)) == opaque(etag)) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semicolon = item.find(';');
    auto coding = trim(item.substr(0, semicolon));
    if (!iequals(coding, "gzip") && !iequals(coding, "x-gzip") && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    auto parameter = trim(item.substr(semicolon + 1));
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
      auto q = trim(parameter.substr(2));
      // q=0, q=0.0, q=0.000 refuse; anything else accepts.
      bool zero = !q.empty() && q[0] == '0';
      for (std::size_t i = 1; zero && i < q.size(); ++i) zero = q[i] == '.' || q[i] == '0';
      return !zero;
    }
    return true;
  }
  return false;
}

struct GzipStream::State {
  z_stream stream{};
};

GzipStream::GzipStream() : state_(std::make_unique<State>()) {
  // windowBits 15 + 16: gzip wrapper; level 6 is zlib's speed/size default.
  if (deflateInit2(&state_->stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
}

GzipStream::~GzipStream() { deflateEnd(&state_->stream); }

std::string GzipStream::compress(std::string_view data, bool finish) {
  auto& s = state_->stream;
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int flush = finish ? Z_FINISH : Z_SYNC_FLUSH;
  do {
    s.next_out = reinterpret_cast<Bytef*>(buffer);
    s.avail_out = sizeof buffer;
    int rc = deflate(&s, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
    out.append(buffer, sizeof buffer - s.avail_out);
  } while (s.avail_out == 0 || (finish && s.avail_in > 0));
  return out;
}

std::string gzip(std::string_view data) {
  GzipStream stream;
  return stream.compress(data, true);
}

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers{
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "geolocation=(), camera=(), microphone=()"},
  };
  return headers;
}

const std::vector<std::pair<std::string, std::string>>& page_security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers = [] {
    auto all = security_headers();
    all[0].second =
        "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'";
    return all;
  }();
  return headers;
}

const std::vector<std::pair<std::string, std::string>>& static_security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers{{"X-Content-Type-Options", "nosniff"}};
  return headers;
}

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Digits, hex letters, '.', ':' only, as long as an IPv6 address at most: an
// address, not a host name or an injection (the value goes to the journal).
bool looks_like_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  return text.find_first_not_of("0123456789abcdefABCDEF.:") == std::string_view::npos;
}

}  // namespace

std::vector<std::string> split_address_list(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trimmed(list.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  std::string client(peer);
  if (!trusted(peer)) return client;
  const auto hops = split_address_list(forwarded_for);
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    if (!looks_like_address(*hop)) break;
    client = *hop;
    if (!trusted(*hop)) break;
  }
  return client;
}

}  // namespace relais::server
