// Configuration of `relais serve`: defaults < JSON file (--config) <
// environment (RELAIS_<KEY in capitals>) < command line. JSON because the
// project already reads it with nlohmann-json (no other parser needed); keys
// are the field names below, unknown keys are errors (a typo must not
// silently keep an insecure default).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace relais::server {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Config {
  std::string listen = "127.0.0.1";   // loopback by default: expose on purpose (reverse proxy, 0.0.0.0)
  std::uint16_t port = 8080;          // 0 = any free port (tests)
  std::string database_url;           // "" = ./var/relais.db (see store::StoreOptions)
  // Where the in-memory catalogue is loaded from and its change counter
  // polled: a PostgreSQL read replica (docs/deploy.md); "" = database_url.
  // Everything else (writes, sessions, the journal) uses database_url.
  std::string database_read_url;
  std::size_t threads = 0;            // worker threads; 0 = number of cores (at least 2)
  std::chrono::seconds reload_seconds{5};  // how often the store's change counter is checked
  // Requests: above the soft limits the server answers 414/413 with a JSON
  // error; above 4x those (hard limits enforced by the HTTP parser) or above
  // the header limits it closes the connection without reading more.
  std::size_t max_url_bytes = 8192;
  std::size_t max_body_bytes = 16384;
  std::size_t max_header_fields = 64;
  std::size_t max_header_field_bytes = 8192;
  std::size_t max_connections = 1024;
  std::chrono::seconds read_timeout_seconds{10};    // to read a whole request (slow clients)
  std::chrono::seconds write_timeout_seconds{30};   // to write a response piece
  std::chrono::seconds handle_timeout_seconds{60};  // for a handler to answer (long exports)
  std::chrono::seconds shutdown_timeout_seconds{10};  // drain time after SIGTERM
  std::string access_log = "-";  // "-" standard output, "" none, else a file path
  bool log_remote_address = false;  // client IPs are personal data: off unless asked
  // Folder of npm @etalab/decoupage-administratif data (names of départements,
  // régions, EPCI); "" = node_modules/@etalab/decoupage-administratif/data
  // when it exists, else names are null.
  std::string territory_data;
  // Folder of npm @gouvfr/dsfr's dist (stylesheets and fonts of the pages,
  // served under /static/dsfr/); "" = node_modules/@gouvfr/dsfr/dist when it
  // exists, else pages come without styles (still usable).
  std::string dsfr_dist;
  // Folders of npm leaflet's and leaflet.markercluster's dist, served under
  // /static/leaflet/ and /static/markercluster/ for the results page's map;
  // "" = node_modules/leaflet/dist and node_modules/leaflet.markercluster/dist
  // when they exist, else the map cannot open (the list is the page anyway).
  std::string leaflet_dist;
  std::string markercluster_dist;
  // Map tiles: a Leaflet URL template (http(s), with {z}, {x}, {y}; {s}. as the
  // first label for subdomains) and its attribution (HTML, shown on the map).
  // The pages' CSP allows images from this URL's origin only.
  std::string map_tiles_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  std::string map_tiles_attribution =
      "© <a href=\"https://www.openstreetmap.org/copyright\">les contributeurs d’OpenStreetMap</a>";
  // E-mailing orientation sheets (docs/server.md): the operator's SMTP relay.
  // Empty smtp_url: e-mail is off (the sheet can only be printed).
  std::string smtp_url;        // "smtp://127.0.0.1:25", "smtp://relay.example.org:587", "smtps://…:465"
  std::string smtp_from;       // sender address, required with smtp_url
  std::string smtp_from_name = "Relais";  // sender display name
  std::string smtp_user;       // empty: no authentication
  std::string smtp_password;   // prefer RELAIS_SMTP_PASSWORD to a file
  std::string smtp_tls = "auto";  // auto (STARTTLS required except to a loopback relay), required, none
  std::chrono::seconds smtp_timeout_seconds{20};
  std::size_t mail_per_minute = 5;  // sheets one client address may e-mail per minute
  // Sheets the whole instance (every server together) may e-mail per minute.
  std::size_t mail_per_minute_total = 300;
  // The staff space (/espace, issue 5; docs/security.md).
  std::string keys_dir;    // "" = ./var/keys (security/keys.h): created on first start, mode 0700
  // The public origin of the instance ("https://relais.example.fr"), for links
  // in e-mails and the CSRF Origin check; "" = http://<listen>:<port>.
  // Session cookies are Secure (and __Host- prefixed) when it is https.
  std::string public_url;
  std::size_t max_staff_body_bytes = 2 * 1024 * 1024;  // forms and uploads under /espace
  std::string journal_origin;  // checkpoint origin line; "" = host of public_url + "/journal"
  // Addresses of the reverse proxies in front ("127.0.0.1, ::1"), whose
  // X-Forwarded-For is believed (server/http.h client_address): sign-in
  // throttling per address, the journal and the access log then see the
  // real client, not the proxy. "" = none (direct connections).
  std::string trusted_proxies;
};

// Applies a JSON object file. Throws ConfigError naming the file and the key.
void apply_file(Config& config, const std::filesystem::path& file);

// Applies RELAIS_LISTEN, RELAIS_PORT, RELAIS_DATABASE_URL, RELAIS_THREADS,
// RELAIS_RELOAD_SECONDS, RELAIS_MAX_URL_BYTES, ... (every key, upper-cased,
// prefixed). `getenv` returns nullptr when unset. Throws ConfigError.
void apply_environment(Config& config, const std::function<const char*(const char*)>& getenv);

// Checks ranges (port, threads, limits > 0...). Throws ConfigError.
void validate(const Config& config);

// The CSP source of map_tiles_url's origin: "https://tile.openstreetmap.org",
// "https://*.tile.example.org" for a "{s}." subdomain template. Throws
// ConfigError when the URL is not a usable tile template (validate() calls it).
std::string tiles_csp_source(const std::string& map_tiles_url);

// The keys, in documentation order (for --help and docs/server.md).
const std::vector<std::string>& config_keys();

}  // namespace relais::server
