#include "store/sqlite_store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "maps/encoding.h"
#include "store/place_json.h"
#include "store/sqlite_parts.h"
#include "store/sqlite_schema.h"

namespace relais::store {
namespace {

constexpr int kBusyTimeoutMs = 10'000;
constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

std::string date_text(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& value) {
  if (value) s.bind(index, *value);
  else s.bind(index);  // NULL
}

std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

std::vector<std::string> json_strings(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs) {
    // WAL: readers never block the writer; NORMAL sync is durable in WAL mode
    // except for the last transactions on power loss, acceptable for a cache
    // of files that can be re-imported.
    db_.exec("PRAGMA journal_mode = WAL");
    db_.exec("PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
    sqlite::migrate(db_);
    accounts_ = sqlite::make_account_store(db_);
    journal_ = sqlite::make_journal_store(db_);
    place_edits_ = sqlite::make_place_edit_store(db_);
  }

  AccountStore& accounts() override { return *accounts_; }
  JournalStore& journal() override { return *journal_; }
  PlaceEditStore& place_edits() override { return *place_edits_; }

  ImportSummary import_places(std::string source, std::string file_name, std::string content_sha256,
                              std::span<const Place> places, const ImportReportJson& report) override {
    return guarded([&] {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      ImportSummary summary;
      {
        SQLite::Statement last(db_,
                               "SELECT sha256 FROM imports WHERE source = ? AND file_name = ? "
                               "ORDER BY id DESC LIMIT 1");
        last.bind(1, source);
        last.bind(2, file_name);
        if (last.executeStep() && last.getColumn(0).getString() == content_sha256) {
          summary.skipped_identical = true;
          return summary;  // tx rolls back: nothing was written
        }
      }
      {
        SQLite::Statement run(db_, std::string("INSERT INTO imports (imported_at, source, file_name, sha256, "
                                               "report_json) VALUES (") + kNow + ", ?, ?, ?, ?)");
        run.bind(1, source);
        run.bind(2, file_name);
        run.bind(3, content_sha256);
        run.bind(4, report);
        run.exec();
        summary.import_id = db_.getLastInsertRowid();
      }
      SQLite::Statement existing(db_, "SELECT record_json, edited_by_team FROM places WHERE source = ? AND id = ?");
      SQLite::Statement insert(db_, std::string("INSERT INTO places (source, id, file_name, import_id, code_insee, "
                                                "latitude, longitude, date_maj, record_json, updated_at) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ") + kNow + ")");
      SQLite::Statement update(db_, std::string("UPDATE places SET file_name = ?, import_id = ?, code_insee = ?, "
                                                "latitude = ?, longitude = ?, date_maj = ?, record_json = ?, "
                                                "updated_at = ") + kNow + " WHERE source = ? AND id = ?");
      SQLite::Statement claim(db_, "UPDATE places SET file_name = ?, import_id = ? WHERE source = ? AND id = ?");
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
        if (!existing.executeStep()) {
          bind_place(insert, 1, source, file_name, summary.import_id, place, json);
          insert.exec();
          insert.reset();
          ++summary.inserted;
        } else if (existing.getColumn(1).getInt() != 0) {
          // Edited by its team in the web app since (store/place_edit_store.h):
          // the team's record is newer knowledge than the file's, keep it.
          ++summary.kept_team_edits;
        } else if (existing.getColumn(0).getString() != json) {
          update.bind(1, file_name);
          update.bind(2, summary.import_id);
          bind_indexed(update, 3, place, json);
          update.bind(8, source);
          update.bind(9, place.id);
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
        SQLite::Statement remove(db_,
                                 "DELETE FROM places WHERE source = ? AND file_name = ? AND import_id <> ? "
                                 "AND edited_by_team = 0");
        remove.bind(1, source);
        remove.bind(2, file_name);
        remove.bind(3, summary.import_id);
        summary.removed = static_cast<std::size_t>(remove.exec());
      }
      {
        SQLite::Statement counts(db_,
                                 "UPDATE imports SET inserted = ?, updated = ?, unchanged = ?, removed = ? "
                                 "WHERE id = ?");
        counts.bind(1, static_cast<std::int64_t>(summary.inserted));
        counts.bind(2, static_cast<std::int64_t>(summary.updated));
        counts.bind(3, static_cast<std::int64_t>(summary.unchanged));
        counts.bind(4, static_cast<std::int64_t>(summary.removed));
        counts.bind(5, summary.import_id);
        counts.exec();
      }
      bump_change_counter();
      tx.commit();
      return summary;
    });
  }

  std::vector<StoredPlace> load_stored_places() override {
    return guarded([&] {
      std::vector<StoredPlace> out;
      SQLite::Statement q(db_, "SELECT source, record_json, edited_by_team FROM places ORDER BY source, id");
      while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), decode(q.getColumn(1).getString()), q.getColumn(2).getInt() != 0});
      }
      return out;
    });
  }

  std::vector<Place> load_places() override {
    return guarded([&] {
      std::vector<Place> out;
      SQLite::Statement q(db_, "SELECT record_json FROM places ORDER BY source, id");
      while (q.executeStep()) out.push_back(decode(q.getColumn(0).getString()));
      return out;
    });
  }

  std::optional<Place> find_place(std::string_view source, std::string_view id) override {
    return guarded([&]() -> std::optional<Place> {
      SQLite::Statement q(db_, "SELECT record_json FROM places WHERE source = ? AND id = ?");
      q.bind(1, std::string(source));
      q.bind(2, std::string(id));
      if (!q.executeStep()) return std::nullopt;
      return decode(q.getColumn(0).getString());
    });
  }

  std::size_t count_places() override {
    return guarded([&] {
      SQLite::Statement q(db_, "SELECT COUNT(*) FROM places");
      q.executeStep();
      return static_cast<std::size_t>(q.getColumn(0).getInt64());
    });
  }

  std::vector<ImportRun> list_imports() override {
    return guarded([&] {
      std::vector<ImportRun> out;
      SQLite::Statement q(db_,
                          "SELECT id, imported_at, source, file_name, sha256, inserted, updated, unchanged, "
                          "removed, report_json FROM imports ORDER BY id DESC");
      while (q.executeStep()) {
        ImportRun r;
        r.id = q.getColumn(0).getInt64();
        r.imported_at = q.getColumn(1).getString();
        r.source = q.getColumn(2).getString();
        r.file_name = q.getColumn(3).getString();
        r.sha256 = q.getColumn(4).getString();
        r.inserted = static_cast<std::size_t>(q.getColumn(5).getInt64());
        r.updated = static_cast<std::size_t>(q.getColumn(6).getInt64());
        r.unchanged = static_cast<std::size_t>(q.getColumn(7).getInt64());
        r.removed = static_cast<std::size_t>(q.getColumn(8).getInt64());
        r.report_json = q.getColumn(9).getString();
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  void replace_communes(std::span<const territory::Commune> communes) override {
    guarded([&] {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      db_.exec("DELETE FROM communes");
      SQLite::Statement insert(db_,
                               "INSERT INTO communes (code_insee, nom, code_departement, code_region, code_epci, "
                               "population, latitude, longitude, commune_parente, codes_postaux, autres_noms, "
                               "anciens_codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (const auto& c : communes) {
        insert.bind(1, c.code_insee);
        insert.bind(2, c.nom);
        insert.bind(3, c.code_departement);
        insert.bind(4, c.code_region);
        bind_optional(insert, 5, c.code_epci);
        insert.bind(6, c.population);
        if (c.position) {
          insert.bind(7, c.position->latitude);
          insert.bind(8, c.position->longitude);
        } else {
          insert.bind(7);
          insert.bind(8);
        }
        bind_optional(insert, 9, c.commune_parente);
        insert.bind(10, nlohmann::json(c.codes_postaux).dump());
        insert.bind(11, nlohmann::json(c.autres_noms).dump());
        insert.bind(12, nlohmann::json(c.anciens_codes).dump());
        insert.exec();
        insert.reset();
      }
      bump_change_counter();
      tx.commit();
      return 0;
    });
  }

  static constexpr const char* kCommuneColumns =
      "SELECT code_insee, nom, code_departement, code_region, code_epci, population, latitude, "
      "longitude, commune_parente, codes_postaux, autres_noms, anciens_codes FROM communes ";

  static territory::Commune commune_row(SQLite::Statement& q) {
    territory::Commune c;
    c.code_insee = q.getColumn(0).getString();
    c.nom = q.getColumn(1).getString();
    c.code_departement = q.getColumn(2).getString();
    c.code_region = q.getColumn(3).getString();
    c.code_epci = optional_text(q.getColumn(4));
    c.population = q.getColumn(5).getInt64();
    if (!q.getColumn(6).isNull() && !q.getColumn(7).isNull()) {
      c.position = Coordinates{q.getColumn(6).getDouble(), q.getColumn(7).getDouble()};
    }
    c.commune_parente = optional_text(q.getColumn(8));
    c.codes_postaux = json_strings(q.getColumn(9).getString());
    c.autres_noms = json_strings(q.getColumn(10).getString());
    c.anciens_codes = json_strings(q.getColumn(11).getString());
    return c;
  }

  std::vector<territory::Commune> load_communes() override {
    return guarded([&] {
      std::vector<territory::Commune> out;
      SQLite::Statement q(db_, std::string(kCommuneColumns) + "ORDER BY code_insee");
      while (q.executeStep()) out.push_back(commune_row(q));
      return out;
    });
  }

  std::optional<territory::Commune> find_commune(std::string_view code_insee) override {
    return guarded([&]() -> std::optional<territory::Commune> {
      SQLite::Statement q(db_, std::string(kCommuneColumns) + "WHERE code_insee = ?");
      q.bind(1, std::string(code_insee));
      if (!q.executeStep()) return std::nullopt;
      return commune_row(q);
    });
  }

  void replace_duplicate_groups(std::span<const DuplicateMember> members) override {
    guarded([&] {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      db_.exec("DELETE FROM duplicate_members");
      SQLite::Statement insert(db_, "INSERT INTO duplicate_members (group_id, source, place_id) VALUES (?, ?, ?)");
      for (const auto& m : members) {
        insert.bind(1, m.group_id);
        insert.bind(2, m.source);
        insert.bind(3, m.place_id);
        try {
          insert.exec();
        } catch (const SQLite::Exception& e) {
          throw StoreError("duplicate group " + m.group_id + ": member (" + m.source + ", " + m.place_id +
                           ") is not a stored place or is listed twice: " + e.what());
        }
        insert.reset();
      }
      bump_change_counter();
      tx.commit();
      return 0;
    });
  }

  std::vector<DuplicateMember> load_duplicate_groups() override {
    return guarded([&] {
      std::vector<DuplicateMember> out;
      SQLite::Statement q(db_,
                          "SELECT group_id, source, place_id FROM duplicate_members "
                          "ORDER BY group_id, source, place_id");
      while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()});
      }
      return out;
    });
  }

  void replace_indicator_set(const IndicatorSet& set, std::span<const IndicatorValue> values) override {
    guarded([&] {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement remove(db_, "DELETE FROM indicator_sets WHERE name = ?");
      remove.bind(1, set.name);
      remove.exec();
      SQLite::Statement insert_set(db_,
                                   "INSERT INTO indicator_sets (name, source, data_date, level, file_name, "
                                   "content_sha256, imported_at, indicators) "
                                   "VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
      insert_set.bind(1, set.name);
      insert_set.bind(2, set.source);
      insert_set.bind(3, set.data_date);
      insert_set.bind(4, set.level);
      insert_set.bind(5, set.file_name);
      insert_set.bind(6, set.content_sha256);
      insert_set.bind(7, nlohmann::json(set.indicators).dump());
      insert_set.exec();
      const std::int64_t set_id = db_.getLastInsertRowid();
      SQLite::Statement insert(db_, "INSERT INTO indicator_values (set_id, indicator, code, value) VALUES (?, ?, ?, ?)");
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
        } catch (const SQLite::Exception& e) {
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
      SQLite::Statement q(db_,
                          "SELECT name, source, data_date, level, file_name, content_sha256, imported_at, indicators "
                          "FROM indicator_sets ORDER BY name");
      while (q.executeStep()) {
        IndicatorSet set{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                         q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                         q.getColumn(6).getString(), {}};
        set.indicators = nlohmann::json::parse(q.getColumn(7).getString()).get<std::vector<std::string>>();
        out.push_back(std::move(set));
      }
      return out;
    });
  }

  std::vector<IndicatorValue> load_indicator_values(std::string_view set_name) override {
    return guarded([&] {
      std::vector<IndicatorValue> out;
      SQLite::Statement q(db_,
                          "SELECT v.code, v.indicator, v.value FROM indicator_values v "
                          "JOIN indicator_sets s ON s.id = v.set_id WHERE s.name = ? ORDER BY v.indicator, v.code");
      q.bind(1, std::string(set_name));
      while (q.executeStep()) {
        IndicatorValue v{q.getColumn(0).getString(), q.getColumn(1).getString(), std::nullopt};
        if (!q.getColumn(2).isNull()) v.value = q.getColumn(2).getDouble();
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
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement remove(db_, "DELETE FROM contour_sets WHERE level = ?");  // cascades to contours
      remove.bind(1, set.level);
      remove.exec();
      SQLite::Statement insert_set(db_,
                                   "INSERT INTO contour_sets (level, file_name, content_sha256, tolerance, imported_at) "
                                   "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
      insert_set.bind(1, set.level);
      insert_set.bind(2, set.file_name);
      insert_set.bind(3, set.content_sha256);
      insert_set.bind(4, set.tolerance_degrees);
      insert_set.exec();
      SQLite::Statement insert(db_, "INSERT INTO contours (level, code, name, geometry) VALUES (?, ?, ?, ?)");
      for (const auto& contour : contours) {
        if (contour.level != set.level) {
          throw StoreError("contours: " + contour.code + " is of level " + contour.level + ", not " + set.level);
        }
        const std::string blob = maps::encode_geometry(contour.polygons);
        insert.bind(1, set.level);
        insert.bind(2, contour.code);
        insert.bind(3, contour.name);
        insert.bind(4, blob.data(), static_cast<int>(blob.size()));
        try {
          insert.exec();
        } catch (const SQLite::Exception& e) {
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
      SQLite::Statement q(db_, "SELECT code, name, geometry FROM contours WHERE level = ? ORDER BY code");
      q.bind(1, std::string(level));
      while (q.executeStep()) out.push_back(contour_row(level, q));
      return out;
    });
  }

  std::vector<Contour> load_contours(std::string_view level, std::span<const std::string> codes) override {
    return guarded([&] {
      std::vector<std::string> sorted(codes.begin(), codes.end());
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      std::vector<Contour> out;
      SQLite::Statement q(db_, "SELECT code, name, geometry FROM contours WHERE level = ? AND code = ?");
      for (const auto& code : sorted) {
        q.bind(1, std::string(level));
        q.bind(2, code);
        if (q.executeStep()) out.push_back(contour_row(level, q));
        q.reset();
      }
      return out;
    });
  }

  std::vector<ContourSet> list_contour_sets() override {
    return guarded([&] {
      std::vector<ContourSet> out;
      SQLite::Statement q(db_,
                          "SELECT s.level, s.file_name, s.content_sha256, s.tolerance, s.imported_at, "
                          "(SELECT COUNT(*) FROM contours c WHERE c.level = s.level) FROM contour_sets s "
                          "ORDER BY s.level");
      while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getDouble(), q.getColumn(4).getString(),
                       static_cast<std::size_t>(q.getColumn(5).getInt64())});
      }
      return out;
    });
  }

  std::int64_t add_place_report(const PlaceReport& report) override {
    return guarded([&] {
      SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement insert(db_,
                               "INSERT INTO place_reports (received_at, place_ref, categories, message, email, status) "
                               "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?)");
      insert.bind(1, report.place_ref);
      insert.bind(2, nlohmann::json(report.categories).dump());
      insert.bind(3, report.message);
      insert.bind(4, report.email);
      insert.bind(5, report.status);
      insert.exec();
      std::int64_t id = db_.getLastInsertRowid();
      tx.commit();
      return id;
    });
  }

  std::vector<PlaceReport> list_place_reports() override {
    return guarded([&] {
      std::vector<PlaceReport> out;
      SQLite::Statement q(db_,
                          "SELECT id, received_at, place_ref, categories, message, email, status "
                          "FROM place_reports ORDER BY id DESC");
      while (q.executeStep()) {
        PlaceReport r;
        r.id = q.getColumn(0).getInt64();
        r.received_at = q.getColumn(1).getString();
        r.place_ref = q.getColumn(2).getString();
        r.categories = nlohmann::json::parse(q.getColumn(3).getString()).get<std::vector<std::string>>();
        r.message = q.getColumn(4).getString();
        r.email = q.getColumn(5).getString();
        r.status = q.getColumn(6).getString();
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  std::int64_t change_counter() override {
    return guarded([&] {
      SQLite::Statement q(db_, "SELECT value FROM meta WHERE key = 'change_counter'");
      q.executeStep();
      return q.getColumn(0).getInt64();
    });
  }

  int schema_version() override {
    return guarded([&] { return sqlite::current_schema_version(db_); });
  }

 private:
  // SQLite errors leave the store as an exception of the interface; an open
  // Transaction object rolls back in its destructor on the way out.
  template <typename F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw StoreError(std::string("store: ") + e.what());
    } catch (const nlohmann::json::exception& e) {  // a list column edited by hand
      throw StoreError(std::string("store: corrupt list column: ") + e.what());
    }
  }

  // A row (code, name, geometry) of contours.
  static Contour contour_row(std::string_view level, SQLite::Statement& q) {
    Contour c{std::string(level), q.getColumn(0).getString(), q.getColumn(1).getString(), {}};
    const SQLite::Column geometry = q.getColumn(2);
    try {
      c.polygons = maps::decode_geometry(std::span(static_cast<const std::uint8_t*>(geometry.getBlob()),
                                                   static_cast<std::size_t>(geometry.getBytes())));
    } catch (const std::invalid_argument& e) {
      throw StoreError("store: corrupt contour " + c.code + ": " + e.what());
    }
    return c;
  }

  void bump_change_counter() {
    db_.exec("UPDATE meta SET value = value + 1 WHERE key = 'change_counter'");
  }

  // Binds code_insee, latitude, longitude, date_maj, record_json at first..first+4.
  static void bind_indexed(SQLite::Statement& s, int first, const Place& place, const std::string& json) {
    bind_optional(s, first, place.code_insee);
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

  static void bind_place(SQLite::Statement& s, int first, const std::string& source, const std::string& file_name,
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

  SQLite::Database db_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<JournalStore> journal_;
  std::unique_ptr<PlaceEditStore> place_edits_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  try {
    return std::make_unique<SqliteStore>(path);
  } catch (const SQLite::Exception& e) {
    throw StoreError("cannot open store " + path + ": " + e.what());
  }
}

}  // namespace relais::store
