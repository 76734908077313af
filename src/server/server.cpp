// The only translation unit that includes RESTinio (its templates cost ~15 s
// of build time per file).
#include "server/server.h"

#include <csignal>
#include <filesystem>
#include <future>
#include <optional>

#include <restinio/all.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "api/handler.h"
#include "mail/rate_limiter.h"
#include "mail/smtp.h"
#include "site/handler.h"
#include "site/territory.h"
#include "security/keys.h"
#include "staff/handler.h"
#include "store/store.h"
#include "server/static_files.h"
#include "pages/scripts.h"
#include "server/clock.h"
#include "server/http.h"

namespace relais::server {
namespace {

// Worker threads share connections: the default (asio strand) traits, plus a
// limit on simultaneous connections.
struct Traits : public restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;
};
using Settings = restinio::server_settings_t<Traits>;
using RunningServer = restinio::running_server_handle_t<Traits>;

std::string reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

restinio::http_status_line_t status_line(int status) {
  return restinio::http_status_line_t(restinio::http_status_code_t{static_cast<std::uint16_t>(status)},
                                      reason_phrase(status));
}

std::string iso_now() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", std::chrono::floor<std::chrono::seconds>(now), ms);
}

// Compressible and worth it.
bool should_gzip(const api::Response& response, std::size_t size) {
  return size >= 1024 && (response.content_type.starts_with("application/") || response.content_type.starts_with("text/"));
}

}  // namespace

struct Server::Impl {
  Config config;
  std::function<std::chrono::sys_seconds()> clock;
  std::shared_ptr<spdlog::logger> log;     // operations, stderr
  std::shared_ptr<spdlog::logger> access;  // one JSON line per request
  std::unique_ptr<CatalogHolder> holder;
  // Read-only npm dist folders: /static/dsfr/, /static/leaflet/,
  // /static/markercluster/ (only those installed).
  std::vector<std::unique_ptr<StaticFiles>> static_dirs;
  StaticFile carte_js;  // the results page's script, embedded (pages/scripts.h)
  pages::Site site;     // what pages show that comes from the configuration (map tiles)
  site::TerritoryPages territory_pages;  // /territoire…: reports cached per catalogue
  // Security headers of pages: those of http.h with a CSP that also allows
  // our scripts and the configured map tiles' origin.
  std::vector<std::pair<std::string, std::string>> page_headers;
  std::unique_ptr<mail::RateLimiter> mail_limiter;  // null when SMTP is not configured
  security::KeyRing keys;  // sessions, sealed TOTP seeds, journal signatures (staff space)
  std::vector<std::string> trusted_proxies;  // config.trusted_proxies, split

  // The client's address: the peer, or what a trusted proxy forwarded.
  std::string client_of(const restinio::request_handle_t& req) const {
    return client_address(req->remote_endpoint().address().to_string(),
                          req->header().get_field_or("X-Forwarded-For", ""), trusted_proxies);
  }
  RunningServer running;  // a unique_ptr to RESTinio's running instance
  std::atomic<std::uint16_t> bound_port{0};
  std::atomic<bool> draining{false};
  std::atomic<long> in_flight{0};
  std::mutex stop_mutex;
  bool stopped = false;

  // What one request leaves in the access log.
  struct Record {
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string method, path, remote;
    std::size_t query_bytes = 0;
    int status = 0;
    std::size_t bytes = 0;
    bool gzip = false;
  };

  void log_access(const Record& record) {
    if (!access) return;
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - record.started);
    const std::string time = iso_now();
    access->info(access_log_line({.time = time,
                                  .method = record.method,
                                  .path = record.path,
                                  .query_bytes = record.query_bytes,
                                  .status = record.status,
                                  .bytes = record.bytes,
                                  .gzip = record.gzip,
                                  .ms = static_cast<double>(micros.count()) / 1000.0,
                                  .remote = config.log_remote_address ? &record.remote : nullptr}));
  }

  template <typename Builder>
  void add_common_headers(Builder& builder, bool api, bool page = false, bool static_file = false) {
    // A stylesheet or font is not a document: CSP, framing and referrer
    // headers do nothing there, and on a first visit they cost about 10 KB
    // over the 20 files of a page. nosniff still matters.
    const auto& headers = static_file ? static_security_headers() : page ? page_headers : security_headers();
    for (const auto& [name, value] : headers) builder.append_header(name, value);
    if (api) builder.append_header("Access-Control-Allow-Origin", "*");  // public open data, no credentials
    if (draining) builder.connection_close();
  }

  // Sends a complete (non-streamed) response. `precompressed` is given for
  // static files only (their cached gzip form).
  // Takes the response by value: its body is moved into RESTinio, not copied
  // (a page of 20 places is about 28 KB of JSON).
  void send(const restinio::request_handle_t& req, Record& record, api::Response response,
            const std::string& etag, bool api, bool accept_gzip, bool page = false,
            const std::string* precompressed = nullptr, const char* cache_control = "public, max-age=60") {
    record.status = response.status;
    std::string body = std::move(response.body);
    bool compressed = false;
    if (response.status == 200 && accept_gzip && precompressed && !precompressed->empty()) {
      body = *precompressed;
      compressed = true;
    } else if (!precompressed) {
      compressed = response.status == 200 && accept_gzip && should_gzip(response, body.size());
      if (compressed) body = gzip(body);
    }
    record.gzip = compressed;
    auto fill = [&](auto& builder) {
      add_common_headers(builder, api, page, precompressed != nullptr);
      builder.append_header(restinio::http_field::content_type, response.content_type);
      bool own_cache_control = false;
      for (const auto& [name, value] : response.headers) {
        builder.append_header(name, value);
        own_cache_control = own_cache_control || name == "Cache-Control";
      }
      if (own_cache_control) {
        // The handler decided (orientation pages carry a first name: no-store).
      } else if (!etag.empty() && (response.status == 200 || response.status == 304)) {
        builder.append_header("ETag", etag);
        builder.append_header("Cache-Control", cache_control);
        builder.append_header("Vary", "Accept, Accept-Encoding");
      } else {
        builder.append_header("Cache-Control", "no-store");
      }
      if (compressed) builder.append_header("Content-Encoding", "gzip");
    };
    if (req->header().method() == restinio::http_method_head() || response.status == 304) {
      auto builder = req->create_response<restinio::user_controlled_output_t>(status_line(response.status));
      fill(builder);
      if (response.status != 304) builder.set_content_length(body.size());
      record.bytes = 0;
      builder.done();
    } else {
      auto builder = req->create_response(status_line(response.status));
      fill(builder);
      record.bytes = body.size();
      builder.set_body(std::move(body));
      builder.done();
    }
  }

  // Streams response.stream with chunked transfer; the next piece is produced
  // only once the previous one is written, so memory stays bounded.
  struct Stream : std::enable_shared_from_this<Stream> {
    Impl* impl;
    restinio::response_builder_t<restinio::chunked_output_t> builder;
    std::function<bool(std::string&)> produce;
    std::unique_ptr<GzipStream> gzip;
    Record record;

    Stream(Impl* i, restinio::response_builder_t<restinio::chunked_output_t> b) : impl(i), builder(std::move(b)) {}

    void next() {
      try {
        std::string piece;
        bool more = produce(piece);
        if (gzip) piece = gzip->compress(piece, !more);
        record.bytes += piece.size();
        if (!piece.empty()) builder.append_chunk(std::move(piece));
        if (more) {
          builder.flush([self = shared_from_this()](const asio::error_code& error) {
            if (error) {
              self->finish(false);  // client went away or write timed out
            } else {
              self->next();
            }
          });
        } else {
          builder.done();
          finish(true);
        }
      } catch (const std::exception& e) {
        impl->log->error("export stream failed: {}", e.what());
        builder.done();  // the body is cut; the client sees an incomplete chunked message
        finish(false);
      }
    }
    void finish(bool complete) {
      if (!complete) record.status = 499;  // logged as an interrupted transfer
      impl->log_access(record);
      impl->in_flight--;
    }
  };

  restinio::request_handling_status_t handle(const restinio::request_handle_t& req) {
    in_flight++;
    Record record;
    const auto& header = req->header();
    record.method = std::string(header.method().c_str());
    std::string_view target = header.request_target();
    auto question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string_view query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    record.path = std::string(path.substr(0, 512));
    record.query_bytes = query.size();
    if (config.log_remote_address) record.remote = client_of(req);
    bool api = api::is_api_path(path);
    bool streamed = false;
    try {
      std::string accept_encoding(header.get_field_or(restinio::http_field::accept_encoding, ""));
      bool accept_gzip = accepts_gzip(accept_encoding);
      if (target.size() > config.max_url_bytes) {
        send(req, record,
             api::error_response({414, "uri_too_long",
                                  fmt::format("L'adresse est trop longue ({} octets au plus).", config.max_url_bytes)}),
             "", api, false);
      } else if (staff::is_staff_path(path)) {
        serve_staff(req, record, path, query, accept_gzip);  // its own body limit, journalled
      } else if (req->body().size() > config.max_body_bytes) {
        send(req, record,
             api::error_response({413, "payload_too_large",
                                  fmt::format("Le corps de la requête est trop gros ({} octets au plus).",
                                              config.max_body_bytes)}),
             "", api, false);
      } else if (path == "/healthz") {
        send(req, record, health(), "", false, false);
      } else if (path.starts_with("/static/")) {
        serve_static(req, record, path, accept_gzip);
      } else if (site::is_site_path(path) || site::is_territory_path(path)) {
        serve_page(req, record, path, query, accept_gzip);
      } else if (!api) {
        send(req, record, api::error_response(api::not_found("Cette adresse n'existe pas.")), "", false, false);
      } else {
        auto dataset = holder->current();
        std::string accept(header.get_field_or(restinio::http_field::accept, ""));
        auto now = clock();
        // Strong ETag: catalogue version, the exact target, the negotiated
        // representation, and the minute for answers that depend on "now".
        std::string minute = api::depends_on_now(path) ? std::to_string(now.time_since_epoch().count() / 60) : "";
        bool geo = accept.find("application/geo+json") != std::string::npos;
        std::string etag = make_etag({dataset ? dataset->version() : "none", target, geo ? "geo" : "json",
                                      accept_gzip ? "gzip" : "identity", minute});
        std::string if_none(header.get_field_or(restinio::http_field::if_none_match, ""));
        bool is_get = header.method() == restinio::http_method_get() || header.method() == restinio::http_method_head();
        if (dataset && is_get && !if_none.empty() && if_none_match(if_none, etag)) {
          api::Response not_modified;
          not_modified.status = 304;
          send(req, record, not_modified, etag, true, false);
        } else {
          api::Request request{record.method, path, query, accept, now};
          api::Response response = api::handle(request, dataset);
          if (response.stream && header.method() != restinio::http_method_head()) {
            streamed = true;
            auto builder = req->create_response<restinio::chunked_output_t>(status_line(response.status));
            add_common_headers(builder, true);
            builder.append_header(restinio::http_field::content_type, response.content_type);
            for (const auto& [name, value] : response.headers) builder.append_header(name, value);
            builder.append_header("ETag", etag);
            builder.append_header("Cache-Control", "public, max-age=60");
            builder.append_header("Vary", "Accept, Accept-Encoding");
            if (accept_gzip) builder.append_header("Content-Encoding", "gzip");
            auto stream = std::make_shared<Stream>(this, std::move(builder));
            stream->produce = std::move(response.stream);
            if (accept_gzip) stream->gzip = std::make_unique<GzipStream>();
            record.status = response.status;
            record.gzip = accept_gzip;
            stream->record = std::move(record);
            stream->next();
          } else {
            if (response.stream) response.body.clear();  // HEAD of an export: headers only
            send(req, record, std::move(response), etag, true, accept_gzip);
          }
        }
      }
    } catch (const store::StoreUnavailable& e) {
      // The database restarting or unreachable: a 503 the client (and a
      // proxy) can retry, not a bug.
      log->warn("request {} {}: database unavailable: {}", record.method, record.path, e.what());
      if (!streamed) {
        try {
          auto response = api::error_response(
              {503, "unavailable", "Service momentanément indisponible (base de données injoignable) ; réessayez."});
          response.headers.emplace_back("Retry-After", "30");
          send(req, record, std::move(response), "", api, false);
        } catch (const std::exception&) {
        }
      }
    } catch (const std::exception& e) {
      // Never the exception text to the client: it may reveal internals.
      log->error("request {} {} failed: {}", record.method, record.path, e.what());
      if (!streamed) {
        try {
          send(req, record,
               api::error_response({500, "internal_error", "Erreur interne du serveur ; elle a été journalisée."}), "",
               api, false);
        } catch (const std::exception&) {
        }
      }
    }
    if (!streamed) {
      log_access(record);
      in_flight--;
    }
    return restinio::request_accepted();
  }

  void serve_static(const restinio::request_handle_t& req, Record& record, std::string_view path,
                    bool accept_gzip) {
    std::shared_ptr<const StaticFile> file;
    if (path == pages::carte_script_path()) {
      file = std::shared_ptr<const StaticFile>(&carte_js, [](const StaticFile*) {});
    }
    for (const auto& dir : static_dirs) {
      if (!file && path.starts_with(dir->prefix())) file = dir->find(path);
    }
    bool is_get = req->header().method() == restinio::http_method_get() ||
                  req->header().method() == restinio::http_method_head();
    if (!file || !is_get) {
      send(req, record, api::error_response(api::not_found("Ce fichier n'existe pas.")), "", false, false);
      return;
    }
    std::string if_none(req->header().get_field_or(restinio::http_field::if_none_match, ""));
    api::Response response;
    if (!if_none.empty() && if_none_match(if_none, file->etag)) {
      response.status = 304;
    } else {
      response.content_type = file->content_type;
      response.body = file->body;
    }
    // npm files change only with their package's version: cache them a day.
    // carte.js's path carries a hash of its content: cache it a year.
    send(req, record, response, file->etag, false, accept_gzip, false, &file->gzip_body,
         file.get() == &carte_js ? "public, max-age=31536000, immutable" : "public, max-age=86400");
  }

  void serve_page(const restinio::request_handle_t& req, Record& record, std::string_view path,
                  std::string_view query, bool accept_gzip) {
    auto dataset = holder->current();
    if (!dataset) {
      send(req, record, site_unavailable(), "", false, false, true);
      return;
    }
    auto now = clock();
    const auto& header = req->header();
    bool is_get = header.method() == restinio::http_method_get() || header.method() == restinio::http_method_head();
    // Pages show "ouvert maintenant": their validator includes the minute.
    std::string etag = is_get ? make_etag({dataset->version(), header.request_target(), "html",
                                           accept_gzip ? "gzip" : "identity",
                                           std::to_string(now.time_since_epoch().count() / 60)})
                              : "";
    std::string if_none(header.get_field_or(restinio::http_field::if_none_match, ""));
    if (is_get && !if_none.empty() && if_none_match(if_none, etag)) {
      api::Response not_modified;
      not_modified.status = 304;
      send(req, record, not_modified, etag, false, false, true);
      return;
    }
    std::string content_type(header.get_field_or(restinio::http_field::content_type, ""));
    site::Request request{record.method, path, query, content_type, req->body(), now};
    // Reports are rare: one store connection per report keeps request threads
    // independent (a Store is for one thread at a time).
    auto sink = [this](const store::PlaceReport& report) {
      store::open_store({config.database_url, store::schema_policy_for(config.database_url)})->add_place_report(report);
    };
    // E-mails (orientation sheets): rate-limited per client address, counted
    // in the store so that every server shares the count (mail/rate_limiter.h);
    // the address is stored only as a keyed hash, for a minute, never logged.
    site::MailSink mail_sink;
    if (mail_limiter) {
      std::string client = client_of(req);
      mail_sink = [this, client](const mail::Message& message) {
        {
          auto counts = store::open_store({config.database_url, store::schema_policy_for(config.database_url)});
          if (!mail_limiter->allow(counts->accounts(), client)) return site::MailResult::RateLimited;
        }
        mail::Message full = message;
        full.from = config.smtp_from;
        full.from_name = config.smtp_from_name;
        try {
          mail::send(smtp_settings(), full);
        } catch (const std::exception& e) {
          log->error("orientation e-mail not sent: {}", e.what());
          throw;
        }
        return site::MailResult::Sent;
      };
    }
    auto response = site::is_territory_path(path)
                        ? territory_pages.handle(request, dataset, holder->current_diagnosis(), site)
                        : site::handle(request, dataset, sink, site, mail_sink);
    send(req, record, std::move(response), etag, false, accept_gzip, true);
  }

  // The public origin: public_url, else this server's own address.
  std::string public_origin() const {
    if (!config.public_url.empty()) return config.public_url;
    std::string host = config.listen.find(':') != std::string::npos ? "[" + config.listen + "]" : config.listen;
    return fmt::format("http://{}:{}", host, bound_port.load());
  }

  // The staff space (/espace): authenticated pages on a store connection of
  // this worker thread (a Store is for one thread at a time; opening one per
  // request would cost a schema check each time).
  void serve_staff(const restinio::request_handle_t& req, Record& record, std::string_view path,
                   std::string_view query, bool accept_gzip) {
    thread_local std::unique_ptr<store::Store> thread_store;
    thread_local std::string thread_store_url;
    if (!thread_store || thread_store_url != config.database_url) {
      thread_store = store::open_store({config.database_url, store::schema_policy_for(config.database_url)});
      thread_store_url = config.database_url;
    }
    const auto& header = req->header();
    std::string origin = public_origin();
    accounts::Settings settings;
    settings.base_url = origin;
    journal::JournalSettings journal_settings;
    journal_settings.origin = !config.journal_origin.empty()
                                  ? config.journal_origin
                                  : origin.substr(origin.find("://") + 3) + "/journal";
    accounts::MailSender mail_sender;
    if (!config.smtp_url.empty()) {
      mail_sender = [this](const mail::Message& message) {
        mail::Message full = message;
        full.from = config.smtp_from;
        full.from_name = config.smtp_from_name;
        mail::send(smtp_settings(), full);
      };
    }
    staff::Context context{.store = *thread_store,
                           .keys = keys,
                           .settings = settings,
                           .mail = mail_sender,
                           .journal = journal_settings,
                           .site = site,
                           .dataset = holder->current(),
                           .secure_cookies = origin.starts_with("https://"),
                           .clock = clock};
    std::string content_type(header.get_field_or(restinio::http_field::content_type, ""));
    std::string cookie(header.get_field_or(restinio::http_field::cookie, ""));
    std::string origin_header(header.get_field_or("Origin", ""));
    std::string fetch_site(header.get_field_or("Sec-Fetch-Site", ""));
    accounts::Client client{client_of(req),
                            std::string(header.get_field_or(restinio::http_field::user_agent, "")).substr(0, 300)};
    if (req->body().size() > config.max_staff_body_bytes) {
      // Refused before any parsing, and journalled (the attack run checks it).
      try {
        accounts::Accounts accounts(*thread_store, keys, settings, {}, journal_settings, clock);
        journal::Event event;
        event.action = journal::action::kRequestRejected;
        event.object_type = "route";
        event.object_id = std::string(path.substr(0, 200));
        event.details = {{"raison", "corps trop gros"}, {"octets", req->body().size()}};
        event.personal = {{"ip", client.ip}};
        accounts.record(event);
      } catch (const std::exception& e) {
        log->error("journal: cannot record an oversized request: {}", e.what());
      }
      api::Response response;
      response.status = 413;
      response.content_type = "text/html; charset=utf-8";
      response.body = pages::render_error(
          {.site = site, .status = 413,
           .detail = fmt::format("Le fichier ou le formulaire envoyé est trop gros ({} Mo au plus).",
                                 config.max_staff_body_bytes / (1024 * 1024)),
           .back_url = "/espace"});
      send(req, record, std::move(response), "", false, false, true);
      return;
    }
    staff::Request request{.method = record.method,
                           .path = path,
                           .query = query,
                           .content_type = content_type,
                           .body = req->body(),
                           .cookie = cookie,
                           .origin = origin_header,
                           .sec_fetch_site = fetch_site,
                           .client = client};
    api::Response response;
    try {
      response = staff::handle(request, context);
    } catch (...) {
      thread_store.reset();  // a broken connection is not reused
      throw;
    }
    send(req, record, std::move(response), "", false, accept_gzip, true);
  }

  mail::SmtpSettings smtp_settings() const {
    return {.url = config.smtp_url, .from = config.smtp_from, .from_name = config.smtp_from_name,
            .user = config.smtp_user, .password = config.smtp_password, .tls = mail::parse_tls(config.smtp_tls),
            .timeout = config.smtp_timeout_seconds};
  }

  api::Response site_unavailable() {
    api::Response response;
    response.status = 503;
    response.content_type = "text/html; charset=utf-8";
    response.body = pages::render_error({.site = {}, .status = 503,
                                         .detail = "Le service démarre : réessayez dans un instant.",
                                         .back_url = "/"});
    return response;
  }

  api::Response health() {
    api::Response response;
    auto dataset = holder->current();
    nlohmann::json body{{"status", draining ? "stopping" : (dataset ? "ok" : "loading")}};
    if (dataset) {
      body["catalogue"] = {{"version", dataset->version()},
                           {"lieux", dataset->catalog().places().size()},
                           {"communes", dataset->catalog().communes().size()}};
    }
    response.status = draining || !dataset ? 503 : 200;
    response.body = body.dump();
    return response;
  }
};

Server::Server(Config config) : impl_(std::make_unique<Impl>()) {
  validate(config);
  impl_->config = std::move(config);
  const Config& c = impl_->config;
  impl_->clock = make_clock();
  impl_->log = std::make_shared<spdlog::logger>("relais", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  impl_->log->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  if (c.access_log == "-") {
    impl_->access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  } else if (!c.access_log.empty()) {
    impl_->access = std::make_shared<spdlog::logger>(
        "access", std::make_shared<spdlog::sinks::basic_file_sink_mt>(c.access_log, false));
  }
  if (impl_->access) {
    impl_->access->set_pattern("%v");
    impl_->access->flush_on(spdlog::level::info);
  }
  impl_->log->flush_on(spdlog::level::info);

  api::TerritoryNames names;
  std::string names_dir = c.territory_data;
  if (names_dir.empty() && std::filesystem::exists("node_modules/@etalab/decoupage-administratif/data")) {
    names_dir = "node_modules/@etalab/decoupage-administratif/data";
  }
  if (!names_dir.empty()) {
    names = api::TerritoryNames::load(names_dir);
  } else {
    impl_->log->warn("no territory_data folder: names of départements, régions and EPCI will be null");
  }
  struct StaticDir {
    const std::string& configured;
    const char* fallback;
    const char* prefix;
    const char* missing;
  };
  for (const auto& dir : {
           StaticDir{c.dsfr_dist, "node_modules/@gouvfr/dsfr/dist", "/static/dsfr/",
                     "no dsfr_dist folder: pages are served without the State design system's styles"},
           StaticDir{c.leaflet_dist, "node_modules/leaflet/dist", "/static/leaflet/",
                     "no leaflet_dist folder: the results page's map cannot open (the list still works)"},
           StaticDir{c.markercluster_dist, "node_modules/leaflet.markercluster/dist", "/static/markercluster/",
                     "no markercluster_dist folder: the results page's map cannot open (the list still works)"},
       }) {
    std::string folder = dir.configured;
    if (folder.empty() && std::filesystem::exists(dir.fallback)) folder = dir.fallback;
    if (!folder.empty() && std::filesystem::is_directory(folder)) {
      impl_->static_dirs.push_back(std::make_unique<StaticFiles>(folder, dir.prefix));
    } else {
      impl_->log->warn("{}", dir.missing);
    }
  }
  {
    StaticFile& js = impl_->carte_js;
    js.content_type = std::string(StaticFiles::content_type_of(".js"));
    js.body = std::string(pages::carte_script());
    js.gzip_body = gzip(js.body);
    js.etag = make_etag({"static", pages::carte_script_path(), js.body});
  }
  impl_->trusted_proxies = split_address_list(c.trusted_proxies);
  impl_->keys = security::load_or_create_keys(c.keys_dir.empty() ? std::string(security::kDefaultKeysDir) : c.keys_dir);
  impl_->site.map_tiles_url = c.map_tiles_url;
  impl_->site.map_tiles_attribution = c.map_tiles_attribution;
  impl_->page_headers = page_security_headers();
  for (auto& [name, value] : impl_->page_headers) {
    if (name != "Content-Security-Policy") continue;
    value = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data: " +
            tiles_csp_source(c.map_tiles_url) +
            "; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  }
  if (!c.smtp_url.empty()) {
    const auto& secret = impl_->keys.secret;
    impl_->mail_limiter = std::make_unique<mail::RateLimiter>(
        c.mail_per_minute, c.mail_per_minute_total,
        std::string(reinterpret_cast<const char*>(secret.data()), secret.size()));
  } else {
    impl_->log->info("no smtp_url: orientation sheets can be printed, not e-mailed");
  }
  auto* log = impl_->log.get();
  impl_->holder = std::make_unique<CatalogHolder>(c.database_read_url.empty() ? c.database_url : c.database_read_url,
                                                  c.database_url, std::move(names), impl_->clock,
                                                  [log](const std::string& message) { log->info("{}", message); });
}

Server::~Server() { stop(); }

void Server::start() {
  const Config& c = impl_->config;
  std::size_t threads = c.threads ? c.threads : std::max(2u, std::thread::hardware_concurrency());
  Impl* impl = impl_.get();
  auto settings =
      Settings{}
          .address(c.listen)
          .port(c.port)
          .request_handler([impl](const restinio::request_handle_t& req) { return impl->handle(req); })
          .read_next_http_message_timelimit(c.read_timeout_seconds)
          .write_http_response_timelimit(c.write_timeout_seconds)
          .handle_request_timeout(c.handle_timeout_seconds)
          .max_pipelined_requests(1)
          .max_parallel_connections(c.max_connections)
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                        .max_url_size(4 * c.max_url_bytes)
                                        .max_body_size(4 * std::max(c.max_body_bytes, c.max_staff_body_bytes))
                                        .max_field_count(c.max_header_fields)
                                        .max_field_name_size(c.max_header_field_bytes)
                                        .max_field_value_size(c.max_header_field_bytes))
          .acceptor_post_bind_hook([impl](asio::ip::tcp::acceptor& acceptor) {
            impl->bound_port = acceptor.local_endpoint().port();
          });
  try {
    impl_->running = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings), threads);
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", c.listen, c.port, e.what()));
  }
  impl_->holder->start(c.reload_seconds);
  impl_->log->info("listening on http://{}:{} with {} threads", c.listen.find(':') != std::string::npos
                                                                     ? "[" + c.listen + "]"
                                                                     : c.listen,
                   port(), threads);
}

std::uint16_t Server::port() const { return impl_->bound_port.load(); }

CatalogHolder& Server::catalog() { return *impl_->holder; }

void Server::stop() {
  std::lock_guard lock(impl_->stop_mutex);
  if (impl_->stopped || !impl_->running) return;
  impl_->stopped = true;
  impl_->draining = true;
  auto deadline = std::chrono::steady_clock::now() + impl_->config.shutdown_timeout_seconds;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (impl_->in_flight.load() > 0) {
    impl_->log->warn("stopping with {} requests still in flight", impl_->in_flight.load());
  }
  impl_->running->stop();
  impl_->running->wait();
  impl_->holder->stop();
  impl_->log->info("stopped");
}

void block_termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client closing early must not kill the process
}

int wait_for_termination_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  return signal;
}

}  // namespace relais::server
