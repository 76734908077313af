// How many times a client may do something costly (send an e-mail) in a
// sliding window: at most `limit` events per `window` and key. Keys are
// client addresses, kept in memory only for the window (never logged).
//
// Thread-safety: allow() may be called concurrently (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace relais::mail {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // REQUIRES: limit >= 1, window > 0.
  RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t max_keys = 10000);

  // Records an event for `key` at `now` and returns true when it is within
  // the limit; returns false (nothing recorded) when `key` already had
  // `limit` events in (now - window, now], or when `max_keys` other clients
  // are being tracked (a flood of addresses must not exhaust memory).
  bool allow(std::string_view key, Clock::time_point now = Clock::now());

  // Clients currently tracked (for tests).
  std::size_t tracked() const;

 private:
  void purge(Clock::time_point now);

  std::size_t limit_;
  std::chrono::seconds window_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> events_;
  Clock::time_point last_purge_{};
};

}  // namespace relais::mail
