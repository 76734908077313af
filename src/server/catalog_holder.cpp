#include "server/catalog_holder.h"

#include <utility>

#include <fmt/format.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "hours/paris_time.h"

namespace relais::server {

std::chrono::year_month_day paris_today(std::chrono::sys_seconds now) {
  auto local = hours::paris_local_seconds(now);
  auto days = local / 86400 - (local % 86400 < 0 ? 1 : 0);
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

namespace {

// After a notification, how soon to look again while the catalogue's
// database (a replica) is behind the notified counter.
constexpr auto kCatchUpDelay = std::chrono::milliseconds(250);
// Edits in a burst make one reload: the next one starts this long after the
// previous one at the soonest, or as long as the previous build took when
// that is longer, so that the reload thread never takes more than half a core
// (at a million places a build takes about a minute).
constexpr auto kMinReloadSpacing = std::chrono::seconds(1);

}  // namespace

CatalogHolder::CatalogHolder(const std::string& read_url, const std::string& primary_url, api::TerritoryNames names,
                             Clock clock, Log log)
    : store_(store::open_store({read_url, store::schema_policy_for(read_url)})),
      names_(std::move(names)),
      clock_(std::move(clock)),
      log_(std::move(log)),
      listener_(store::open_change_listener(primary_url)) {
  load_catalog(store_->change_counter());
  load_diagnosis(diagnosis_fingerprint());
}

CatalogHolder::~CatalogHolder() { stop(); }

void CatalogHolder::load_catalog(std::int64_t counter) {
  auto started = std::chrono::steady_clock::now();
  auto catalog = catalog::Catalog::load(*store_, {.today = paris_today(clock_()), .deduplicated = true});
  auto places = catalog.places().size();
  auto dataset = api::Dataset::make(std::move(catalog), names_, std::to_string(counter));
  std::shared_ptr<const api::Dataset> previous;
  {
    std::lock_guard lock(mutex_);
    previous = std::exchange(current_, std::move(dataset));
  }
  loaded_counter_ = counter;
  last_build_ = std::chrono::steady_clock::now() - started;
  // Freed outside the lock (gigabytes at a million places: requests must
  // not wait for that), unless a request still holds it, which frees it
  // when done.
  previous.reset();
#ifdef __GLIBC__
  // Hand the freed pages back to the system: glibc otherwise keeps freed
  // memory in its free lists, resident, unless it is at the top of the heap.
  // With this, a server at a million places stays at its first load's size
  // across reloads (bench/README.md, "Memory fix").
  malloc_trim(0);
#endif
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(last_build_);
  log_(fmt::format("catalogue loaded: {} places, store version {}, {} ms", places, counter, ms.count()));
}

void CatalogHolder::load_diagnosis(std::string fingerprint) {
  std::shared_ptr<const report::DiagnosisData> diagnosis;
  try {
    diagnosis = std::make_shared<const report::DiagnosisData>(
        report::load_diagnosis_data(*store_, report::kDefaultIndex));
  } catch (const std::exception& e) {
    log_(std::string("territory data not loaded (the territory pages show the offer alone): ") + e.what());
  }
  {
    std::lock_guard lock(mutex_);
    diagnosis_ = std::move(diagnosis);
  }
  loaded_fingerprint_ = std::move(fingerprint);
}

std::shared_ptr<const api::Dataset> CatalogHolder::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::shared_ptr<const report::DiagnosisData> CatalogHolder::current_diagnosis() const {
  std::lock_guard lock(mutex_);
  return diagnosis_;
}

std::string CatalogHolder::diagnosis_fingerprint() {
  std::string out;
  for (const auto& set : store_->list_indicator_sets()) out += set.name + '@' + set.imported_at + ';';
  for (const auto& set : store_->list_contour_sets()) out += set.level + '@' + set.imported_at + ';';
  return out;
}

bool CatalogHolder::reload_if_changed() {
  try {
    auto counter = store_->change_counter();
    auto fingerprint = diagnosis_fingerprint();
    const bool catalog_moved = counter != loaded_counter_;
    if (!catalog_moved && fingerprint == loaded_fingerprint_) return false;
    // New indicators or contours alone do not rebuild the catalogue; new
    // places also refresh the diagnosis data (its sources list the imports).
    if (catalog_moved) load_catalog(counter);
    load_diagnosis(std::move(fingerprint));
    reloads_++;
    return true;
  } catch (const std::exception& e) {
    log_(std::string("catalogue reload failed, keeping the current one: ") + e.what());
    return false;
  }
}

void CatalogHolder::start(std::chrono::seconds interval) {
  thread_ = std::thread([this, interval] { run(interval); });
}

void CatalogHolder::run(std::chrono::seconds interval) {
  using Steady = std::chrono::steady_clock;
  auto note = [this](std::optional<std::int64_t> counter) {
    if (counter) notified_counter_ = std::max(notified_counter_, *counter);
    return counter.has_value();
  };
  while (!stopping_) {
    const bool behind = notified_counter_ > loaded_counter_;
    const std::chrono::milliseconds timeout = behind ? kCatchUpDelay : interval;
    if (note(listener_->wait(timeout))) {
      // Coalesce: gather the rest of a burst until the spacing has passed.
      const auto spacing = std::max<Steady::duration>(kMinReloadSpacing, last_build_);
      for (auto next = last_reload_ + spacing; !stopping_ && Steady::now() < next;) {
        note(listener_->wait(std::chrono::ceil<std::chrono::milliseconds>(next - Steady::now())));
      }
    }
    if (stopping_) break;
    if (reload_if_changed()) last_reload_ = Steady::now();
  }
}

void CatalogHolder::stop() {
  stopping_ = true;
  listener_->interrupt();
  if (thread_.joinable()) thread_.join();
}

}  // namespace relais::server
