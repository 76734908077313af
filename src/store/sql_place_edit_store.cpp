// PlaceEditStore on either backend (store/place_edit_store.h): team
// edits of places, their versions, confirmations, reminders and the replies to
// the public's reports. Constant SQL with bound parameters only; each method
// is one transaction on the owning Store's connection.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "store/place_json.h"
#include "store/sql_parts.h"

namespace relais::store::sql {
namespace {

std::string date_text(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

// The calendar day of an ISO 8601 instant "YYYY-MM-DDTHH:MM:SSZ".
std::chrono::year_month_day day_of(std::string_view at) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (at.size() < 10 || std::sscanf(std::string(at.substr(0, 10)).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) {
    throw StoreError("store: not an ISO 8601 instant: " + std::string(at));
  }
  std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!day.ok()) throw StoreError("store: not a calendar day: " + std::string(at));
  return day;
}

class SqlPlaceEditStore final : public PlaceEditStore {
 public:
  explicit SqlPlaceEditStore(sql::Connection& db) : db_(db) {}

  PlaceVersion edit_place(const PlaceKey& key, const Place& place, int expected_version,
                          std::optional<std::int64_t> user_id, std::optional<std::int64_t> structure_id,
                          std::string_view at) override {
    return guarded([&] {
      if (place.id != key.place_id) {
        throw StoreError("store: the edited record's id '" + place.id + "' is not the place's '" + key.place_id + "'");
      }
      std::string json;
      try {
        json = place_to_json(place);
      } catch (const std::invalid_argument& e) {
        throw StoreError(std::string("store: cannot store the edited place: ") + e.what());
      }
      sql::WriteTransaction tx(db_);
      require_place(key);
      // Read under the write lock: nobody can add a version between the check and the insert.
      const int latest = latest_in_tx(key);
      if (latest != expected_version) {
        throw EditConflict("la fiche a été modifiée par quelqu’un d’autre (version " + std::to_string(latest) +
                           ", vous partiez de la version " + std::to_string(expected_version) + ")");
      }
      write_place(key, place, json, at);
      PlaceVersion v = append_version(key, latest + 1, "modification", json, user_id, structure_id, at);
      bump_change_counter(db_);
      tx.commit();
      return v;
    });
  }

  PlaceVersion confirm_place(const PlaceKey& key, std::optional<std::int64_t> user_id,
                             std::optional<std::int64_t> structure_id, std::string_view at) override {
    return guarded([&] {
      const auto day = day_of(at);
      sql::WriteTransaction tx(db_);
      Place place = decode(require_place(key));
      place.date_maj = day;
      const std::string json = place_to_json(place);
      write_place(key, place, json, at);
      PlaceVersion v = append_version(key, latest_in_tx(key) + 1, "confirmation", json, user_id, structure_id, at);
      bump_change_counter(db_);
      tx.commit();
      return v;
    });
  }

  std::vector<PlaceVersion> versions(const PlaceKey& key) override {
    return guarded([&] {
      std::vector<PlaceVersion> out;
      sql::Statement q(db_,
                          "SELECT id, source, place_id, version, change, record_json, user_id, structure_id, "
                          "edited_at FROM place_versions WHERE source = ? AND place_id = ? ORDER BY version");
      q.bind(1, key.source);
      q.bind(2, key.place_id);
      while (q.step()) {
        PlaceVersion v;
        v.id = q.int64(0);
        v.source = q.text(1);
        v.place_id = q.text(2);
        v.version = q.int32(3);
        v.change = q.text(4);
        v.record_json = q.text(5);
        v.user_id = q.optional_int64(6);
        v.structure_id = q.optional_int64(7);
        v.edited_at = q.text(8);
        out.push_back(std::move(v));
      }
      return out;
    });
  }

  int latest_version(const PlaceKey& key) override {
    return guarded([&] { return latest_in_tx(key); });
  }

  std::vector<PlaceFreshness> freshness() override {
    return guarded([&] {
      std::vector<PlaceFreshness> out;
      sql::Statement q(db_,
                          "SELECT p.source, p.id, p.updated_at, p.confirmed_at, "
                          "(SELECT MAX(r.sent_at) FROM place_reminders r WHERE r.source = p.source AND "
                          "r.place_id = p.id) FROM places p ORDER BY p.source, p.id");
      while (q.step()) {
        out.push_back({{q.text(0), q.text(1)},
                       q.text(2),
                       q.text(3),
                       q.text(4)});
      }
      return out;
    });
  }

  void record_reminder(const PlaceKey& key, std::string_view at) override {
    guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement insert(db_, "INSERT INTO place_reminders (source, place_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
      insert.bind(1, key.source);
      insert.bind(2, key.place_id);
      insert.bind(3, std::string(at));
      insert.exec();
      tx.commit();
      return 0;
    });
  }

  std::vector<PlaceReport> reports_about(std::span<const std::string> place_refs) override {
    return guarded([&] {
      std::vector<PlaceReport> out;
      // One query per ref (constant SQL); refs of one structure are few.
      sql::Statement q(db_,
                          "SELECT id, received_at, place_ref, categories, message, email, status "
                          "FROM place_reports WHERE place_ref = ?");
      for (const std::string& ref : place_refs) {
        q.reset();
        q.bind(1, ref);
        while (q.step()) out.push_back(report_row(q));
      }
      std::sort(out.begin(), out.end(), [](const PlaceReport& a, const PlaceReport& b) { return a.id > b.id; });
      out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
                out.end());
      return out;
    });
  }

  std::optional<PlaceReport> find_report(std::int64_t id) override {
    return guarded([&]() -> std::optional<PlaceReport> {
      sql::Statement q(db_,
                          "SELECT id, received_at, place_ref, categories, message, email, status "
                          "FROM place_reports WHERE id = ?");
      q.bind(1, id);
      if (!q.step()) return std::nullopt;
      return report_row(q);
    });
  }

  void set_report_status(std::int64_t id, std::string_view status, std::string_view at) override {
    guarded([&] {
      if (status != "nouveau" && status != "en_cours" && status != "traite" && status != "rejete") {
        throw StoreError("store: unknown report status '" + std::string(status) + "'");
      }
      sql::WriteTransaction tx(db_);
      // handled_at: when it was closed (traite/rejete), cleared when reopened.
      sql::Statement update(db_,
                               "UPDATE place_reports SET status = ?, handled_at = CASE WHEN ? IN ('traite', "
                               "'rejete') THEN ? ELSE NULL END WHERE id = ?");
      update.bind(1, std::string(status));
      update.bind(2, std::string(status));
      update.bind(3, std::string(at));
      update.bind(4, id);
      if (update.exec() == 0) throw StoreError("store: no report " + std::to_string(id));
      tx.commit();
      return 0;
    });
  }

  std::int64_t add_reply(const ReportReply& reply) override {
    return guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement insert(db_,
                               "INSERT INTO report_replies (report_id, user_id, replied_at, message, emailed) "
                               "VALUES (?, ?, ?, ?, ?) RETURNING id");
      insert.bind(1, reply.report_id);
      insert.bind(2, reply.user_id);
      insert.bind(3, reply.replied_at);
      insert.bind(4, reply.message);
      insert.bind(5, reply.emailed ? 1 : 0);
      const std::int64_t id = insert.returned_id();
      tx.commit();
      return id;
    });
  }

  std::vector<ReportReply> replies(std::int64_t report_id) override {
    return guarded([&] {
      std::vector<ReportReply> out;
      sql::Statement q(db_,
                          "SELECT id, report_id, user_id, replied_at, message, emailed FROM report_replies "
                          "WHERE report_id = ? ORDER BY id");
      q.bind(1, report_id);
      while (q.step()) {
        ReportReply r;
        r.id = q.int64(0);
        r.report_id = q.int64(1);
        r.user_id = q.optional_int64(2);
        r.replied_at = q.text(3);
        r.message = q.text(4);
        r.emailed = q.int32(5) != 0;
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  std::size_t forget_report_emails_before(std::string_view before) override {
    return guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement update(db_, "UPDATE place_reports SET email = '' WHERE email <> '' AND received_at < ?");
      update.bind(1, std::string(before));
      const auto n = static_cast<std::size_t>(update.exec());
      tx.commit();
      return n;
    });
  }

 private:
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const sql::Error& e) {
      throw StoreError(std::string("store: ") + e.what());
    } catch (const nlohmann::json::exception& e) {
      throw StoreError(std::string("store: corrupt list column: ") + e.what());
    } catch (const std::invalid_argument& e) {  // place_json on a record edited by hand
      throw StoreError(std::string("store: corrupt place record: ") + e.what());
    }
  }

  // The stored record of `key`; StoreError when there is none.
  std::string require_place(const PlaceKey& key) {
    sql::Statement q(db_, "SELECT record_json FROM places WHERE source = ? AND id = ?");
    q.bind(1, key.source);
    q.bind(2, key.place_id);
    if (!q.step()) throw StoreError("store: no place " + key.source + ":" + key.place_id);
    return q.text(0);
  }

  int latest_in_tx(const PlaceKey& key) {
    sql::Statement q(db_, "SELECT COALESCE(MAX(version), 0) FROM place_versions WHERE source = ? AND place_id = ?");
    q.bind(1, key.source);
    q.bind(2, key.place_id);
    q.step();
    return q.int32(0);
  }

  // The places row: record and the indexed columns as sql_store.cpp binds them.
  void write_place(const PlaceKey& key, const Place& place, const std::string& json, std::string_view at) {
    sql::Statement update(db_,
                             "UPDATE places SET code_insee = ?, latitude = ?, longitude = ?, date_maj = ?, "
                             "record_json = ?, updated_at = ?, confirmed_at = ?, edited_by_team = 1 "
                             "WHERE source = ? AND id = ?");
    if (place.code_insee) update.bind(1, *place.code_insee);
    else update.bind(1);
    if (place.coordinates) {
      update.bind(2, place.coordinates->latitude);
      update.bind(3, place.coordinates->longitude);
    } else {
      update.bind(2);
      update.bind(3);
    }
    update.bind(4, date_text(place.date_maj));
    update.bind(5, json);
    update.bind(6, std::string(at));
    update.bind(7, std::string(at));
    update.bind(8, key.source);
    update.bind(9, key.place_id);
    update.exec();
  }

  PlaceVersion append_version(const PlaceKey& key, int version, std::string change, const std::string& json,
                              std::optional<std::int64_t> user_id, std::optional<std::int64_t> structure_id,
                              std::string_view at) {
    sql::Statement insert(db_,
                             "INSERT INTO place_versions (source, place_id, version, change, record_json, user_id, "
                             "structure_id, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, key.source);
    insert.bind(2, key.place_id);
    insert.bind(3, version);
    insert.bind(4, change);
    insert.bind(5, json);
    insert.bind(6, user_id);
    insert.bind(7, structure_id);
    insert.bind(8, std::string(at));
    PlaceVersion v;
    v.id = insert.returned_id();
    v.source = key.source;
    v.place_id = key.place_id;
    v.version = version;
    v.change = std::move(change);
    v.record_json = json;
    v.user_id = user_id;
    v.structure_id = structure_id;
    v.edited_at = std::string(at);
    return v;
  }

  static Place decode(const std::string& json) { return place_from_json(json); }

  static PlaceReport report_row(sql::Statement& q) {
    PlaceReport r;
    r.id = q.int64(0);
    r.received_at = q.text(1);
    r.place_ref = q.text(2);
    r.categories = nlohmann::json::parse(q.text(3)).get<std::vector<std::string>>();
    r.message = q.text(4);
    r.email = q.text(5);
    r.status = q.text(6);
    return r;
  }

  sql::Connection& db_;
};

}  // namespace

std::unique_ptr<PlaceEditStore> make_place_edit_store(sql::Connection& db) {
  return std::make_unique<SqlPlaceEditStore>(db);
}

}  // namespace relais::store::sql
