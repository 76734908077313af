// Holds the catalogue the server answers from and replaces it when the store
// changes: at once when told (PostgreSQL's notifications, see
// store/change_listener.h), and at every check interval in any case (the
// only way on SQLite, and the safety net when a notification is lost). The
// store is opened once and used by one thread at a time (the constructor's,
// then the reload thread's), as store.h requires. Readers call
// current(): a shared_ptr copy under a short lock, so a reload never frees a
// catalogue a request (or a streamed export) still uses, and a request never
// sees a half-built one (the new one is built aside, then swapped).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/dataset.h"
#include "report/diagnosis_data.h"
#include "store/change_listener.h"
#include "store/store.h"

namespace relais::server {

class CatalogHolder {
 public:
  using Clock = std::function<std::chrono::sys_seconds()>;
  using Log = std::function<void(const std::string&)>;

  // Opens the store at `read_url` (the catalogue's database: the primary or
  // a replica), listens for changes on `primary_url` (replicas relay no
  // notifications) and loads the first catalogue. Throws store::StoreError.
  CatalogHolder(const std::string& read_url, const std::string& primary_url, api::TerritoryNames names, Clock clock,
                Log log);
  ~CatalogHolder();

  std::shared_ptr<const api::Dataset> current() const;
  // The territory pages' data (index, contours, sources), loaded with each
  // catalogue and when indicators or contours are imported; null when it
  // could not be loaded (the pages then show the offer alone).
  std::shared_ptr<const report::DiagnosisData> current_diagnosis() const;

  // Compares the store's change counter with the loaded one, and the
  // imported indicator sets and contours with the loaded ones: a moved
  // counter reloads the catalogue and the territory data, new indicators or
  // contours only the territory data. Returns true after a reload. A failed reload keeps the current
  // catalogue, logs, and is retried at the next check.
  bool reload_if_changed();

  // Background reloads until stop() (or destruction): soon after each
  // notified change (bursts of edits coalesced: one reload a second at most,
  // or one per duration of the last build when that is longer; on a replica,
  // as soon as it has replayed the change), and a check every `interval`
  // whatever happens.
  void start(std::chrono::seconds interval);
  void stop();

  std::size_t reload_count() const { return reloads_.load(); }

 private:
  void load_catalog(std::int64_t counter);
  void load_diagnosis(std::string fingerprint);
  // Identifies the imported indicator sets and contours (their names and
  // import times): they do not move the change counter.
  std::string diagnosis_fingerprint();

  std::unique_ptr<store::Store> store_;
  api::TerritoryNames names_;
  Clock clock_;
  Log log_;
  mutable std::mutex mutex_;  // guards current_
  std::shared_ptr<const api::Dataset> current_;
  std::shared_ptr<const report::DiagnosisData> diagnosis_;
  std::int64_t loaded_counter_ = -1;
  std::string loaded_fingerprint_;
  std::atomic<std::size_t> reloads_{0};

  void run(std::chrono::seconds interval);

  std::unique_ptr<store::ChangeListener> listener_;
  // The highest counter notified: above loaded_counter_ while the
  // catalogue's database (a replica) has not replayed that change yet.
  std::int64_t notified_counter_ = -1;
  std::chrono::steady_clock::time_point last_reload_{};
  std::chrono::steady_clock::duration last_build_{};  // of the catalogue (not the territory data)
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// "today" in Paris for the catalogue's merge rule, from an instant.
std::chrono::year_month_day paris_today(std::chrono::sys_seconds now);

}  // namespace relais::server
