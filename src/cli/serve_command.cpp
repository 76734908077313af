// relais serve [--config FILE.json] [--listen ADDR] [--port N] [--threads N] ...
// Runs the HTTP server in the foreground until SIGTERM or SIGINT, then stops
// gracefully and exits 0.
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "server/server.h"
#include "store/store.h"

namespace relais::cli {
namespace {

struct ServeOptions {
  std::string config_file;
  std::optional<std::string> listen;
  std::optional<std::uint16_t> port;
  std::optional<std::size_t> threads;
  std::optional<std::string> access_log;
  std::optional<std::string> territory_data;
};

int run_serve(Context& context, const ServeOptions& options) {
  server::Config config;
  try {
    if (!options.config_file.empty()) server::apply_file(config, options.config_file);
    server::apply_environment(config, [](const char* name) { return std::getenv(name); });
    if (!context.database.empty()) config.database_url = context.database;  // --db or RELAIS_DATABASE_URL
    if (options.listen) config.listen = *options.listen;
    if (options.port) config.port = *options.port;
    if (options.threads) config.threads = *options.threads;
    if (options.access_log) config.access_log = *options.access_log;
    if (options.territory_data) config.territory_data = *options.territory_data;
    server::validate(config);
  } catch (const server::ConfigError& e) {
    throw CommandError(kUsage, std::string("configuration: ") + e.what());
  }
  // Before any thread exists, so that every thread inherits the mask and the
  // signals reach wait_for_termination_signal() below.
  server::block_termination_signals();
  std::unique_ptr<server::Server> http;
  try {
    http = std::make_unique<server::Server>(config);
    http->start();
  } catch (const store::StoreError& e) {
    throw CommandError(kUsage, std::string("cannot open the database: ") + e.what());
  } catch (const std::runtime_error& e) {
    throw CommandError(kUsage, e.what());
  }
  int signal = server::wait_for_termination_signal();
  if (!context.quiet) std::cerr << "relais: signal " << signal << " received, stopping\n";
  http->stop();
  return kSuccess;
}

}  // namespace

void add_serve_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand(
      "serve",
      "Run the HTTP server (public JSON API v1 under /api/v1/, /healthz) until SIGTERM or SIGINT. Settings: "
      "defaults < --config FILE.json < RELAIS_* environment < options (see docs/server.md).");
  serve->add_option("--config", options->config_file, "JSON configuration file")->check(CLI::ExistingFile);
  serve->add_option("--listen", options->listen, "IP address to listen on (default 127.0.0.1; RELAIS_LISTEN)");
  serve->add_option("--port", options->port, "TCP port (default 8080, 0 = any free port; RELAIS_PORT)");
  serve->add_option("--threads", options->threads, "Worker threads (default: number of cores; RELAIS_THREADS)");
  serve->add_option("--access-log", options->access_log,
                    "Access log: - for standard output (default), a file path, or empty for none");
  serve->add_option("--territory-data", options->territory_data,
                    "Folder of @etalab/decoupage-administratif data, for territory names");
  serve->callback([&context, &result, options] { result = run_serve(context, *options); });
}

}  // namespace relais::cli
