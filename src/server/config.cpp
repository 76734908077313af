#include "server/config.h"

#include <charconv>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "mail/message.h"
#include "mail/smtp.h"

namespace relais::server {
namespace {

// One key: how to set it from text (environment) and from JSON (file).
struct Key {
  std::string name;
  std::function<void(Config&, const std::string&)> from_text;
  std::function<void(Config&, const nlohmann::json&)> from_json;
};

template <typename T>
T parse_unsigned(const std::string& key, const std::string& text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw ConfigError(key + ": expected a non-negative integer, got \"" + text + "\"");
  }
  return value;
}

template <typename T>
T json_unsigned(const std::string& key, const nlohmann::json& value) {
  if (!value.is_number_unsigned()) throw ConfigError(key + ": expected a non-negative integer");
  auto number = value.get<std::uint64_t>();
  if (number > std::numeric_limits<T>::max()) throw ConfigError(key + ": too large");
  return static_cast<T>(number);
}

template <typename T>
Key number_key(std::string name, T Config::*member) {
  return {name, [name, member](Config& c, const std::string& text) { c.*member = parse_unsigned<T>(name, text); },
          [name, member](Config& c, const nlohmann::json& value) { c.*member = json_unsigned<T>(name, value); }};
}

Key seconds_key(std::string name, std::chrono::seconds Config::*member) {
  return {name,
          [name, member](Config& c, const std::string& text) {
            c.*member = std::chrono::seconds(parse_unsigned<std::uint32_t>(name, text));
          },
          [name, member](Config& c, const nlohmann::json& value) {
            c.*member = std::chrono::seconds(json_unsigned<std::uint32_t>(name, value));
          }};
}

Key string_key(std::string name, std::string Config::*member) {
  return {name, [member](Config& c, const std::string& text) { c.*member = text; },
          [name, member](Config& c, const nlohmann::json& value) {
            if (!value.is_string()) throw ConfigError(name + ": expected a string");
            c.*member = value.get<std::string>();
          }};
}

Key bool_key(std::string name, bool Config::*member) {
  return {name,
          [name, member](Config& c, const std::string& text) {
            if (text == "true" || text == "1") {
              c.*member = true;
            } else if (text == "false" || text == "0") {
              c.*member = false;
            } else {
              throw ConfigError(name + ": expected true or false, got \"" + text + "\"");
            }
          },
          [name, member](Config& c, const nlohmann::json& value) {
            if (!value.is_boolean()) throw ConfigError(name + ": expected true or false");
            c.*member = value.get<bool>();
          }};
}

const std::vector<Key>& keys() {
  static const std::vector<Key> all{
      string_key("listen", &Config::listen),
      number_key("port", &Config::port),
      string_key("database_url", &Config::database_url),
      string_key("database_read_url", &Config::database_read_url),
      number_key("threads", &Config::threads),
      seconds_key("reload_seconds", &Config::reload_seconds),
      number_key("max_url_bytes", &Config::max_url_bytes),
      number_key("max_body_bytes", &Config::max_body_bytes),
      number_key("max_header_fields", &Config::max_header_fields),
      number_key("max_header_field_bytes", &Config::max_header_field_bytes),
      number_key("max_connections", &Config::max_connections),
      seconds_key("read_timeout_seconds", &Config::read_timeout_seconds),
      seconds_key("write_timeout_seconds", &Config::write_timeout_seconds),
      seconds_key("handle_timeout_seconds", &Config::handle_timeout_seconds),
      seconds_key("shutdown_timeout_seconds", &Config::shutdown_timeout_seconds),
      string_key("access_log", &Config::access_log),
      bool_key("log_remote_address", &Config::log_remote_address),
      string_key("territory_data", &Config::territory_data),
      string_key("dsfr_dist", &Config::dsfr_dist),
      string_key("leaflet_dist", &Config::leaflet_dist),
      string_key("markercluster_dist", &Config::markercluster_dist),
      string_key("map_tiles_url", &Config::map_tiles_url),
      string_key("map_tiles_attribution", &Config::map_tiles_attribution),
      string_key("smtp_url", &Config::smtp_url),
      string_key("smtp_from", &Config::smtp_from),
      string_key("smtp_from_name", &Config::smtp_from_name),
      string_key("smtp_user", &Config::smtp_user),
      string_key("smtp_password", &Config::smtp_password),
      string_key("smtp_tls", &Config::smtp_tls),
      seconds_key("smtp_timeout_seconds", &Config::smtp_timeout_seconds),
      number_key("mail_per_minute", &Config::mail_per_minute),
      number_key("mail_per_minute_total", &Config::mail_per_minute_total),
      string_key("keys_dir", &Config::keys_dir),
      string_key("public_url", &Config::public_url),
      number_key("max_staff_body_bytes", &Config::max_staff_body_bytes),
      string_key("journal_origin", &Config::journal_origin),
      string_key("trusted_proxies", &Config::trusted_proxies),
  };
  return all;
}

std::string env_name(const std::string& key) {
  std::string name = "RELAIS_";
  for (char c : key) name.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
  return name;
}

}  // namespace

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& key : keys()) out.push_back(key.name);
    return out;
  }();
  return names;
}

void apply_file(Config& config, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot read");
  nlohmann::json data;
  try {
    data = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(file.string() + ": not JSON: " + e.what());
  }
  if (!data.is_object()) throw ConfigError(file.string() + ": expected a JSON object");
  for (auto it = data.begin(); it != data.end(); ++it) {
    const Key* found = nullptr;
    for (const auto& key : keys()) {
      if (key.name == it.key()) found = &key;
    }
    if (!found) throw ConfigError(file.string() + ": unknown key \"" + it.key() + "\"");
    try {
      found->from_json(config, it.value());
    } catch (const ConfigError& e) {
      throw ConfigError(file.string() + ": " + e.what());
    }
  }
}

void apply_environment(Config& config, const std::function<const char*(const char*)>& getenv) {
  for (const auto& key : keys()) {
    auto name = env_name(key.name);
    if (const char* value = getenv(name.c_str())) {
      try {
        key.from_text(config, value);
      } catch (const ConfigError& e) {
        throw ConfigError(name + ": " + e.what());
      }
    }
  }
}

std::string tiles_csp_source(const std::string& url) {
  auto fail = [&](const std::string& why) -> std::string {
    throw ConfigError("map_tiles_url: " + why + ", got \"" + url + "\"");
  };
  std::string_view rest(url);
  std::string scheme;
  if (rest.starts_with("https://")) {
    scheme = "https://";
  } else if (rest.starts_with("http://")) {
    scheme = "http://";
  } else {
    return fail("expected an http(s) URL");
  }
  rest.remove_prefix(scheme.size());
  // Nothing that could end or extend a CSP directive, or break an attribute.
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == ';' || c == ',' || c == '\'' || c == '"' || c == '<' ||
        c == '>' || c == '\\' || static_cast<unsigned char>(c) >= 0x7f) {
      return fail("unexpected character");
    }
  }
  for (auto placeholder : {"{z}", "{x}", "{y}"}) {
    if (url.find(placeholder) == std::string::npos) return fail(std::string("missing ") + placeholder);
  }
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return fail("expected a path after the host");
  std::string host(rest.substr(0, slash));
  if (host.starts_with("{s}.")) host = "*." + host.substr(4);
  if (host.empty() || (host.starts_with("*.") && host.size() == 2)) return fail("expected a host");
  for (std::size_t i = host.starts_with("*.") ? 2 : 0; i < host.size(); ++i) {
    char c = host[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return fail("unexpected character in the host");
  }
  return scheme + host;
}

void validate(const Config& config) {
  tiles_csp_source(config.map_tiles_url);
  if (config.listen.empty()) throw ConfigError("listen: an IP address is required (127.0.0.1, 0.0.0.0, ::1)");
  if (config.threads > 256) throw ConfigError("threads: at most 256");
  if (config.reload_seconds.count() < 1) throw ConfigError("reload_seconds: at least 1");
  if (config.max_url_bytes < 256) throw ConfigError("max_url_bytes: at least 256");
  if (config.max_header_fields < 8) throw ConfigError("max_header_fields: at least 8");
  if (config.max_header_field_bytes < 256) throw ConfigError("max_header_field_bytes: at least 256");
  if (config.max_connections < 1) throw ConfigError("max_connections: at least 1");
  if (config.read_timeout_seconds.count() < 1 || config.write_timeout_seconds.count() < 1 ||
      config.handle_timeout_seconds.count() < 1) {
    throw ConfigError("timeouts: at least 1 second");
  }
  if (!config.public_url.empty() && !config.public_url.starts_with("https://") &&
      !config.public_url.starts_with("http://")) {
    throw ConfigError("public_url: expected https://HOST[:PORT] (or http:// for a test instance)");
  }
  if (config.public_url.ends_with("/")) throw ConfigError("public_url: without a trailing /");
  if (config.max_staff_body_bytes < config.max_body_bytes) {
    throw ConfigError("max_staff_body_bytes: at least max_body_bytes");
  }
  try {
    mail::parse_tls(config.smtp_tls);
  } catch (const std::invalid_argument&) {
    throw ConfigError("smtp_tls: expected auto, required or none, got \"" + config.smtp_tls + "\"");
  }
  if (!config.smtp_url.empty()) {
    if (!mail::is_smtp_url(config.smtp_url)) {
      throw ConfigError("smtp_url: expected smtp://HOST[:PORT] or smtps://HOST[:PORT]");
    }
    if (!mail::is_valid_address(config.smtp_from)) throw ConfigError("smtp_from: a valid sender address is required");
    if (config.smtp_from_name.find_first_of("\r\n") != std::string::npos) {
      throw ConfigError("smtp_from_name: one line");
    }
    if (config.smtp_timeout_seconds.count() < 1) throw ConfigError("smtp_timeout_seconds: at least 1");
    if (config.mail_per_minute < 1) throw ConfigError("mail_per_minute: at least 1");
    if (config.mail_per_minute_total < config.mail_per_minute) {
      throw ConfigError("mail_per_minute_total: at least mail_per_minute");
    }
  }
}

}  // namespace relais::server
