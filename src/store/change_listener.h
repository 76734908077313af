// Tells a process soon after another one changed the places, so that a
// server reloads its catalogue within a moment of an edit instead of at its
// next poll of Store::change_counter().
//
// On PostgreSQL every write that moves the change counter also NOTIFYs, at
// commit, on one channel (payload: the instance's schema and the new
// counter), and the listener LISTENs on a connection of its own. PostgreSQL
// does not relay notifications to streaming replicas and refuses LISTEN on
// them: listen on the primary (database_url) even when the catalogue is read
// from a replica (database_read_url), then wait for the replica's counter to
// reach the notified one. SQLite has no signal between processes: there,
// wait() only sleeps and the change counter is the only mechanism.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace relais::store {

class ChangeListener {
 public:
  virtual ~ChangeListener() = default;

  // True when wait() can report changes (PostgreSQL), false when it only
  // sleeps (SQLite).
  virtual bool notifies() const = 0;

  // Waits up to `timeout` for changes of this instance's places. Returns the
  // highest change counter notified since the previous wait (they queue while
  // nobody waits), or std::nullopt on timeout, interrupt() or on SQLite.
  // Never throws: a lost connection is made again at a later wait, which then
  // returns 0, meaning "changes may have been missed: check the counter".
  virtual std::optional<std::int64_t> wait(std::chrono::milliseconds timeout) = 0;

  // Makes the wait in progress, or else the next one, return at once.
  // The only member that may be called from another thread.
  virtual void interrupt() = 0;
};

// For the database of `database_url` (the URLs of StoreOptions). Throws
// StoreError when PostgreSQL cannot be reached at first.
std::unique_ptr<ChangeListener> open_change_listener(const std::string& database_url);

// The channel the store NOTIFYs on (PostgreSQL).
inline constexpr const char* kChangeChannel = "relais_changes";

}  // namespace relais::store
