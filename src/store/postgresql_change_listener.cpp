// The PostgreSQL ChangeListener: LISTEN on a connection of its own, waiting
// with poll() on its socket and on a pipe that interrupt() writes to (libpq
// has no wait of its own that another thread can cut short).
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string_view>

#include "store/change_listener.h"
#include "store/sql_parts.h"
#include "store/store.h"

namespace relais::store::sql {
namespace {

using Clock = std::chrono::steady_clock;

// Reconnection attempts while PostgreSQL is down: at most one per second.
constexpr auto kReconnectDelay = std::chrono::seconds(1);

class PostgresqlChangeListener final : public ChangeListener {
 public:
  explicit PostgresqlChangeListener(std::string url) : url_(std::move(url)) {
    if (pipe2(pipe_, O_NONBLOCK | O_CLOEXEC) != 0) throw StoreError("store: cannot create the listener's pipe");
    std::string error;
    if (!connect(error)) {
      close_pipe();
      throw StoreError("cannot connect to PostgreSQL to listen for changes: " + error);
    }
  }
  ~PostgresqlChangeListener() override {
    disconnect();
    close_pipe();
  }

  bool notifies() const override { return true; }

  std::optional<std::int64_t> wait(std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + timeout;
    if (!conn_) {
      if (Clock::now() >= next_attempt_) {
        std::string error;
        if (connect(error)) return 0;  // changes may have been missed meanwhile
        next_attempt_ = Clock::now() + kReconnectDelay;
      }
      sleep_until(std::min(deadline, next_attempt_));
      return std::nullopt;
    }
    for (;;) {
      if (!PQconsumeInput(conn_)) {  // the server went away
        disconnect();
        next_attempt_ = Clock::now() + kReconnectDelay;
        return std::nullopt;
      }
      if (auto counter = take_notifications()) return counter;
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd fds[2] = {{PQsocket(conn_), POLLIN, 0}, {pipe_[0], POLLIN, 0}};
      const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left, 60'000)));
      if (ready < 0 && errno != EINTR) return std::nullopt;
      if (fds[1].revents & POLLIN) {
        drain_pipe();
        return std::nullopt;
      }
    }
  }

  void interrupt() override {
    const char byte = 1;
    [[maybe_unused]] auto written = ::write(pipe_[1], &byte, 1);  // full pipe: an interrupt is pending anyway
  }

 private:
  bool connect(std::string& error) {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      error = PQerrorMessage(conn_);
      while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
      disconnect();
      return false;
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    // The schema is the instance (tests run one per schema): notifications
    // of other instances on the same database are ignored.
    PGresult* r = PQexec(conn_, "SELECT coalesce(current_schema(), '')");
    const bool schema_ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    if (schema_ok) schema_ = PQgetvalue(r, 0, 0);
    PQclear(r);
    r = PQexec(conn_, (std::string("LISTEN ") + kChangeChannel).c_str());
    const bool listen_ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!listen_ok) error = PQresultErrorMessage(r);
    PQclear(r);
    if (!schema_ok || !listen_ok) {
      disconnect();
      return false;
    }
    return true;
  }

  void disconnect() {
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
  }

  // The highest counter among the queued notifications of this instance.
  std::optional<std::int64_t> take_notifications() {
    std::optional<std::int64_t> highest;
    while (PGnotify* n = PQnotifies(conn_)) {
      std::string_view payload = n->extra ? n->extra : "";
      const auto space = payload.rfind(' ');
      std::int64_t counter = 0;
      if (space != std::string_view::npos && payload.substr(0, space) == schema_ &&
          std::from_chars(payload.data() + space + 1, payload.data() + payload.size(), counter).ec == std::errc()) {
        if (!highest || counter > *highest) highest = counter;
      }
      PQfreemem(n);
    }
    return highest;
  }

  void sleep_until(Clock::time_point until) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return;
    pollfd fd{pipe_[0], POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(std::min<long long>(left, 60'000))) > 0) drain_pipe();
  }

  void drain_pipe() {
    char buf[64];
    while (::read(pipe_[0], buf, sizeof buf) > 0) {
    }
  }

  void close_pipe() {
    for (int& fd : pipe_) {
      if (fd >= 0) ::close(fd);
      fd = -1;
    }
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  std::string schema_;
  int pipe_[2] = {-1, -1};
  Clock::time_point next_attempt_{};
};

}  // namespace

std::unique_ptr<ChangeListener> open_postgresql_change_listener(const std::string& url) {
  return std::make_unique<PostgresqlChangeListener>(url);
}

}  // namespace relais::store::sql
