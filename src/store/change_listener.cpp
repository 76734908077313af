#include "store/change_listener.h"

#include <condition_variable>
#include <mutex>

#include "store/sql_parts.h"
#include "store/store.h"

namespace relais::store {
namespace {

// SQLite: nothing tells one process of another's commit, so waiting is
// sleeping (interruptibly); the caller then reads the change counter.
class SleepingChangeListener final : public ChangeListener {
 public:
  bool notifies() const override { return false; }

  std::optional<std::int64_t> wait(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [this] { return interrupted_; });
    interrupted_ = false;
    return std::nullopt;
  }

  void interrupt() override {
    {
      std::lock_guard lock(mutex_);
      interrupted_ = true;
    }
    wake_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool interrupted_ = false;
};

}  // namespace

std::unique_ptr<ChangeListener> open_change_listener(const std::string& database_url) {
  if (is_postgresql_url(database_url)) return sql::open_postgresql_change_listener(database_url);
  return std::make_unique<SleepingChangeListener>();
}

}  // namespace relais::store
