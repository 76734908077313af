// relais_journal_fill DB KEYS_DIR COUNT [SEAL_EVERY]: appends COUNT events to
// the journal of the database DB through journal::Journal, signing automatic
// checkpoints with the keys of KEYS_DIR (created if missing). A test helper
// for journal_cli_test.sh: no `relais` command records events by itself.
#include <chrono>
#include <iostream>
#include <string>

#include "journal/journal.h"
#include "security/keys.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace relais;
  if (argc < 4 || argc > 5) {
    std::cerr << "usage: relais_journal_fill DB KEYS_DIR COUNT [SEAL_EVERY]\n";
    return 2;
  }
  try {
    const auto store = store::open_store({argv[1]});
    const security::KeyRing keys = security::load_or_create_keys(argv[2]);
    const int count = std::stoi(argv[3]);
    journal::JournalSettings settings;
    settings.seal_every = argc == 5 ? std::stoll(argv[4]) : 0;
    journal::Journal journal(store->journal(), keys, settings, [] {
      return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    });
    const std::int64_t before = store->journal().entry_count();
    for (int i = 1; i <= count; ++i) {
      journal::Event event;
      event.action = i % 3 == 0 ? journal::action::kLoginFailed : journal::action::kLogin;
      event.actor_user_id = 10 + i % 4;
      event.structure_id = 3;
      event.object_type = "session";
      event.object_id = "session-" + std::to_string(before + i);
      event.details = {{"methode", "totp"}, {"essai", i}};
      if (i % 2 == 1) {
        event.personal = {{"email", "agent" + std::to_string(i % 4) + "@example.fr"}, {"ip", "192.0.2.10"}};
        event.personal_user_id = 10 + i % 4;
      }
      journal.record(event);
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relais_journal_fill: " << e.what() << "\n";
    return 1;
  }
}
