// Benchmark: k = 20 nearest places with two filters (service "Aide aux
// démarches administratives" AND frais "Gratuit"), single thread, same random
// query points for three engines:
//   1. relais::geo::Index (this module),
//   2. PostGIS: geography column, GiST index, ORDER BY geog <-> point LIMIT 20,
//      filters in WHERE on integer bitmasks, libpq prepared statement,
//   3. SQLite R*Tree: expanding box until 20 filtered hits inside the inscribed
//      circle, then exact sort in C++.
// Data sets: the real places (all cartonat_v0.1_*.json, v0.1 services and
// conditions_acces mapped to v1 per standard-lieux §7.1/§7.3) and a synthetic
// scale-up to 1,000,000 (real places' attributes, positions = jittered copies
// around fixed random anchors over metropolitan France; fixed seeds).
// Usage: relais_geo_bench [--pg CONNINFO] [--synthetic N] [--queries Q] [--relais-only 1]
#include <libpq-fe.h>
#include <malloc.h>
#include <sched.h>
#include <time.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "geo/distance.h"
#include "geo/index.h"

using namespace relais;
using Clock = std::chrono::steady_clock;

namespace {

const std::map<std::string, Service> kV01Services = {
    {"Devenir autonome dans les démarches administratives", Service::AideDemarchesAdministratives},
    {"Réaliser des démarches administratives avec un accompagnement", Service::AideDemarchesAdministratives},
    {"Accompagner les démarches de santé", Service::AideDemarchesAdministratives},
    {"Prendre en main un smartphone ou une tablette", Service::MaitriseOutilsNumeriques},
    {"Prendre en main un ordinateur", Service::MaitriseOutilsNumeriques},
    {"Utiliser le numérique au quotidien", Service::MaitriseOutilsNumeriques},
    {"Approfondir ma culture numérique", Service::ComprehensionMondeNumerique},
    {"Promouvoir la citoyenneté numérique", Service::ComprehensionMondeNumerique},
    {"Favoriser mon insertion professionnelle", Service::InsertionProfessionnelle},
    {"Créer et développer mon entreprise", Service::InsertionProfessionnelle},
    {"Accéder à une connexion internet", Service::AccesInternetMateriel},
    {"Accéder à du matériel", Service::AccesInternetMateriel},
    {"S'équiper en matériel informatique", Service::AcquisitionMaterielPrixSolidaire},
    {"Créer avec le numérique", Service::LoisirsCreations},
    {"Soutenir la parentalité et l'éducation avec le numérique", Service::ParentaliteEducation},
};
// conditions_acces: the label before " : ".
const std::map<std::string, Frais> kV01Frais = {
    {"Gratuit", Frais::Gratuit},         {"Gratuit sous condition", Frais::GratuitSousCondition},
    {"Payant", Frais::Payant},           {"Adhésion", Frais::Payant},
    {"Accepte le Pass numérique", Frais::GratuitSousCondition},
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

template <typename E>
void add_unique(std::vector<E>& v, E e) {
  if (std::find(v.begin(), v.end(), e) == v.end()) v.push_back(e);
}

std::vector<Place> load_real(const std::filesystem::path& dir) {
  std::vector<Place> places;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("cartonat_v0.1_") && name.ends_with(".json")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    const auto records = nlohmann::json::parse(in);
    for (const auto& r : records) {
      Place p;
      p.id = file.stem().string() + "/" + r.value("id", std::string{});
      p.nom = r.value("nom", std::string{});
      p.commune = r.value("commune", std::string{});
      p.adresse = r.value("adresse", std::string{});
      if (r.contains("code_insee") && r["code_insee"].is_string()) p.code_insee = r["code_insee"].get<std::string>();
      if (r.contains("latitude") && r.contains("longitude") && r["latitude"].is_number() &&
          r["longitude"].is_number())
        p.coordinates = Coordinates{r["latitude"].get<double>(), r["longitude"].get<double>()};
      for (const auto& s : split(r.value("services", std::string{}), ';'))
        if (auto it = kV01Services.find(s); it != kV01Services.end()) add_unique(p.services, it->second);
      for (const auto& c : split(r.value("conditions_acces", std::string{}), ';')) {
        const std::string key = c.substr(0, c.find(" : "));
        if (auto it = kV01Frais.find(key); it != kV01Frais.end()) add_unique(p.frais_a_charge, it->second);
      }
      places.push_back(std::move(p));
    }
  }
  return places;
}

// Real attributes, synthetic positions around anchors spread over metropolitan France.
std::vector<Place> scale_up(const std::vector<Place>& real, std::size_t n) {
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> lat(42.5, 51.0), lon(-4.5, 7.8);
  std::vector<Coordinates> anchors(5000);
  for (auto& a : anchors) a = {lat(rng), lon(rng)};
  std::uniform_int_distribution<std::size_t> pick_anchor(0, anchors.size() - 1);
  std::normal_distribution<double> jitter_km(0.0, 4.0);
  std::vector<Place> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Place& src = real[i % real.size()];
    Place p;
    p.id = "synthetic-" + std::to_string(i);
    p.services = src.services;
    p.frais_a_charge = src.frais_a_charge;
    p.nom = src.nom;  // text and commune code too, so the index's memory is realistic
    p.commune = src.commune;
    p.adresse = src.adresse;
    p.code_insee = src.code_insee;
    const Coordinates& a = anchors[pick_anchor(rng)];
    const double dlat = jitter_km(rng) / 111.195, dlon = jitter_km(rng) / (111.195 * std::cos(a.latitude * M_PI / 180));
    p.coordinates = Coordinates{a.latitude + dlat, a.longitude + dlon};
    out.push_back(std::move(p));
  }
  return out;
}

// Resident set size from /proc/self/status (VmRSS, KiB). malloc_trim(0) first
// returns freed heap pages to the kernel, so that a before/after difference
// counts live memory only (not temporaries freed but kept by malloc).
long vm_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(in, line))
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':') return std::stol(line.substr(n + 1));
  return -1;
}
long rss_kib() {
  malloc_trim(0);
  return vm_kib("VmRSS");
}

// CPUs this process may run on (sched_getaffinity), e.g. "1" under taskset -c 1.
std::string allowed_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return "?";
  std::string out;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &set)) out += (out.empty() ? "" : ",") + std::to_string(c);
  return out;
}

struct Answer {
  std::vector<std::uint32_t> ids;
  std::vector<double> dist;
};

struct Timing {
  double qps = 0, p50_us = 0, p99_us = 0;
  std::size_t passes = 1;
};

// Every engine, same rule: one untimed warm-up pass over the query points
// (caches, PostgreSQL's buffers), then as many timed passes over the same
// points as fill kMinTimedSeconds (at least one), so that the fast engines'
// qps is not decided by one preemption in a 10 ms loop on a shared machine.
// qps = timed queries / timed wall time; p50/p99 over every timed query.
constexpr double kMinTimedSeconds = 0.5;
template <typename F>
Timing time_queries(const std::vector<Coordinates>& points, F&& run, std::vector<Answer>& answers) {
  answers.assign(points.size(), {});
  const auto w0 = Clock::now();
  for (std::size_t i = 0; i < points.size(); ++i) answers[i] = run(points[i]);  // warm-up
  const double warm_s = std::chrono::duration<double>(Clock::now() - w0).count();
  const std::size_t passes =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(kMinTimedSeconds / std::max(warm_s, 1e-9))), 1, 1000);
  std::vector<double> us;
  us.reserve(passes * points.size());
  const auto t0 = Clock::now();
  for (std::size_t pass = 0; pass < passes; ++pass)
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto a = Clock::now();
      answers[i] = run(points[i]);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
    }
  const double total_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::sort(us.begin(), us.end());
  return {us.size() / total_s, us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)], passes};
}

constexpr std::int64_t bit(Service s) { return std::int64_t{1} << static_cast<int>(s); }
constexpr std::int64_t bit(Frais f) { return std::int64_t{1} << static_cast<int>(f); }
std::int64_t service_bits(const Place& p) {
  std::int64_t m = 0;
  for (auto s : p.services) m |= bit(s);
  return m;
}
std::int64_t frais_bits(const Place& p) {
  std::int64_t m = 0;
  for (auto f : p.frais_a_charge) m |= bit(f);
  return m;
}
// The two filters of the current query set (set by run_dataset).
Service kService = Service::AideDemarchesAdministratives;
Frais kFrais = Frais::Gratuit;
constexpr std::size_t kK = 20;

// ---------------------------------------------------------------- SQLite
struct SqliteEngine {
  sqlite3* db = nullptr;
  sqlite3_stmt* query = nullptr;
  const std::vector<Place>* places = nullptr;

  void check(int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
      std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
      std::exit(1);
    }
  }
  void build(const std::vector<Place>& all) {
    places = &all;
    check(sqlite3_open(":memory:", &db), "open");
    check(sqlite3_exec(db,
                       "CREATE TABLE place(id INTEGER PRIMARY KEY, services INTEGER, frais INTEGER);"
                       "CREATE VIRTUAL TABLE place_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);",
                       nullptr, nullptr, nullptr),
          "schema");
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), "begin");
    sqlite3_stmt *ins = nullptr, *ins_rt = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO place VALUES(?1, ?2, ?3)", -1, &ins, nullptr), "prep");
    check(sqlite3_prepare_v2(db, "INSERT INTO place_rtree VALUES(?1, ?2, ?2, ?3, ?3)", -1, &ins_rt, nullptr),
          "prep rt");
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!all[i].coordinates) continue;
      sqlite3_bind_int64(ins, 1, static_cast<sqlite3_int64>(i));
      sqlite3_bind_int64(ins, 2, service_bits(all[i]));
      sqlite3_bind_int64(ins, 3, frais_bits(all[i]));
      check(sqlite3_step(ins), "insert");
      sqlite3_reset(ins);
      sqlite3_bind_int64(ins_rt, 1, static_cast<sqlite3_int64>(i));
      sqlite3_bind_double(ins_rt, 2, all[i].coordinates->latitude);
      sqlite3_bind_double(ins_rt, 3, all[i].coordinates->longitude);
      check(sqlite3_step(ins_rt), "insert rt");
      sqlite3_reset(ins_rt);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(ins_rt);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    check(sqlite3_prepare_v2(db,
                             "SELECT r.id FROM place_rtree r JOIN place p ON p.id = r.id "
                             "WHERE r.min_lat >= ?1 AND r.max_lat <= ?2 AND r.min_lon >= ?3 AND r.max_lon <= ?4 "
                             "AND (p.services & ?5) != 0 AND (p.frais & ?6) != 0",
                             -1, &query, nullptr),
          "prep query");
  }
  Answer run(const Coordinates& c) {
    double radius = 5000;  // metres; doubled until the inscribed circle holds k hits
    std::vector<std::pair<double, std::uint32_t>> hits;
    for (;;) {
      const double dlat = radius / 111195.0;
      const double max_abs_lat = std::min(89.0, std::abs(c.latitude) + dlat);
      const double dlon = std::min(180.0, dlat / std::cos(max_abs_lat * M_PI / 180));
      sqlite3_bind_double(query, 1, c.latitude - dlat);
      sqlite3_bind_double(query, 2, c.latitude + dlat);
      sqlite3_bind_double(query, 3, c.longitude - dlon);
      sqlite3_bind_double(query, 4, c.longitude + dlon);
      sqlite3_bind_int64(query, 5, bit(kService));
      sqlite3_bind_int64(query, 6, bit(kFrais));
      hits.clear();
      std::size_t inside = 0;
      while (sqlite3_step(query) == SQLITE_ROW) {
        const auto id = static_cast<std::uint32_t>(sqlite3_column_int64(query, 0));
        const double d = geo::haversine_metres(c, *(*places)[id].coordinates);
        hits.emplace_back(d, id);
        if (d <= radius) ++inside;
      }
      sqlite3_reset(query);
      if (inside >= kK || radius > 2.1e7) break;
      radius *= 2;
    }
    std::sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return (*places)[a.second].id < (*places)[b.second].id;
    });
    Answer ans;
    for (std::size_t i = 0; i < std::min(kK, hits.size()); ++i) {
      ans.ids.push_back(hits[i].second);
      ans.dist.push_back(hits[i].first);
    }
    return ans;
  }
  ~SqliteEngine() {
    sqlite3_finalize(query);
    sqlite3_close(db);
  }
};

// ---------------------------------------------------------------- PostGIS
struct PostgisEngine {
  PGconn* conn = nullptr;
  void exec(const char* sql) {
    PGresult* r = PQexec(conn, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::fprintf(stderr, "postgres: %s: %s\n", sql, PQerrorMessage(conn));
      std::exit(1);
    }
    PQclear(r);
  }
  void build(const std::vector<Place>& all, const std::string& conninfo) {
    conn = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::fprintf(stderr, "postgres connect: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    exec("SET client_min_messages = warning");
    exec("CREATE EXTENSION IF NOT EXISTS postgis");
    if (PGresult* v = PQexec(conn, "SELECT version(), postgis_lib_version(), current_setting('max_parallel_workers_per_gather')");
        PQresultStatus(v) == PGRES_TUPLES_OK && PQntuples(v) == 1) {
      std::printf("postgis: %s; PostGIS %s; max_parallel_workers_per_gather=%s\n", PQgetvalue(v, 0, 0),
                  PQgetvalue(v, 0, 1), PQgetvalue(v, 0, 2));
      PQclear(v);
    }
    exec("DROP TABLE IF EXISTS place");
    exec("CREATE TABLE place(id integer PRIMARY KEY, services integer NOT NULL, frais integer NOT NULL, "
         "lat double precision, lon double precision, geog geography(Point, 4326))");
    // COPY streams rows as data (no SQL text is built from values).
    PGresult* r = PQexec(conn, "COPY place(id, services, frais, lat, lon) FROM STDIN");
    if (PQresultStatus(r) != PGRES_COPY_IN) {
      std::fprintf(stderr, "copy: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    PQclear(r);
    std::string buf;
    char line[160];
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!all[i].coordinates) continue;
      const int len = std::snprintf(line, sizeof line, "%zu\t%lld\t%lld\t%.10f\t%.10f\n", i,
                                    static_cast<long long>(service_bits(all[i])),
                                    static_cast<long long>(frais_bits(all[i])), all[i].coordinates->latitude,
                                    all[i].coordinates->longitude);
      buf.append(line, len);
      if (buf.size() > (1 << 20)) {
        PQputCopyData(conn, buf.data(), static_cast<int>(buf.size()));
        buf.clear();
      }
    }
    PQputCopyData(conn, buf.data(), static_cast<int>(buf.size()));
    PQputCopyEnd(conn, nullptr);
    r = PQgetResult(conn);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "copy end: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    PQclear(r);
    exec("UPDATE place SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography");
    exec("CREATE INDEX place_geog ON place USING gist(geog)");
    exec("VACUUM ANALYZE place");
    exec("CHECKPOINT");  // write the dirty pages now, not while an engine is timed
    r = PQprepare(conn, "knn",
                  "SELECT id, ST_Distance(geog, q, false) FROM place, "
                  "(SELECT ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography AS q) AS qp "
                  "WHERE (services & $3) <> 0 AND (frais & $4) <> 0 ORDER BY geog <-> q LIMIT 20",
                  4, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "prepare: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    PQclear(r);
  }
  Answer run(const Coordinates& c) {
    char lat[32], lon[32], s[16], f[16];
    std::snprintf(lat, sizeof lat, "%.10f", c.latitude);
    std::snprintf(lon, sizeof lon, "%.10f", c.longitude);
    std::snprintf(s, sizeof s, "%lld", static_cast<long long>(bit(kService)));
    std::snprintf(f, sizeof f, "%lld", static_cast<long long>(bit(kFrais)));
    const char* params[4] = {lat, lon, s, f};
    PGresult* r = PQexecPrepared(conn, "knn", 4, params, nullptr, nullptr, 0);
    Answer ans;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::fprintf(stderr, "query: %s\n", PQerrorMessage(conn));
      std::exit(1);
    }
    for (int row = 0; row < PQntuples(r); ++row) {
      ans.ids.push_back(static_cast<std::uint32_t>(std::strtoul(PQgetvalue(r, row, 0), nullptr, 10)));
      ans.dist.push_back(std::strtod(PQgetvalue(r, row, 1), nullptr));
    }
    PQclear(r);
    return ans;
  }
  ~PostgisEngine() {
    if (conn) PQfinish(conn);
  }
};

// Same answer up to distance ties: same length and, rank by rank, distances
// within `tol` metres. Where the ids differ the two places are then at the
// same distance from the query (a tie, e.g. two places at one address, which
// PostGIS breaks arbitrarily and Relais/SQLite by Place::id).
bool same_up_to_ties(const Answer& a, const Answer& b, double tol) {
  if (a.ids.size() != b.ids.size()) return false;
  for (std::size_t i = 0; i < a.ids.size(); ++i)
    if (std::abs(a.dist[i] - b.dist[i]) > tol) return false;
  return true;
}
bool same_ids(const Answer& a, const Answer& b) { return a.ids == b.ids; }

struct FilterPair {
  Service service;
  Frais frais;
};
// A common query (a third of the places match) and a selective one (0.5 %).
const FilterPair kFilterPairs[] = {{Service::AideDemarchesAdministratives, Frais::Gratuit},
                                   {Service::LoisirsCreations, Frais::Gratuit}};

bool g_relais_only = false;  // --relais-only 1: skip the baselines (profiling)

void run_dataset(const char* name, const std::vector<Place>& places, const std::vector<Coordinates>& points,
                 const std::string& pg) {
  std::printf("== %s: %zu places, %zu query points, k=%zu\n", name, places.size(), points.size(), kK);
  const long rss_before = rss_kib();
  auto t0 = Clock::now();
  const geo::Index index = geo::Index::build(places);
  const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const long rss_after = rss_kib();
  std::printf("%s relais_build_s=%.2f relais_index_bytes=%zu relais_rss_before_kib=%ld relais_rss_after_kib=%ld "
              "relais_rss_delta_kib=%ld\n",
              name, build_s, index.memory_bytes(), rss_before, rss_after, rss_after - rss_before);
  std::printf("RESULT data=%s places=%zu memory index_bytes=%zu rss_delta_kib=%ld\n", name, places.size(),
              index.memory_bytes(), rss_after - rss_before);

  SqliteEngine sqlite;
  t0 = Clock::now();
  if (!g_relais_only) sqlite.build(places);
  std::printf("%s sqlite_build_s=%.2f\n", name, std::chrono::duration<double>(Clock::now() - t0).count());
  PostgisEngine postgis;
  if (!pg.empty()) {
    t0 = Clock::now();
    postgis.build(places, pg);
    std::printf("%s postgis_build_s=%.2f\n", name, std::chrono::duration<double>(Clock::now() - t0).count());
  }

  for (const FilterPair& pair : kFilterPairs) {
    kService = pair.service;
    kFrais = pair.frais;
    std::size_t matching = 0;
    for (const Place& p : places) matching += (service_bits(p) & bit(kService)) && (frais_bits(p) & bit(kFrais));
    std::printf("-- %s: services=\"%s\" AND frais=\"%s\": %zu places match (%.1f%%)\n", name,
                std::string(label(kService)).c_str(), std::string(label(kFrais)).c_str(), matching,
                100.0 * matching / places.size());

    geo::Query q;
    q.services = {kService};
    q.frais = {kFrais};
    q.limit = kK;
    std::vector<Answer> relais_answers, sqlite_answers, pg_answers;
    const Timing tr = time_queries(points, [&](const Coordinates& c) {
      q.near = c;
      const auto res = index.search(q);
      Answer a;
      for (const auto& h : res.hits) {
        a.ids.push_back(h.place);
        a.dist.push_back(*h.distance_metres);
      }
      return a;
    }, relais_answers);
    std::printf("%s relais   qps=%.0f p50_us=%.1f p99_us=%.1f (%zu timed queries)\n", name, tr.qps, tr.p50_us, tr.p99_us,
                tr.passes * points.size());
    const char* filter_name = pair.service == Service::LoisirsCreations ? "selective" : "common";
    auto result = [&](const char* engine, const Timing& t) {
      std::printf("RESULT data=%s places=%zu filter=%s match_pct=%.1f engine=%s qps=%.0f p50_us=%.1f p99_us=%.1f "
                  "ratio_relais=%.1f timed_queries=%zu\n",
                  name, places.size(), filter_name, 100.0 * matching / places.size(), engine, t.qps, t.p50_us,
                  t.p99_us, tr.qps / t.qps, t.passes * points.size());
    };
    result("relais", tr);
    {  // Same queries, per-query CPU time of this thread: what the search costs
       // without the time the thread spent preempted on a shared machine.
      std::vector<double> cpu_us;
      for (const Coordinates& c : points) {
        timespec a{}, b{};
        q.near = c;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        const auto res = index.search(q);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        if (res.hits.empty() && !points.empty()) std::printf("(no hit)\n");
        cpu_us.push_back((b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3);
      }
      std::sort(cpu_us.begin(), cpu_us.end());
      std::printf("RESULT data=%s places=%zu filter=%s relais_cpu_p50_us=%.1f relais_cpu_p99_us=%.1f\n", name,
                  places.size(), filter_name, cpu_us[cpu_us.size() / 2],
                  cpu_us[std::min(cpu_us.size() - 1, cpu_us.size() * 99 / 100)]);
    }

    if (g_relais_only) continue;
    const Timing ts = time_queries(points, [&](const Coordinates& c) { return sqlite.run(c); }, sqlite_answers);
    std::printf("%s sqlite   qps=%.0f p50_us=%.1f p99_us=%.1f (%zu timed queries)\n", name, ts.qps, ts.p50_us, ts.p99_us,
                ts.passes * points.size());
    std::printf("%s ratio relais/sqlite qps=%.1fx\n", name, tr.qps / ts.qps);
    result("sqlite", ts);
    std::size_t ties_sqlite = 0, ids_sqlite = 0, ties_pg = 0, ids_pg = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      ties_sqlite += same_up_to_ties(relais_answers[i], sqlite_answers[i], 1e-3);
      ids_sqlite += same_ids(relais_answers[i], sqlite_answers[i]);
    }
    std::printf("%s agreement relais=sqlite identical_ids=%zu/%zu up_to_ties=%zu/%zu\n", name, ids_sqlite,
                points.size(), ties_sqlite, points.size());
    if (pg.empty()) continue;

    const Timing tp = time_queries(points, [&](const Coordinates& c) { return postgis.run(c); }, pg_answers);
    std::printf("%s postgis  qps=%.0f p50_us=%.1f p99_us=%.1f (%zu timed queries)\n", name, tp.qps, tp.p50_us, tp.p99_us,
                tp.passes * points.size());
    std::printf("%s ratio relais/postgis qps=%.1fx\n", name, tr.qps / tp.qps);
    result("postgis", tp);
    bool shown = false;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const bool same = same_ids(relais_answers[i], pg_answers[i]);
      ids_pg += same;
      // PostGIS's sphere differs slightly from ours: 0.5 m tolerance.
      const bool tied = same_up_to_ties(relais_answers[i], pg_answers[i], 0.5);
      ties_pg += tied;
      if (!tied && !shown) {  // show the first real difference
        shown = true;
        std::printf("%s first difference at (%.6f, %.6f):\n", name, points[i].latitude, points[i].longitude);
        const auto& a = relais_answers[i];
        const auto& b = pg_answers[i];
        for (std::size_t r = 0; r < std::max(a.ids.size(), b.ids.size()); ++r)
          std::printf("  #%zu relais %s %.3f | postgis %s %.3f\n", r,
                      r < a.ids.size() ? places[a.ids[r]].id.c_str() : "-", r < a.dist.size() ? a.dist[r] : -1.0,
                      r < b.ids.size() ? places[b.ids[r]].id.c_str() : "-", r < b.dist.size() ? b.dist[r] : -1.0);
      }
    }
    std::printf("%s agreement relais=postgis identical_ids=%zu/%zu up_to_ties=%zu/%zu\n", name, ids_pg,
                points.size(), ties_pg, points.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string pg;
  std::size_t synthetic = 1000000, queries = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--pg") == 0) pg = argv[i + 1];
    else if (std::strcmp(argv[i], "--synthetic") == 0) synthetic = std::stoul(argv[i + 1]);
    else if (std::strcmp(argv[i], "--queries") == 0) queries = std::stoul(argv[i + 1]);
    else if (std::strcmp(argv[i], "--relais-only") == 0) g_relais_only = std::strcmp(argv[i + 1], "0") != 0;
  }
  const std::filesystem::path dir = std::filesystem::path(RELAIS_SHARED_DATA_DIR) / "lieux";
  if (!std::filesystem::exists(dir)) {
    std::fprintf(stderr, "no data at %s\n", dir.c_str());
    return 77;
  }
  std::printf("cpus allowed: %s (single-threaded: every engine's client loop runs on one thread)\n",
              allowed_cpus().c_str());
  const std::vector<Place> real = load_real(dir);
  std::vector<Place> metro;  // scale-up sources: every real place (attributes only)
  std::mt19937_64 rng(7);

  {  // Real data: query points = real places' positions jittered by up to ~5 km.
    std::vector<const Place*> located;
    for (const Place& p : real)
      if (p.coordinates) located.push_back(&p);
    std::uniform_int_distribution<std::size_t> pick(0, located.size() - 1);
    std::uniform_real_distribution<double> jitter(-0.05, 0.05);
    std::vector<Coordinates> points;
    for (std::size_t i = 0; i < queries; ++i) {
      const Coordinates& c = *located[pick(rng)]->coordinates;
      points.push_back({c.latitude + jitter(rng), c.longitude + jitter(rng)});
    }
    run_dataset("real", real, points, pg);
  }
  {
    const std::vector<Place> big = scale_up(real, synthetic);
    std::uniform_real_distribution<double> lat(42.5, 51.0), lon(-4.5, 7.8);
    std::vector<Coordinates> points;
    for (std::size_t i = 0; i < queries; ++i) points.push_back({lat(rng), lon(rng)});
    run_dataset("synthetic", big, points, pg);
  }
  return 0;
}
