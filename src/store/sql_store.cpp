// The Store on either backend (store.h), over sql::Connection: the same SQL
// and logic for SQLite and PostgreSQL; only the schema DDL differs
// (sqlite_schema.cpp, postgresql_schema.cpp).
#include "store/sql_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "maps/encoding.h"
#include "store/place_json.h"
#include "store/schema.h"
#include "store/sql_parts.h"

namespace relais::store {
namespace {


std::string date_text(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::vector<std::string> json_strings(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<sql::Connection> connection, SchemaPolicy policy)
      : connection_(std::move(connection)), db_(*connection_) {
    if (policy == SchemaPolicy::migrate) sql::migrate(db_);
    else sql::require_current_schema(db_);
    accounts_ = sql::make_account_store(db_);
    journal_ = sql::make_journal_store(db_);
    place_edits_ = sql::make_place_edit_store(db_);
  }

  AccountStore& accounts() override { return *accounts_; }
  JournalStore& journal() override { return *journal_; }
  PlaceEditStore& place_edits() override { return *place_edits_; }

  ImportSummary import_places(std::string source, std::string file_name, std::string content_sha256,
                              std::span<const Place> places, const ImportReportJson& report) override {
    return guarded([&] {
      sql::WriteTransaction tx(db_);
      ImportSummary summary;
      const std::string now = sql::utc_now_text();
      {
        sql::Statement last(db_,
                               "SELECT sha256 FROM imports WHERE source = ? AND file_name = ? "
                               "ORDER BY id DESC LIMIT 1");
        last.bind(1, source);
        last.bind(2, file_name);
        if (last.step() && last.text(0) == content_sha256) {
          summary.skipped_identical = true;
          return summary;  // tx rolls back: nothing was written
        }
      }
      {
        sql::Statement run(db_, std::string("INSERT INTO imports (imported_at, source, file_name, sha256, "
                                               "report_json) VALUES (?, ?, ?, ?, ?) RETURNING id"));
        run.bind(1, now);
        run.bind(2, source);
        run.bind(3, file_name);
        run.bind(4, content_sha256);
        run.bind(5, report);
        summary.import_id = run.returned_id();
      }
      sql::Statement existing(db_, "SELECT record_json, edited_by_team FROM places WHERE source = ? AND id = ?");
      sql::Statement insert(db_, std::string("INSERT INTO places (source, id, file_name, import_id, code_insee, "
                                                "latitude, longitude, date_maj, record_json, updated_at) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      sql::Statement update(db_, std::string("UPDATE places SET file_name = ?, import_id = ?, code_insee = ?, "
                                                "latitude = ?, longitude = ?, date_maj = ?, record_json = ?, "
                                                "updated_at = ? WHERE source = ? AND id = ?"));
      sql::Statement claim(db_, "UPDATE places SET file_name = ?, import_id = ? WHERE source = ? AND id = ?");
      std::unordered_set<std::string> seen;
      for (const Place& place : places) {
        if (!seen.insert(place.id).second) {
          throw StoreError("import of " + file_name + ": id '" + place.id + "' appears twice; nothing imported");
        }
        std::string json;
        try {
          json = place_to_json(place);
        } catch (const std::invalid_argument& e) {
          throw StoreError("import of " + file_name + ": " + e.what() + "; nothing imported");
        }
        existing.reset();
        existing.bind(1, source);
        existing.bind(2, place.id);
        if (!existing.step()) {
          bind_place(insert, 1, source, file_name, summary.import_id, place, json);
          insert.bind(10, now);
          insert.exec();
          insert.reset();
          ++summary.inserted;
        } else if (existing.int32(1) != 0) {
          // Edited by its team in the web app since (store/place_edit_store.h):
          // the team's record is newer knowledge than the file's, keep it.
          ++summary.kept_team_edits;
        } else if (existing.text(0) != json) {
          update.bind(1, file_name);
          update.bind(2, summary.import_id);
          bind_indexed(update, 3, place, json);
          update.bind(8, now);
          update.bind(9, source);
          update.bind(10, place.id);
          update.exec();
          update.reset();
          ++summary.updated;
        } else {
          // Same content: only record which file now provides it.
          claim.bind(1, file_name);
          claim.bind(2, summary.import_id);
          claim.bind(3, source);
          claim.bind(4, place.id);
          claim.exec();
          claim.reset();
          ++summary.unchanged;
        }
      }
      existing.reset();
      {
        // Team-edited places stay even when the file no longer lists them:
        // only their team removes them.
        sql::Statement remove(db_,
                                 "DELETE FROM places WHERE source = ? AND file_name = ? AND import_id <> ? "
                                 "AND edited_by_team = 0");
        remove.bind(1, source);
        remove.bind(2, file_name);
        remove.bind(3, summary.import_id);
        summary.removed = static_cast<std::size_t>(remove.exec());
      }
      {
        sql::Statement counts(db_,
                                 "UPDATE imports SET inserted = ?, updated = ?, unchanged = ?, removed = ? "
                                 "WHERE id = ?");
        counts.bind(1, static_cast<std::int64_t>(summary.inserted));
        counts.bind(2, static_cast<std::int64_t>(summary.updated));
        counts.bind(3, static_cast<std::int64_t>(summary.unchanged));
        counts.bind(4, static_cast<std::int64_t>(summary.removed));
        counts.bind(5, summary.import_id);
        counts.exec();
      }
      sql::bump_change_counter(db_);
      tx.commit();
      return summary;
    });
  }

  std::vector<StoredPlace> load_stored_places() override {
    return guarded([&] {
      std::vector<StoredPlace> out;
      sql::Statement q(db_, "SELECT source, record_json, edited_by_team FROM places ORDER BY source, id");
      while (q.step()) {
        out.push_back({q.text(0), decode(q.text(1)), q.int32(2) != 0});
      }
      return out;
    });
  }

  std::vector<Place> load_places() override {
    return guarded([&] {
      std::vector<Place> out;
      sql::Statement q(db_, "SELECT record_json FROM places ORDER BY source, id");
      while (q.step()) out.push_back(decode(q.text(0)));
      return out;
    });
  }

  std::optional<Place> find_place(std::string_view source, std::string_view id) override {
    return guarded([&]() -> std::optional<Place> {
      sql::Statement q(db_, "SELECT record_json FROM places WHERE source = ? AND id = ?");
      q.bind(1, std::string(source));
      q.bind(2, std::string(id));
      if (!q.step()) return std::nullopt;
      return decode(q.text(0));
    });
  }

  std::size_t count_places() override {
    return guarded([&] {
      sql::Statement q(db_, "SELECT COUNT(*) FROM places");
      q.step();
      return static_cast<std::size_t>(q.int64(0));
    });
  }

  std::vector<ImportRun> list_imports() override {
    return guarded([&] {
      std::vector<ImportRun> out;
      sql::Statement q(db_,
                          "SELECT id, imported_at, source, file_name, sha256, inserted, updated, unchanged, "
                          "removed, report_json FROM imports ORDER BY id DESC");
      while (q.step()) {
        ImportRun r;
        r.id = q.int64(0);
        r.imported_at = q.text(1);
        r.source = q.text(2);
        r.file_name = q.text(3);
        r.sha256 = q.text(4);
        r.inserted = static_cast<std::size_t>(q.int64(5));
        r.updated = static_cast<std::size_t>(q.int64(6));
        r.unchanged = static_cast<std::size_t>(q.int64(7));
        r.removed = static_cast<std::size_t>(q.int64(8));
        r.report_json = q.text(9);
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  void replace_communes(std::span<const territory::Commune> communes) override {
    guarded([&] {
      sql::WriteTransaction tx(db_);
      db_.exec("DELETE FROM communes");
      sql::Statement insert(db_,
                               "INSERT INTO communes (code_insee, nom, code_departement, code_region, code_epci, "
                               "population, latitude, longitude, commune_parente, codes_postaux, autres_noms, "
                               "anciens_codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (const auto& c : communes) {
        insert.bind(1, c.code_insee);
        insert.bind(2, c.nom);
        insert.bind(3, c.code_departement);
        insert.bind(4, c.code_region);
        insert.bind(5, c.code_epci);
        insert.bind(6, c.population);
        if (c.position) {
          insert.bind(7, c.position->latitude);
          insert.bind(8, c.position->longitude);
        } else {
          insert.bind(7);
          insert.bind(8);
        }
        insert.bind(9, c.commune_parente);
        insert.bind(10, nlohmann::json(c.codes_postaux).dump());
        insert.bind(11, nlohmann::json(c.autres_noms).dump());
        insert.bind(12, nlohmann::json(c.anciens_codes).dump());
        insert.exec();
        insert.reset();
      }
      sql::bump_change_counter(db_);
      tx.commit();
      return 0;
    });
  }

  static constexpr const char* kCommuneColumns =
      "SELECT code_insee, nom, code_departement, code_region, code_epci, population, latitude, "
      "longitude, commune_parente, codes_postaux, autres_noms, anciens_codes FROM communes ";

  static territory::Commune commune_row(sql::Statement& q) {
    territory::Commune c;
    c.code_insee = q.text(0);
    c.nom = q.text(1);
    c.code_departement = q.text(2);
    c.code_region = q.text(3);
    c.code_epci = q.optional_text(4);
    c.population = q.int64(5);
    if (!q.is_null(6) && !q.is_null(7)) {
      c.position = Coordinates{q.real(6), q.real(7)};
    }
    c.commune_parente = q.optional_text(8);
    c.codes_postaux = json_strings(q.text(9));
    c.autres_noms = json_strings(q.text(10));
    c.anciens_codes = json_strings(q.text(11));
    return c;
  }

  std::vector<territory::Commune> load_communes() override {
    return guarded([&] {
      std::vector<territory::Commune> out;
      sql::Statement q(db_, std::string(kCommuneColumns) + "ORDER BY code_insee");
      while (q.step()) out.push_back(commune_row(q));
      return out;
    });
  }

  std::optional<territory::Commune> find_commune(std::string_view code_insee) override {
    return guarded([&]() -> std::optional<territory::Commune> {
      sql::Statement q(db_, std::string(kCommuneColumns) + "WHERE code_insee = ?");
      q.bind(1, std::string(code_insee));
      if (!q.step()) return std::nullopt;
      return commune_row(q);
    });
  }

  void replace_duplicate_groups(std::span<const DuplicateMember> members) override {
    guarded([&] {
      sql::WriteTransaction tx(db_);
      db_.exec("DELETE FROM duplicate_members");
      sql::Statement insert(db_, "INSERT INTO duplicate_members (group_id, source, place_id) VALUES (?, ?, ?)");
      for (const auto& m : members) {
        insert.bind(1, m.group_id);
        insert.bind(2, m.source);
        insert.bind(3, m.place_id);
        try {
          insert.exec();
        } catch (const sql::Error& e) {
          throw StoreError("duplicate group " + m.group_id + ": member (" + m.source + ", " + m.place_id +
                           ") is not a stored place or is listed twice: " + e.what());
        }
        insert.reset();
      }
      sql::bump_change_counter(db_);
      tx.commit();
      return 0;
    });
  }

  std::vector<DuplicateMember> load_duplicate_groups() override {
    return guarded([&] {
      std::vector<DuplicateMember> out;
      sql::Statement q(db_,
                          "SELECT group_id, source, place_id FROM duplicate_members "
                          "ORDER BY group_id, source, place_id");
      while (q.step()) {
        out.push_back({q.text(0), q.text(1), q.text(2)});
      }
      return out;
    });
  }

  void replace_indicator_set(const IndicatorSet& set, std::span<const IndicatorValue> values) override {
    guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement remove(db_, "DELETE FROM indicator_sets WHERE name = ?");
      remove.bind(1, set.name);
      remove.exec();
      sql::Statement insert_set(db_,
                                   "INSERT INTO indicator_sets (name, source, data_date, level, file_name, "
                                   "content_sha256, imported_at, indicators) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      insert_set.bind(1, set.name);
      insert_set.bind(2, set.source);
      insert_set.bind(3, set.data_date);
      insert_set.bind(4, set.level);
      insert_set.bind(5, set.file_name);
      insert_set.bind(6, set.content_sha256);
      insert_set.bind(7, sql::utc_now_text());
      insert_set.bind(8, nlohmann::json(set.indicators).dump());
      const std::int64_t set_id = insert_set.returned_id();
      sql::Statement insert(db_, "INSERT INTO indicator_values (set_id, indicator, code, value) VALUES (?, ?, ?, ?)");
      for (const auto& v : values) {
        insert.bind(1, set_id);
        insert.bind(2, v.indicator);
        insert.bind(3, v.code);
        if (v.value) {
          insert.bind(4, *v.value);
        } else {
          insert.bind(4);  // NULL: missing
        }
        try {
          insert.exec();
        } catch (const sql::Error& e) {
          throw StoreError("indicator set " + set.name + ": " + v.indicator + " of " + v.code +
                           " is given twice: " + e.what());
        }
        insert.reset();
      }
      tx.commit();
      return 0;
    });
  }

  std::vector<IndicatorSet> list_indicator_sets() override {
    return guarded([&] {
      std::vector<IndicatorSet> out;
      sql::Statement q(db_,
                          "SELECT name, source, data_date, level, file_name, content_sha256, imported_at, indicators "
                          "FROM indicator_sets ORDER BY name");
      while (q.step()) {
        IndicatorSet set{q.text(0), q.text(1), q.text(2),
                         q.text(3), q.text(4), q.text(5),
                         q.text(6), {}};
        set.indicators = nlohmann::json::parse(q.text(7)).get<std::vector<std::string>>();
        out.push_back(std::move(set));
      }
      return out;
    });
  }

  std::vector<IndicatorValue> load_indicator_values(std::string_view set_name) override {
    return guarded([&] {
      std::vector<IndicatorValue> out;
      sql::Statement q(db_,
                          "SELECT v.code, v.indicator, v.value FROM indicator_values v "
                          "JOIN indicator_sets s ON s.id = v.set_id WHERE s.name = ? ORDER BY v.indicator, v.code");
      q.bind(1, std::string(set_name));
      while (q.step()) {
        IndicatorValue v{q.text(0), q.text(1), std::nullopt};
        if (!q.is_null(2)) v.value = q.real(2);
        out.push_back(std::move(v));
      }
      return out;
    });
  }

  void replace_contours(const ContourSet& set, std::span<const Contour> contours) override {
    if (set.level != maps::kCommune && set.level != maps::kDepartement && set.level != maps::kRegion) {
      throw StoreError("contours: unknown level \"" + set.level + "\"");
    }
    guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement remove(db_, "DELETE FROM contour_sets WHERE level = ?");  // cascades to contours
      remove.bind(1, set.level);
      remove.exec();
      sql::Statement insert_set(db_,
                                   "INSERT INTO contour_sets (level, file_name, content_sha256, tolerance, imported_at) "
                                   "VALUES (?, ?, ?, ?, ?)");
      insert_set.bind(1, set.level);
      insert_set.bind(2, set.file_name);
      insert_set.bind(3, set.content_sha256);
      insert_set.bind(4, set.tolerance_degrees);
      insert_set.bind(5, sql::utc_now_text());
      insert_set.exec();
      sql::Statement insert(db_, "INSERT INTO contours (level, code, name, geometry) VALUES (?, ?, ?, ?)");
      for (const auto& contour : contours) {
        if (contour.level != set.level) {
          throw StoreError("contours: " + contour.code + " is of level " + contour.level + ", not " + set.level);
        }
        const std::string blob = maps::encode_geometry(contour.polygons);
        insert.bind(1, set.level);
        insert.bind(2, contour.code);
        insert.bind(3, contour.name);
        insert.bind(4, sql::Blob{blob});
        try {
          insert.exec();
        } catch (const sql::Error& e) {
          throw StoreError("contours: " + set.level + " " + contour.code + " is given twice: " + e.what());
        }
        insert.reset();
      }
      tx.commit();
      return 0;
    });
  }

  std::vector<Contour> load_contours(std::string_view level) override {
    return guarded([&] {
      std::vector<Contour> out;
      sql::Statement q(db_, "SELECT code, name, geometry FROM contours WHERE level = ? ORDER BY code");
      q.bind(1, std::string(level));
      while (q.step()) out.push_back(contour_row(level, q));
      return out;
    });
  }

  std::vector<Contour> load_contours(std::string_view level, std::span<const std::string> codes) override {
    return guarded([&] {
      std::vector<std::string> sorted(codes.begin(), codes.end());
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      std::vector<Contour> out;
      sql::Statement q(db_, "SELECT code, name, geometry FROM contours WHERE level = ? AND code = ?");
      for (const auto& code : sorted) {
        q.bind(1, std::string(level));
        q.bind(2, code);
        if (q.step()) out.push_back(contour_row(level, q));
        q.reset();
      }
      return out;
    });
  }

  std::vector<ContourSet> list_contour_sets() override {
    return guarded([&] {
      std::vector<ContourSet> out;
      sql::Statement q(db_,
                          "SELECT s.level, s.file_name, s.content_sha256, s.tolerance, s.imported_at, "
                          "(SELECT COUNT(*) FROM contours c WHERE c.level = s.level) FROM contour_sets s "
                          "ORDER BY s.level");
      while (q.step()) {
        out.push_back({q.text(0), q.text(1), q.text(2),
                       q.real(3), q.text(4),
                       static_cast<std::size_t>(q.int64(5))});
      }
      return out;
    });
  }

  std::int64_t add_place_report(const PlaceReport& report) override {
    return guarded([&] {
      sql::WriteTransaction tx(db_);
      sql::Statement insert(db_,
                               "INSERT INTO place_reports (received_at, place_ref, categories, message, email, status) "
                               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
      insert.bind(1, sql::utc_now_text());
      insert.bind(2, report.place_ref);
      insert.bind(3, nlohmann::json(report.categories).dump());
      insert.bind(4, report.message);
      insert.bind(5, report.email);
      insert.bind(6, report.status);
      std::int64_t id = insert.returned_id();
      tx.commit();
      return id;
    });
  }

  std::vector<PlaceReport> list_place_reports() override {
    return guarded([&] {
      std::vector<PlaceReport> out;
      sql::Statement q(db_,
                          "SELECT id, received_at, place_ref, categories, message, email, status "
                          "FROM place_reports ORDER BY id DESC");
      while (q.step()) {
        PlaceReport r;
        r.id = q.int64(0);
        r.received_at = q.text(1);
        r.place_ref = q.text(2);
        r.categories = nlohmann::json::parse(q.text(3)).get<std::vector<std::string>>();
        r.message = q.text(4);
        r.email = q.text(5);
        r.status = q.text(6);
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  std::int64_t change_counter() override {
    return guarded([&] {
      sql::Statement q(db_, "SELECT value FROM meta WHERE key = 'change_counter'");
      q.step();
      return q.int64(0);
    });
  }

  int schema_version() override {
    return guarded([&] { return sql::current_schema_version(db_); });
  }

 private:
  // Database errors leave the store as an exception of the interface; an open
  // WriteTransaction rolls back in its destructor on the way out.
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const sql::Error& e) {
      throw StoreError(std::string("store: ") + e.what());
    } catch (const nlohmann::json::exception& e) {  // a list column edited by hand
      throw StoreError(std::string("store: corrupt list column: ") + e.what());
    }
  }

  // A row (code, name, geometry) of contours.
  static Contour contour_row(std::string_view level, sql::Statement& q) {
    Contour c{std::string(level), q.text(0), q.text(1), {}};
    const std::string geometry = q.blob(2);
    try {
      c.polygons = maps::decode_geometry(
          std::span(reinterpret_cast<const std::uint8_t*>(geometry.data()), geometry.size()));
    } catch (const std::invalid_argument& e) {
      throw StoreError("store: corrupt contour " + c.code + ": " + e.what());
    }
    return c;
  }

  // Binds code_insee, latitude, longitude, date_maj, record_json at first..first+4.
  static void bind_indexed(sql::Statement& s, int first, const Place& place, const std::string& json) {
    s.bind(first, place.code_insee);
    if (place.coordinates) {
      s.bind(first + 1, place.coordinates->latitude);
      s.bind(first + 2, place.coordinates->longitude);
    } else {
      s.bind(first + 1);
      s.bind(first + 2);
    }
    s.bind(first + 3, date_text(place.date_maj));
    s.bind(first + 4, json);
  }

  static void bind_place(sql::Statement& s, int first, const std::string& source, const std::string& file_name,
                         std::int64_t import_id, const Place& place, const std::string& json) {
    s.bind(first, source);
    s.bind(first + 1, place.id);
    s.bind(first + 2, file_name);
    s.bind(first + 3, import_id);
    bind_indexed(s, first + 4, place, json);
  }

  static Place decode(const std::string& json) {
    try {
      return place_from_json(json);
    } catch (const std::invalid_argument& e) {
      throw StoreError(std::string("store: corrupt place record: ") + e.what());
    }
  }

  std::unique_ptr<sql::Connection> connection_;
  sql::Connection& db_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<JournalStore> journal_;
  std::unique_ptr<PlaceEditStore> place_edits_;
};

}  // namespace

void sql::bump_change_counter(sql::Connection& db) {
  db.exec("UPDATE meta SET value = value + 1 WHERE key = 'change_counter'");
  // Delivered at commit, so never for a write that is rolled back.
  if (db.backend() == sql::Backend::postgresql) {
    sql::Statement notify(db, "SELECT pg_notify(?, coalesce(current_schema(), '') || ' ' || value::text) "
                              "FROM meta WHERE key = 'change_counter'");
    notify.bind(1, kChangeChannel);
    notify.step();
  }
}

std::unique_ptr<Store> open_sql_store(std::unique_ptr<sql::Connection> connection, SchemaPolicy policy) {
  return std::make_unique<SqlStore>(std::move(connection), policy);
}

}  // namespace relais::store
