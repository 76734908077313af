#include "mail/rate_limiter.h"

namespace relais::mail {

RateLimiter::RateLimiter(std::size_t limit, std::chrono::seconds window, std::size_t max_keys)
    : limit_(limit), window_(window), max_keys_(max_keys) {}

void RateLimiter::purge(Clock::time_point now) {
  for (auto it = events_.begin(); it != events_.end();) {
    auto& times = it->second;
    while (!times.empty() && times.front() <= now - window_) times.pop_front();
    it = times.empty() ? events_.erase(it) : std::next(it);
  }
  last_purge_ = now;
}

bool RateLimiter::allow(std::string_view key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (now - last_purge_ >= window_ || events_.size() >= max_keys_) purge(now);
  auto it = events_.find(std::string(key));
  if (it == events_.end()) {
    if (events_.size() >= max_keys_) return false;
    it = events_.emplace(std::string(key), std::deque<Clock::time_point>{}).first;
  }
  auto& times = it->second;
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (times.size() >= limit_) return false;
  times.push_back(now);
  return true;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return events_.size();
}

}  // namespace relais::mail
