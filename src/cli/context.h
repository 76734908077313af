// What every subcommand shares: global options and the store, opened lazily.
#pragma once

#include <memory>
#include <string>

namespace relais::store { class Store; }

namespace relais::cli {

struct Context {
  std::string database;  // --db, else $RELAIS_DATABASE_URL, else ./var/relais.db
  bool quiet = false;    // --quiet: no progress on the terminal

  // Opens the store on first use. Throws CommandError(kUsage) if it cannot.
  store::Store& store();
  Context();
  ~Context();

 private:
  std::unique_ptr<store::Store> store_;
};

}  // namespace relais::cli
