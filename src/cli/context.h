// What every subcommand shares: global options and the store, opened lazily.
#pragma once

#include <memory>
#include <string>

namespace relais::store { class Store; }
namespace relais::security { struct KeyRing; }

namespace relais::cli {

struct Context {
  std::string database;  // --db, else $RELAIS_DATABASE_URL, else ./var/relais.db
  bool quiet = false;    // --quiet: no progress on the terminal
  std::string keys;      // --keys, else $RELAIS_KEYS_DIR, else ./var/keys (security/keys.h)

  // The server's keys, loaded (created on first use) from `keys` on first
  // use. Throws CommandError(kUsage) if they cannot be read.
  const security::KeyRing& key_ring();

  // Opens the store on first use. Throws CommandError(kUsage) if it cannot.
  store::Store& store();
  Context();
  ~Context();

 private:
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<security::KeyRing> keys_;
};

}  // namespace relais::cli
