// `relais serve`: the HTTP server of the product, on RESTinio (see
// docs/server.md for the choice). One process, a pool of worker threads,
// keep-alive, explicit limits and timeouts, graceful shutdown, one JSON line
// per request in the access log, /healthz, the API v1 of api/handler.h with
// strong ETags (304 on If-None-Match), gzip and security headers.
//
// RESTinio's templates live in server.cpp only (build time).
#pragma once

#include <cstdint>
#include <memory>

#include "server/catalog_holder.h"
#include "server/config.h"

namespace relais::server {

class Server {
 public:
  // Sets up logs, reads the territory names, opens the store and loads the
  // catalogue. Throws ConfigError, store::StoreError, std::runtime_error.
  explicit Server(Config config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads and the reload checks; returns once
  // listening. Throws std::runtime_error when the address cannot be bound.
  void start();
  // The bound port (useful with port 0). Valid after start().
  std::uint16_t port() const;
  // Graceful stop: /healthz turns 503 and responses close their connection,
  // in-flight requests (streams included) get up to shutdown_timeout_seconds
  // to finish, then the listener and the threads stop. Idempotent.
  void stop();

  CatalogHolder& catalog();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGTERM, SIGINT (and SIGPIPE) in the calling thread; threads started
// afterwards inherit the mask, so wait_for_termination_signal() receives them.
void block_termination_signals();
// Waits for SIGTERM or SIGINT (blocked beforehand); returns the signal number.
int wait_for_termination_signal();

}  // namespace relais::server
