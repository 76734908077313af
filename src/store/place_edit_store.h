// Places kept fresh by their own teams (issue 5): edits made in the web app,
// each one versioned with who and when; confirmations ("la fiche est à
// jour"); replies to the public's error reports; reminders sent about stale
// records. Part of store::Store (Store::place_edits()), same database.
//
// A place edited by its team is marked as such: later imports of its source
// file keep the team's version (ImportSummary::kept_team_edits) instead of
// overwriting it with older data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "store/account_store.h"
#include "store/store.h"

namespace relais::store {

// The record changed since the editor loaded it (optimistic concurrency).
class EditConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

struct PlaceVersion {
  std::int64_t id = 0;
  std::string source, place_id;
  int version = 0;     // 1, 2, 3… per place
  std::string change;  // "modification" or "confirmation"
  std::string record_json;  // the whole record after the change (store/place_json.h)
  std::optional<std::int64_t> user_id, structure_id;
  std::string edited_at;
  friend bool operator==(const PlaceVersion&, const PlaceVersion&) = default;
};

struct PlaceFreshness {
  PlaceKey place;
  std::string updated_at;        // last write of the record (import or edit)
  std::string confirmed_at;      // last edit or confirmation by the team; "" never
  std::string last_reminder_at;  // "" never
  friend bool operator==(const PlaceFreshness&, const PlaceFreshness&) = default;
};

struct ReportReply {
  std::int64_t id = 0;
  std::int64_t report_id = 0;
  std::optional<std::int64_t> user_id;
  std::string replied_at, message;
  bool emailed = false;
  friend bool operator==(const ReportReply&, const ReportReply&) = default;
};

class PlaceEditStore {
 public:
  virtual ~PlaceEditStore() = default;

  // Replaces the stored record of `key` with `place` (same id) in one
  // transaction: the places row (record, indexed columns, date_maj as given,
  // updated_at, confirmed_at = at, edited by team), a new version, and the
  // change counter (the server reloads and the public page shows it).
  // `expected_version` is the version the editor started from (0 when the
  // place has no version yet): EditConflict if another edit came first.
  // StoreError when the place does not exist.
  virtual PlaceVersion edit_place(const PlaceKey& key, const Place& place, int expected_version,
                                  std::optional<std::int64_t> user_id, std::optional<std::int64_t> structure_id,
                                  std::string_view at) = 0;
  // "La fiche est à jour": a version with change "confirmation" (same record,
  // date_maj set to the day of `at`), confirmed_at = at; bumps the counter.
  virtual PlaceVersion confirm_place(const PlaceKey& key, std::optional<std::int64_t> user_id,
                                     std::optional<std::int64_t> structure_id, std::string_view at) = 0;
  virtual std::vector<PlaceVersion> versions(const PlaceKey& key) = 0;  // oldest first
  virtual int latest_version(const PlaceKey& key) = 0;                  // 0 when none

  // Every place with its freshness dates, by (source, id).
  virtual std::vector<PlaceFreshness> freshness() = 0;
  virtual void record_reminder(const PlaceKey& key, std::string_view at) = 0;

  // Reports about these places (public refs "source:id"), newest first.
  virtual std::vector<PlaceReport> reports_about(std::span<const std::string> place_refs) = 0;
  virtual std::optional<PlaceReport> find_report(std::int64_t id) = 0;
  // status: "nouveau", "en_cours", "traite", "rejete".
  virtual void set_report_status(std::int64_t id, std::string_view status, std::string_view at) = 0;
  virtual std::int64_t add_reply(const ReportReply& reply) = 0;
  virtual std::vector<ReportReply> replies(std::int64_t report_id) = 0;  // oldest first
  // Blanks the e-mail of reports received before `before` (retention); returns how many.
  virtual std::size_t forget_report_emails_before(std::string_view before) = 0;
};

}  // namespace relais::store
