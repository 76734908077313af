#include "server/config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

namespace relais::server {
namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("relais_config_test_" + name);
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsAreSecureAndValid) {
  Config config;
  EXPECT_EQ(config.listen, "127.0.0.1");
  EXPECT_FALSE(config.log_remote_address);
  EXPECT_NO_THROW(validate(config));
}

TEST(Config, FileThenEnvironment) {
  Config config;
  apply_file(config, write_temp("ok.json", R"({"listen": "0.0.0.0", "port": 9000, "threads": 3,
      "max_body_bytes": 1000, "read_timeout_seconds": 4, "access_log": "", "log_remote_address": true})"));
  EXPECT_EQ(config.listen, "0.0.0.0");
  EXPECT_EQ(config.port, 9000);
  EXPECT_EQ(config.threads, 3u);
  EXPECT_EQ(config.max_body_bytes, 1000u);
  EXPECT_EQ(config.read_timeout_seconds, std::chrono::seconds(4));
  EXPECT_EQ(config.access_log, "");
  EXPECT_TRUE(config.log_remote_address);
  std::map<std::string, std::string> env{{"RELAIS_PORT", "9100"}, {"RELAIS_DATABASE_URL", "/tmp/x.db"},
                                         {"RELAIS_RELOAD_SECONDS", "2"}, {"RELAIS_LOG_REMOTE_ADDRESS", "false"}};
  apply_environment(config, [&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
  EXPECT_EQ(config.port, 9100);  // the environment wins over the file
  EXPECT_EQ(config.listen, "0.0.0.0");
  EXPECT_EQ(config.database_url, "/tmp/x.db");
  EXPECT_EQ(config.reload_seconds, std::chrono::seconds(2));
  EXPECT_FALSE(config.log_remote_address);
}

TEST(Config, RejectsTyposAndBadValues) {
  Config config;
  EXPECT_THROW(apply_file(config, write_temp("typo.json", R"({"listne": "0.0.0.0"})")), ConfigError);
  EXPECT_THROW(apply_file(config, write_temp("type.json", R"({"port": "80"})")), ConfigError);
  EXPECT_THROW(apply_file(config, write_temp("range.json", R"({"port": 70000})")), ConfigError);
  EXPECT_THROW(apply_file(config, write_temp("neg.json", R"({"threads": -1})")), ConfigError);
  EXPECT_THROW(apply_file(config, write_temp("array.json", "[]")), ConfigError);
  EXPECT_THROW(apply_file(config, write_temp("bad.json", "{")), ConfigError);
  EXPECT_THROW(apply_file(config, "/nonexistent/relais.json"), ConfigError);
  auto env = [](const char* name) -> const char* { return std::string(name) == "RELAIS_PORT" ? "80x" : nullptr; };
  EXPECT_THROW(apply_environment(config, env), ConfigError);
  Config zero;
  zero.max_connections = 0;
  EXPECT_THROW(validate(zero), ConfigError);
  Config no_listen;
  no_listen.listen = "";
  EXPECT_THROW(validate(no_listen), ConfigError);
}

TEST(Config, MapTilesUrlGivesTheCspSource) {
  Config config;
  EXPECT_EQ(tiles_csp_source(config.map_tiles_url), "https://tile.openstreetmap.org");
  EXPECT_EQ(tiles_csp_source("https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png"), "https://*.tiles.example.org");
  EXPECT_EQ(tiles_csp_source("http://127.0.0.1:8081/{z}/{x}/{y}.png"), "http://127.0.0.1:8081");
  std::map<std::string, std::string> env{{"RELAIS_MAP_TILES_URL", "https://tuiles.ville.example/{z}/{x}/{y}.png"},
                                         {"RELAIS_MAP_TILES_ATTRIBUTION", "© Ville"},
                                         {"RELAIS_LEAFLET_DIST", "/opt/leaflet"}};
  apply_environment(config, [&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
  EXPECT_EQ(config.map_tiles_url, "https://tuiles.ville.example/{z}/{x}/{y}.png");
  EXPECT_EQ(config.map_tiles_attribution, "© Ville");
  EXPECT_EQ(config.leaflet_dist, "/opt/leaflet");
  EXPECT_NO_THROW(validate(config));
  for (std::string bad : {"ftp://tiles.example/{z}/{x}/{y}.png", "https://tiles.example/{z}/{x}.png",
                          "https://tiles.example", "https://a.example; script-src *; x/{z}/{x}/{y}",
                          "https://a.example/{z}/{x}/{y}.png 'unsafe-inline'", "https://a\"b/{z}/{x}/{y}",
                          "https://{s}/{z}/{x}/{y}", "https://a_b.example/{z}/{x}/{y}", "//a.example/{z}/{x}/{y}"}) {
    Config c;
    c.map_tiles_url = bad;
    EXPECT_THROW(validate(c), ConfigError) << bad;
  }
}

TEST(Config, SmtpKeys) {
  Config config;
  apply_file(config, write_temp("smtp.json", R"({"smtp_url": "smtp://127.0.0.1:2525", "smtp_from": "relais@ville.example",
                                                  "smtp_tls": "none", "mail_per_minute": 3,
                                                  "mail_per_minute_total": 40})"));
  auto env = [](const char* name) -> const char* {
    return std::string(name) == "RELAIS_SMTP_PASSWORD" ? "secret" : nullptr;
  };
  apply_environment(config, env);
  EXPECT_EQ(config.smtp_url, "smtp://127.0.0.1:2525");
  EXPECT_EQ(config.smtp_password, "secret");
  EXPECT_EQ(config.mail_per_minute, 3u);
  EXPECT_EQ(config.mail_per_minute_total, 40u);
  EXPECT_NO_THROW(validate(config));
  Config bad = config;
  bad.mail_per_minute_total = 2;  // below one client's limit
  EXPECT_THROW(validate(bad), ConfigError);
  bad = config;
  bad.smtp_from = "pas une adresse";
  EXPECT_THROW(validate(bad), ConfigError);
  bad = config;
  bad.smtp_url = "http://relay.example.org";
  EXPECT_THROW(validate(bad), ConfigError);
  bad = config;
  bad.smtp_tls = "yes";
  EXPECT_THROW(validate(bad), ConfigError);
  Config off;  // no smtp_url: e-mail is simply off
  EXPECT_NO_THROW(validate(off));
}

}  // namespace
}  // namespace relais::server
