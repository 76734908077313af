// The real server on loopback, on a temporary database holding the real
// default data (communes of France, the npm cartographie-nationale places),
// checked against its own OpenAPI document: every documented route answers,
// every documented parameter is accepted with its example and every label of
// its enumeration, every answer matches the documented schema (objects are
// closed: an undocumented field is an error), undocumented parameters are
// refused. Then HTTP behaviour: ETag/304, gzip, HEAD, keep-alive, limits,
// slow and malformed clients, catalogue reload.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "api/query_string.h"
#include "catalog/file_digest.h"
#include "server/server.h"
#include "store/store.h"
#include "store/test_database.h"
#include "territory/loader.h"
#include "validation/import.h"

namespace relais::server {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// ---- a minimal HTTP/1.1 client over a POSIX socket --------------------------

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // de-chunked, still encoded
  bool chunked = false;
};

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  timeval timeout{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string read_all(int fd) {
  std::string data;
  char buffer[65536];
  while (true) {
    auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Parses one response from `raw` starting at `at`; advances `at`. head=true: no body.
HttpResponse parse_response(const std::string& raw, std::size_t& at, bool head = false) {
  HttpResponse response;
  auto end = raw.find("\r\n\r\n", at);
  if (end == std::string::npos || raw.compare(at, 9, "HTTP/1.1 ") != 0) return response;
  response.status = std::stoi(raw.substr(at + 9, 3));
  std::istringstream lines(raw.substr(at, end - at));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    response.headers[lower(line.substr(0, colon))] = value;
  }
  at = end + 4;
  if (head || response.status == 304) return response;
  if (lower(response.headers["transfer-encoding"]) == "chunked") {
    response.chunked = true;
    while (at < raw.size()) {
      auto eol = raw.find("\r\n", at);
      std::size_t size = std::stoul(raw.substr(at, eol - at), nullptr, 16);
      at = eol + 2;
      if (size == 0) {
        at += 2;
        break;
      }
      response.body += raw.substr(at, size);
      at += size + 2;
    }
  } else {
    std::size_t length = std::stoul(response.headers["content-length"]);
    response.body = raw.substr(at, length);
    at += length;
  }
  return response;
}

HttpResponse request(std::uint16_t port, const std::string& target, const std::vector<std::string>& headers = {},
                     const std::string& method = "GET", const std::string& body = "") {
  int fd = connect_to(port);
  EXPECT_GE(fd, 0);
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  for (const auto& header : headers) text += header + "\r\n";
  if (!body.empty()) text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  text += "\r\n" + body;
  send_all(fd, text);
  auto raw = read_all(fd);
  ::close(fd);
  std::size_t at = 0;
  return parse_response(raw, at, method == "HEAD");
}

std::string gunzip(const std::string& data) {
  z_stream stream{};
  inflateInit2(&stream, 15 + 16);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  inflateEnd(&stream);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

// ---- a small JSON Schema (OpenAPI 3.0 subset) check -------------------------
// Written here because Debian has no C++ JSON Schema validator package; the
// subset is what openapi.cpp uses: $ref, type, nullable, enum, properties,
// required, items, additionalProperties, minimum. Objects with `properties`
// and no `additionalProperties` are closed.

void check(const json& doc, const json& schema, const json& value, const std::string& where,
           std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    std::string ref = schema["$ref"];
    const json& target = doc["components"]["schemas"][ref.substr(ref.rfind('/') + 1)];
    check(doc, target, value, where, errors);
    return;
  }
  if (value.is_null()) {
    if (!schema.value("nullable", false)) errors.push_back(where + ": null not allowed");
    return;
  }
  std::string type = schema.value("type", "");
  auto fail = [&](const std::string& what) { errors.push_back(where + ": " + what + ", got " + value.dump().substr(0, 80)); };
  if (type == "object") {
    if (!value.is_object()) return fail("expected object");
    for (const auto& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) errors.push_back(where + ": missing " + name.get<std::string>());
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (schema.contains("properties") && schema["properties"].contains(it.key())) {
        check(doc, schema["properties"][it.key()], it.value(), where + "." + it.key(), errors);
      } else if (schema.contains("additionalProperties")) {
        check(doc, schema["additionalProperties"], it.value(), where + "." + it.key(), errors);
      } else if (schema.contains("properties")) {
        errors.push_back(where + ": undocumented field " + it.key());
      }
    }
  } else if (type == "array") {
    if (!value.is_array()) return fail("expected array");
    for (std::size_t i = 0; i < value.size(); ++i) {
      check(doc, schema["items"], value[i], where + "[" + std::to_string(i) + "]", errors);
    }
  } else if (type == "string") {
    if (!value.is_string()) return fail("expected string");
  } else if (type == "integer") {
    if (!value.is_number_integer()) return fail("expected integer");
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) fail("below minimum");
  } else if (type == "number") {
    if (!value.is_number()) return fail("expected number");
  } else if (type == "boolean") {
    if (!value.is_boolean()) return fail("expected boolean");
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& allowed : schema["enum"]) found = found || allowed == value;
    if (!found) fail("not in enum");
  }
}

// ---- the fixture: a real database and a running server ----------------------

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = RELAIS_SOURCE_DIR;
    work_ = fs::temp_directory_path() / ("relais_server_test_" + std::to_string(::getpid()));
    fs::create_directories(work_);
    const auto decoupage = root_ / "node_modules/@etalab/decoupage-administratif/data";
    const auto source = root_ / "node_modules/@gouvfr-anct/cartographie-nationale/assets/data/source.json";
    ASSERT_TRUE(fs::exists(source)) << "npm packages missing: run scripts/setup.sh --no-data";
    database_ = store::testing::test_database_url((work_ / "relais.db").string());
    {
      auto store = store::open_store({database_});
      auto index = territory::build_commune_index(decoupage, root_ / "data/territoires/laposte_hexasmal_2020.csv");
      std::vector<territory::Commune> communes(index.communes().begin(), index.communes().end());
      store->replace_communes(communes);
      auto result = validation::import_file(source, {.source = std::string("Hinaura")});
      std::ifstream in(source, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      store->import_places("Hinaura", "source.json", catalog::sha256_hex(bytes), result.places,
                           validation::report_json(result).dump());
    }
    ::setenv("RELAIS_NOW", "2026-11-24T10:00", 1);  // a Tuesday morning: many places open
    Config config;
    config.port = 0;
    config.database_url = database_;
    config.threads = 2;
    config.reload_seconds = std::chrono::seconds(1);
    config.read_timeout_seconds = std::chrono::seconds(2);
    config.shutdown_timeout_seconds = std::chrono::seconds(2);
    config.access_log = (work_ / "access.log").string();
    config.keys_dir = (work_ / "keys").string();
    config.territory_data = decoupage.string();
    server_ = new Server(config);
    server_->start();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
    auto doc = request(port_, "/api/v1/openapi.json");
    ASSERT_EQ(doc.status, 200);
    doc_ = json::parse(doc.body);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    fs::remove_all(work_);
  }

  // Checks a response against the document's response for (path, status).
  static void expect_documented(const std::string& path, const HttpResponse& response, const std::string& what) {
    const json& responses = doc_["paths"][path]["get"]["responses"];
    auto status = std::to_string(response.status);
    ASSERT_TRUE(responses.contains(status)) << what << ": undocumented status " << status << " " << response.body;
    std::string type = response.headers.at("content-type");
    auto semicolon = type.find(';');
    if (semicolon != std::string::npos) type = type.substr(0, semicolon);
    ASSERT_TRUE(responses[status]["content"].contains(type)) << what << ": undocumented type " << type;
    const json& schema = responses[status]["content"][type]["schema"];
    if (type == "text/csv") {
      EXPECT_EQ(response.body.rfind("id,pivot,nom,commune,code_postal", 0), 0u) << what;
      return;
    }
    json body = json::parse(response.body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << what << ": not JSON";
    std::vector<std::string> errors;
    check(doc_, schema, body, "body", errors);
    EXPECT_TRUE(errors.empty()) << what << ":\n" << (errors.empty() ? "" : errors.front()) << " (+"
                                << errors.size() << ")";
  }

  static std::string target_for(const std::string& path, const json& operation) {
    std::string target = path;
    for (const auto& parameter : operation.value("parameters", json::array())) {
      if (parameter["in"] != "path") continue;
      std::string name = "{" + parameter["name"].get<std::string>() + "}";
      target.replace(target.find(name), name.size(), api::encode_component(parameter["example"].get<std::string>()));
    }
    return target;
  }

  static std::string required_query(const json& operation) {
    std::string query;
    for (const auto& parameter : operation.value("parameters", json::array())) {
      if (parameter["in"] == "query" && parameter.value("required", false)) {
        query += (query.empty() ? "" : "&") + parameter["name"].get<std::string>() + "=" +
                 api::encode_component(parameter["example"].get<std::string>());
      }
    }
    return query;
  }

  static std::string as_text(const json& example) {
    return example.is_string() ? example.get<std::string>() : example.dump();
  }

  static inline fs::path root_, work_;
  static inline std::string database_;
  static inline Server* server_ = nullptr;
  static inline std::uint16_t port_ = 0;
  static inline json doc_;
};

TEST_F(ServerTest, EveryDocumentedRouteAndParameterAnswersWithTheDocumentedShape) {
  ASSERT_GE(doc_["paths"].size(), 10u);
  for (auto it = doc_["paths"].begin(); it != doc_["paths"].end(); ++it) {
    const std::string path = it.key();
    const json& operation = it.value()["get"];
    std::string base = target_for(path, operation);
    std::string required = required_query(operation);
    auto plain = request(port_, base + (required.empty() ? "" : "?" + required));
    EXPECT_EQ(plain.status, 200) << base << " " << plain.body.substr(0, 200);
    expect_documented(path, plain, base);
    for (const auto& parameter : operation.value("parameters", json::array())) {
      if (parameter["in"] != "query") continue;
      std::string name = parameter["name"];
      std::string query = name + "=" + api::encode_component(as_text(parameter["example"]));
      if (name == "radius") query += "&near=45.76,4.83";  // radius needs a centre
      if (!required.empty() && !parameter.value("required", false)) query += "&" + required;
      auto response = request(port_, base + "?" + query);
      EXPECT_EQ(response.status, 200) << base << "?" << query << " " << response.body.substr(0, 300);
      if (response.status == 200) expect_documented(path, response, base + "?" + query);
      // Every label of an enumerated filter is accepted.
      const json& schema = parameter["schema"];
      const json* values = schema.contains("items") && schema["items"].contains("enum") ? &schema["items"]["enum"] : nullptr;
      for (std::size_t i = 0; values && i < values->size(); ++i) {
        auto one = request(port_, base + "?" + name + "=" + api::encode_component((*values)[i].get<std::string>()));
        EXPECT_EQ(one.status, 200) << name << "=" << (*values)[i];
      }
    }
    // An undocumented parameter is refused with a documented error (except on
    // the static document).
    if (path != "/api/v1/openapi.json") {
      auto refused = request(port_, base + "?pas_documente=1" + (required.empty() ? "" : "&" + required));
      EXPECT_EQ(refused.status, 400) << base;
      expect_documented(path, refused, base + "?pas_documente=1");
      EXPECT_EQ(json::parse(refused.body)["code"], "invalid_parameter");
    }
  }
}

TEST_F(ServerTest, DocumentedErrors) {
  auto missing = request(port_, "/api/v1/lieux/Hinaura%3Ainexistant");
  EXPECT_EQ(missing.status, 404);
  expect_documented("/api/v1/lieux/{ref}", missing, "unknown place");
  auto commune = request(port_, "/api/v1/communes/00000");
  expect_documented("/api/v1/communes/{code}", commune, "unknown commune");
  EXPECT_EQ(json::parse(commune.body)["code"], "not_found");
  for (std::string bad : {"near=91,0", "near=a,b", "near=45,4&radius=-3", "near=45,4&radius=100000km",
                          "services=Cuisine", "limit=100000", "offset=-1", "open_at=hier",
                          "text=%FF%FE", "territoire=pays:FR", "commune=1'%20OR%20'1'='1"}) {
    auto response = request(port_, "/api/v1/lieux?" + bad);
    EXPECT_EQ(response.status, 400) << bad;
    expect_documented("/api/v1/lieux", response, bad);
    EXPECT_EQ(response.headers["cache-control"], "no-store");
  }
}

TEST_F(ServerTest, RealDataAnswers) {
  auto lyon = json::parse(request(port_, "/api/v1/lieux?near=45.76,4.83&radius=5km&limit=5").body);
  ASSERT_GT(lyon["total"].get<int>(), 5);
  double last = 0;
  for (const auto& place : lyon["lieux"]) {
    EXPECT_GE(place["distance_metres"].get<double>(), last);
    EXPECT_LE(place["distance_metres"].get<double>(), 5000);
    last = place["distance_metres"];
  }
  auto open = json::parse(request(port_, "/api/v1/lieux?departement=69&open_now=true&limit=500").body);
  for (const auto& place : open["lieux"]) EXPECT_EQ(place["ouvert"], true);
  auto stats = json::parse(request(port_, "/api/v1/statistiques?departement=69").body);
  EXPECT_EQ(stats["total"], json::parse(request(port_, "/api/v1/lieux?departement=69&limit=1").body)["total"]);
  EXPECT_EQ(stats["ouverts_maintenant"], open["total"]);
  auto csv = request(port_, "/api/v1/export/lieux.csv?departement=69");
  EXPECT_TRUE(csv.chunked);
  EXPECT_EQ(static_cast<int>(std::count(csv.body.begin(), csv.body.end(), '\n')) - 1, stats["total"].get<int>());
  auto communes = json::parse(request(port_, "/api/v1/communes?q=69100").body);
  EXPECT_EQ(communes["communes"][0]["nom"], "Villeurbanne");
  EXPECT_EQ(json::parse(request(port_, "/api/v1/epci/200046977").body)["nom"], "Métropole de Lyon");
}

TEST_F(ServerTest, EtagGzipHeadAndSecurityHeaders) {
  auto first = request(port_, "/api/v1/lieux?departement=69");
  ASSERT_EQ(first.status, 200);
  std::string etag = first.headers["etag"];
  ASSERT_EQ(etag.front(), '"');
  EXPECT_EQ(request(port_, "/api/v1/lieux?departement=69", {"If-None-Match: " + etag}).status, 304);
  EXPECT_EQ(request(port_, "/api/v1/lieux?departement=2A", {"If-None-Match: " + etag}).status, 200);
  auto zipped = request(port_, "/api/v1/lieux?departement=69", {"Accept-Encoding: gzip"});
  EXPECT_EQ(zipped.headers["content-encoding"], "gzip");
  EXPECT_NE(zipped.headers["etag"], etag);  // another representation, another strong ETag
  EXPECT_EQ(gunzip(zipped.body), first.body);
  auto csv = request(port_, "/api/v1/export/lieux.csv", {"Accept-Encoding: gzip"});
  EXPECT_EQ(csv.headers["content-encoding"], "gzip");
  EXPECT_EQ(gunzip(csv.body), request(port_, "/api/v1/export/lieux.csv").body);
  auto head = request(port_, "/api/v1/lieux?departement=69", {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["content-length"], std::to_string(first.body.size()));
  for (const auto* response : {&first, &head}) {
    EXPECT_EQ(response->headers.at("x-content-type-options"), "nosniff");
    EXPECT_NE(response->headers.at("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(response->headers.at("referrer-policy"), "no-referrer");
  }
  // "/" is the public home page (site module); any other unknown path is a
  // JSON 404: no directory listing.
  auto root = request(port_, "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_NE(root.headers["content-type"].find("text/html"), std::string::npos);
  auto unknown = request(port_, "/static/");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(json::parse(unknown.body)["code"], "not_found");
  auto dotdot = request(port_, "/api/v1/../../etc/passwd");
  EXPECT_EQ(dotdot.status, 404);
  EXPECT_EQ(dotdot.body.find("root:"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  int fd = connect_to(port_);
  ASSERT_GE(fd, 0);
  std::string raw;
  for (int i = 0; i < 3; ++i) {
    send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n" + std::string(i == 2 ? "Connection: close\r\n" : "") + "\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  raw = read_all(fd);
  ::close(fd);
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(parse_response(raw, at).status, 200) << i;
}

TEST_F(ServerTest, LimitsAndHostileClientsGetErrorsAndTheServerKeepsServing) {
  auto long_url = request(port_, "/api/v1/lieux?text=" + std::string(9000, 'a'));
  EXPECT_EQ(long_url.status, 414);
  EXPECT_EQ(json::parse(long_url.body)["code"], "uri_too_long");
  auto big_body = request(port_, "/api/v1/lieux", {}, "POST", std::string(20000, 'x'));
  EXPECT_EQ(big_body.status, 413);
  EXPECT_EQ(json::parse(big_body.body)["code"], "payload_too_large");
  EXPECT_EQ(request(port_, "/api/v1/lieux", {}, "DELETE").status, 405);

  // Beyond the hard limits the parser closes the connection. The parser's
  // limit is one for all routes: 4 times the largest body a route accepts
  // (the staff space's uploads, max_staff_body_bytes).
  auto huge = request(port_, "/api/v1/lieux", {}, "POST", std::string(4 * Config{}.max_staff_body_bytes + 1, 'x'));
  EXPECT_EQ(huge.status, 0);
  // Garbage instead of HTTP.
  int garbage = connect_to(port_);
  send_all(garbage, "\x16\x03\x01 not http at all\r\n\r\n");
  EXPECT_EQ(read_all(garbage).find("HTTP/1.1 200"), std::string::npos);
  ::close(garbage);
  // A slow client (slowloris) sends half a request and waits: it is cut after
  // the read timeout, and others are served meanwhile.
  int slow = connect_to(port_);
  send_all(slow, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  EXPECT_EQ(request(port_, "/healthz").status, 200);
  auto started = std::chrono::steady_clock::now();
  auto rest = read_all(slow);  // returns when the server closes
  ::close(slow);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(rest.find("200 OK"), std::string::npos);
  EXPECT_EQ(request(port_, "/healthz").status, 200);
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequest) {
  request(port_, "/api/v1/communes?q=Lyon");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::ifstream in(work_ / "access.log");
  std::string line, last;
  std::size_t lines = 0;
  while (std::getline(in, line)) {
    auto entry = json::parse(line, nullptr, false);
    EXPECT_FALSE(entry.is_discarded()) << line;
    ++lines;
    last = line;
  }
  EXPECT_GT(lines, 1u);
  auto entry = json::parse(last);
  EXPECT_EQ(entry["path"], "/api/v1/communes");
  EXPECT_EQ(entry["status"], 200);
  EXPECT_FALSE(entry.contains("remote"));  // off by default
  EXPECT_TRUE(entry.contains("ms"));
}

// Last (alphabetically the suites run in declaration order): changes the store.
TEST_F(ServerTest, ZReloadsWhenTheStoreChanges) {
  auto before = json::parse(request(port_, "/healthz").body);
  auto all = json::parse(request(port_, "/api/v1/lieux?limit=2").body);
  ASSERT_EQ(all["lieux"].size(), 2u);
  {
    // Another writer (as `relais dedupe` would be) groups two places.
    auto store = store::open_store({database_});
    std::vector<store::DuplicateMember> group{
        {"g1", "Hinaura", all["lieux"][0]["id"]}, {"g1", "Hinaura", all["lieux"][1]["id"]}};
    store->replace_duplicate_groups(group);
  }
  json after;
  for (int i = 0; i < 100; ++i) {
    after = json::parse(request(port_, "/healthz").body);
    if (after["catalogue"]["version"] != before["catalogue"]["version"]) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(after["catalogue"]["version"], before["catalogue"]["version"]);
  EXPECT_EQ(after["catalogue"]["lieux"].get<int>(), before["catalogue"]["lieux"].get<int>() - 1);
}

}  // namespace
}  // namespace relais::server
