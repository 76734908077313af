// Data for the HTTP benchmark (bench/server/run.sh):
//   relais_server_bench_data scale --from REAL.db --to SYNTH.db --size N
//       writes a SYNTHETIC scale-up of the places stored in REAL.db into
//       SYNTH.db through store::Store::import_places (source "synthetic",
//       ids "synthetic-<i>"), plus REAL.db's communes. Same generator as
//       bench/geo (scale_up in geo_bench.cpp): every field of real place
//       i % real_count is kept (so answers are as large as real ones), the
//       position is a jittered copy (normal, sigma 4 km per axis) around one of
//       5,000 fixed random anchors over metropolitan France; fixed seed.
//   relais_server_bench_data paths --db DB --count Q --out FILE [--seed S]
//       writes Q request targets, one per line, for the wrk Lua script:
//       /api/v1/lieux?near=LAT,LON&services=LABEL[%7CLABEL] (| encoded) where the point is
//       a stored place's position jittered by up to ~5 km (people search
//       where places are, i.e. where people live) and the services filter is
//       one of the 9 labels of the standard (or two of them, OR-ed, 1 in 4).
//       With --page-out FILE2, also the same searches for the HTML results
//       page: PAGE_PATH?ou=CODE_POSTAL&services=… (src/site: `ou` is what a
//       person types; here the postcode of the place the point was taken
//       from), PAGE_PATH from --page-path (default /recherche).
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/place.h"
#include "store/store.h"

using namespace relais;

namespace {

std::string arg(int argc, char** argv, const char* name, const char* fallback = nullptr) {
  for (int i = 2; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  if (!fallback) {
    std::fprintf(stderr, "missing %s\n", name);
    std::exit(2);
  }
  return fallback;
}

std::string percent_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

int scale(int argc, char** argv) {
  const std::string from = arg(argc, argv, "--from"), to = arg(argc, argv, "--to");
  const std::size_t n = std::stoul(arg(argc, argv, "--size", "1000000"));
  auto source = store::open_store({from});
  const std::vector<Place> real = source->load_places();
  const auto communes = source->load_communes();
  if (real.empty()) {
    std::fprintf(stderr, "no places in %s\n", from.c_str());
    return 1;
  }
  auto target = store::open_store({to});
  target->replace_communes(communes);

  // bench/geo's scale_up: same seed, anchors and jitter.
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> lat(42.5, 51.0), lon(-4.5, 7.8);
  std::vector<Coordinates> anchors(5000);
  for (auto& a : anchors) a = {lat(rng), lon(rng)};
  std::uniform_int_distribution<std::size_t> pick_anchor(0, anchors.size() - 1);
  std::normal_distribution<double> jitter_km(0.0, 4.0);

  constexpr std::size_t kChunk = 100000;  // one import run per chunk: bounded memory
  std::vector<Place> chunk;
  chunk.reserve(kChunk);
  std::size_t written = 0, part = 0;
  auto flush = [&] {
    if (chunk.empty()) return;
    const std::string file = "synthetic-part-" + std::to_string(part++);
    auto summary = target->import_places("synthetic", file, "synthetic-" + std::to_string(n) + "-" + file, chunk, "{}");
    written += summary.inserted + summary.updated + summary.unchanged;
    chunk.clear();
  };
  for (std::size_t i = 0; i < n; ++i) {
    Place p = real[i % real.size()];
    p.id = "synthetic-" + std::to_string(i);
    const Coordinates& a = anchors[pick_anchor(rng)];
    const double dlat = jitter_km(rng) / 111.195,
                 dlon = jitter_km(rng) / (111.195 * std::cos(a.latitude * M_PI / 180));
    p.coordinates = Coordinates{a.latitude + dlat, a.longitude + dlon};
    chunk.push_back(std::move(p));
    if (chunk.size() == kChunk) flush();
  }
  flush();
  std::printf("synthetic places written: %zu (from %zu real places), communes: %zu\n", written, real.size(),
              communes.size());
  return written == n ? 0 : 1;
}

int paths(int argc, char** argv) {
  const std::string db = arg(argc, argv, "--db"), out_path = arg(argc, argv, "--out");
  const std::size_t count = std::stoul(arg(argc, argv, "--count", "10000"));
  std::mt19937_64 rng(std::stoull(arg(argc, argv, "--seed", "7")));
  auto store = store::open_store({db});
  std::vector<Coordinates> located;
  std::vector<std::string> postcodes;
  for (const Place& p : store->load_places()) {
    if (!p.coordinates) continue;
    located.push_back(*p.coordinates);
    postcodes.push_back(p.code_postal);
  }
  const std::string page_out = arg(argc, argv, "--page-out", "");
  const std::string page_path = arg(argc, argv, "--page-path", "/recherche");
  std::ofstream page;
  if (!page_out.empty()) page.open(page_out);
  if (located.empty()) {
    std::fprintf(stderr, "no located places in %s\n", db.c_str());
    return 1;
  }
  const auto services = labels<Service>();
  std::uniform_int_distribution<std::size_t> pick(0, located.size() - 1), pick_service(0, services.size() - 1);
  std::uniform_real_distribution<double> jitter(-0.05, 0.05);
  std::bernoulli_distribution two(0.25);
  std::ofstream out(out_path);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t picked = pick(rng);
    const Coordinates& c = located[picked];
    char point[64];
    std::snprintf(point, sizeof point, "%.5f,%.5f", c.latitude + jitter(rng), c.longitude + jitter(rng));
    std::size_t s1 = pick_service(rng);
    std::string filter = percent_encode(services[s1]);
    if (two(rng)) {
      std::size_t s2 = pick_service(rng);
      if (s2 != s1) filter += "%7C" + percent_encode(services[s2]);
    }
    out << "/api/v1/lieux?near=" << point << "&services=" << filter << '\n';
    if (page.is_open()) page << page_path << "?ou=" << percent_encode(postcodes[picked]) << "&services=" << filter << '\n';
  }
  std::printf("request targets written: %zu to %s (points from %zu located places)\n", count, out_path.c_str(),
              located.size());
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "scale") == 0) return scale(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "paths") == 0) return paths(argc, argv);
  std::fprintf(stderr, "usage: %s scale --from DB --to DB [--size N] | paths --db DB --out FILE [--count Q] [--seed S]\n",
               argv[0]);
  return 2;
}
