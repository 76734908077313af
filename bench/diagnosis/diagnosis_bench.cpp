// Benchmark (issue 4, "Index and coverage for all ~35,000 communes against
// all places: under 200 ms end to end on one core"): Relais' own IFN v3
// index and the offer-side coverage of every commune of France, in process,
// from data already in memory (the loaded catalogue and the indicator values
// read from the store) to the results. bench/diagnosis/run.sh runs the same
// computation written plainly in Python/pandas (diagnosis_pandas.py) and in
// SQL on PostGIS (diagnosis_postgis.sql) on the inputs this program exports,
// in the same run, and compares the three results.
//
// What is computed (bench/diagnosis/README.md):
//   (a) index: for the 5 raw indicators of the IFN v3 "tout âge" (ARCEP 2019
//       THD non-coverage, Data for Good 2020 mobile non-coverage, poverty,
//       65+ share, no or low diploma), classes 1..10 over every commune
//       (arrondissements instead of Paris, Lyon, Marseille) with
//       indicators::rank_classes, then the total = mean of the present
//       classes (at least --minimum-present of them);
//   (b) coverage: diagnosis::offer_of on every region (so every commune of
//       France, arrondissements counted in their commune), merged, then
//       diagnosis::ranked_by_need.
// Usage: relais_diagnosis_bench DB [--runs N] [--export DIR] [--out DIR] [--minimum-present K]
//   --export DIR  writes DIR/communes.csv and DIR/places.csv (the inputs of the other two sides)
//   --out DIR     writes DIR/relais_summary.txt and DIR/relais_communes.tsv (results of the last run)
// Prints RESULT_DIAG lines (milliseconds).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "diagnosis/offer.h"
#include "indicators/classes.h"
#include "store/store.h"

using namespace relais;
using Clock = std::chrono::steady_clock;

namespace {

// The five raw indicators of the v3 index, as imported by scripts/setup.sh
// with data/indicateurs/mappings/*.json (same choice as
// src/indicators/ifn_comparison_test.cpp). All five: higher is more fragile.
struct RawIndicator {
  const char* name;  // short name in the exported files
  const char* set;
  const char* indicator;
};
constexpr RawIndicator kIndicators[] = {
    {"no_thd", "arcep_debit_communes", "no_thd_coverage_rate"},
    {"no_mobile", "d4g_couverture_mobile_2020", "no_mobile_coverage_rate"},
    {"poverty", "d4g_indicateurs_communes_2020", "poverty_rate"},
    {"older_65", "d4g_indicateurs_communes_2020", "older_65_rate"},
    {"nscol15p", "d4g_indicateurs_communes_2020", "nscol15p_rate"},
};
constexpr std::size_t kIndicatorCount = std::size(kIndicators);

// What the timed computation starts from: one map per raw indicator, as the
// store's values are read (code -> value).
using IndicatorMaps = std::array<std::unordered_map<std::string, double>, kIndicatorCount>;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct IndexResult {
  std::vector<std::string> codes;  // the class population
  std::array<std::vector<std::optional<double>>, kIndicatorCount> classes;
  std::vector<std::optional<double>> total;
  std::map<std::string, double> index;  // code -> total, what offer_of takes
};

// (a) The index over every commune (arrondissements rather than their commune).
IndexResult compute_index(const territory::CommuneIndex& communes, const IndicatorMaps& maps,
                          std::size_t minimum_present) {
  IndexResult r;
  std::set<std::string_view> parents;
  for (const auto& c : communes.communes()) {
    if (c.commune_parente) parents.insert(*c.commune_parente);
  }
  for (const auto& c : communes.communes()) {
    if (!parents.contains(c.code_insee)) r.codes.push_back(c.code_insee);
  }
  for (std::size_t k = 0; k < kIndicatorCount; ++k) {
    std::vector<std::optional<double>> raw;
    raw.reserve(r.codes.size());
    for (const auto& code : r.codes) {
      auto it = maps[k].find(code);
      raw.push_back(it == maps[k].end() ? std::nullopt : std::optional<double>(it->second));
    }
    r.classes[k] = indicators::rank_classes(raw, 10, true);
  }
  r.total.resize(r.codes.size());
  std::vector<std::optional<double>> scores(kIndicatorCount);
  for (std::size_t i = 0; i < r.codes.size(); ++i) {
    for (std::size_t k = 0; k < kIndicatorCount; ++k) scores[k] = r.classes[k][i];
    r.total[i] = indicators::mean_of_present(scores, minimum_present);
    if (r.total[i]) r.index.emplace_hint(r.index.end(), r.codes[i], *r.total[i]);
  }
  return r;
}

struct CoverageResult {
  diagnosis::OfferReport report;  // every region's rows, merged
  std::vector<const diagnosis::CommuneOffer*> ranked;
};

// (b) offer_of on each region (a territory is one level; the regions cover
// every commune, overseas collectivities included), merged, then ranked.
CoverageResult compute_coverage(const catalog::Catalog& catalog, const std::vector<std::string>& regions,
                                const std::map<std::string, double>& index, const diagnosis::OfferOptions& options) {
  CoverageResult r;
  for (const auto& region : regions) {
    auto part = diagnosis::offer_of(catalog, {territory::TerritoryLevel::Region, region}, index, options);
    auto& s = r.report.summary;
    const auto& p = part.summary;
    s.communes += p.communes;
    s.communes_without_position += p.communes_without_position;
    s.communes_with_a_place += p.communes_with_a_place;
    s.population += p.population;
    for (std::size_t k = 0; k < s.population_beyond_km.size(); ++k) s.population_beyond_km[k] += p.population_beyond_km[k];
    s.fragile_population += p.fragile_population;
    s.fragile_population_without_help += p.fragile_population_without_help;
    s.communes_with_index += p.communes_with_index;
    r.report.communes.insert(r.report.communes.end(), part.communes.begin(), part.communes.end());
  }
  r.ranked = diagnosis::ranked_by_need(r.report, options);
  return r;
}

std::string csv_number(std::optional<double> v) { return v ? fmt::format("{:.17g}", *v) : std::string(); }

void export_inputs(const std::filesystem::path& dir, const catalog::Catalog& catalog, const IndicatorMaps& maps) {
  std::filesystem::create_directories(dir);
  std::ofstream communes(dir / "communes.csv", std::ios::binary);
  communes << "code,parent,region,population,latitude,longitude";
  for (const auto& ind : kIndicators) communes << ',' << ind.name;
  communes << '\n';
  for (const auto& c : catalog.communes().communes()) {
    communes << c.code_insee << ',' << c.commune_parente.value_or("") << ',' << c.code_region << ',' << c.population
             << ',' << csv_number(c.position ? std::optional(c.position->latitude) : std::nullopt) << ','
             << csv_number(c.position ? std::optional(c.position->longitude) : std::nullopt);
    for (std::size_t k = 0; k < kIndicatorCount; ++k) {
      auto it = maps[k].find(c.code_insee);
      communes << ',' << (it == maps[k].end() ? std::string() : csv_number(it->second));
    }
    communes << '\n';
  }
  std::ofstream places(dir / "places.csv", std::ios::binary);
  places << "place,latitude,longitude";
  for (std::size_t s = 0; s < diagnosis::kServices; ++s) places << ",s" << s;
  places << '\n';
  const auto all = catalog.places();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!all[i].coordinates) continue;
    places << i << ',' << csv_number(all[i].coordinates->latitude) << ',' << csv_number(all[i].coordinates->longitude);
    for (std::size_t s = 0; s < diagnosis::kServices; ++s) {
      const bool offers = std::find(all[i].services.begin(), all[i].services.end(), static_cast<Service>(s)) !=
                          all[i].services.end();
      places << ',' << (offers ? 1 : 0);
    }
    places << '\n';
  }
}

// The results the three sides must agree on (run.sh compares the files).
void write_results(const std::filesystem::path& dir, const IndexResult& idx, const CoverageResult& cov) {
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "relais_summary.txt", std::ios::binary);
  out << "class_population " << idx.codes.size() << '\n';
  for (std::size_t k = 0; k < kIndicatorCount; ++k) {
    std::array<std::size_t, 11> counts{};  // [0] missing
    for (const auto& c : idx.classes[k]) ++counts[c ? static_cast<std::size_t>(*c) : 0];
    out << "classes_" << kIndicators[k].name;
    for (std::size_t c = 1; c <= 10; ++c) out << ' ' << counts[c];
    out << " missing " << counts[0] << '\n';
  }
  std::size_t with_total = 0, total_fragile = 0;
  for (const auto& t : idx.total) {
    with_total += t.has_value();
    total_fragile += t && *t >= 7;
  }
  out << "total_present " << with_total << "\ntotal_at_least_7 " << total_fragile << '\n';
  const auto& s = cov.report.summary;
  out << "communes " << s.communes << "\ncommunes_without_position " << s.communes_without_position
      << "\ncommunes_with_index " << s.communes_with_index << "\npopulation " << s.population
      << "\npopulation_beyond_10km " << s.population_beyond_km[0] << "\npopulation_beyond_20km "
      << s.population_beyond_km[1] << "\npopulation_beyond_30km " << s.population_beyond_km[2]
      << "\nfragile_population " << s.fragile_population << "\nfragile_population_without_help "
      << s.fragile_population_without_help << "\ntop20";
  for (std::size_t i = 0; i < 20 && i < cov.ranked.size(); ++i) out << ' ' << cov.ranked[i]->commune->code_insee;
  out << '\n';

  std::vector<const diagnosis::CommuneOffer*> rows;
  for (const auto& row : cov.report.communes) rows.push_back(&row);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->commune->code_insee < b->commune->code_insee; });
  std::ofstream tsv(dir / "relais_communes.tsv", std::ios::binary);
  auto km = [](std::optional<double> v) { return v ? fmt::format("{:.6f}", *v) : std::string("-"); };
  tsv << "code\tindex\tnearest_any";
  for (std::size_t s = 0; s < diagnosis::kServices; ++s) tsv << "\ts" << s;
  tsv << '\n';
  for (const auto* row : rows) {
    tsv << row->commune->code_insee << '\t' << (row->index ? fmt::format("{:.12g}", *row->index) : "-") << '\t'
        << km(row->nearest_place_km);
    for (const auto& a : row->access) tsv << '\t' << km(a.nearest_km);
    tsv << '\n';
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: relais_diagnosis_bench DB [--runs N] [--export DIR] [--out DIR] [--minimum-present K]\n";
    return 2;
  }
  int runs = 20;
  std::size_t minimum_present = 5;
  std::string export_dir, out_dir;
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string key = argv[a], value = argv[a + 1];
    if (key == "--runs") runs = std::stoi(value);
    else if (key == "--export") export_dir = value;
    else if (key == "--out") out_dir = value;
    else if (key == "--minimum-present") minimum_present = std::stoul(value);
    else {
      std::cerr << "unknown option " << key << "\n";
      return 2;
    }
  }

  // Load (timed apart): indicator values from the store, then the catalogue
  // (communes, places, merge of duplicate groups, hours, geosearch index).
  auto t0 = Clock::now();
  auto store = store::open_store({std::string(argv[1])});
  IndicatorMaps maps;
  std::set<std::string> sets;
  for (const auto& ind : kIndicators) sets.insert(ind.set);
  for (const auto& set : sets) {
    for (auto& v : store->load_indicator_values(set)) {
      if (!v.value) continue;
      for (std::size_t k = 0; k < kIndicatorCount; ++k) {
        if (set == kIndicators[k].set && v.indicator == kIndicators[k].indicator) maps[k].emplace(v.code, *v.value);
      }
    }
  }
  const double load_indicators_ms = ms_since(t0);
  for (std::size_t k = 0; k < kIndicatorCount; ++k) {
    if (maps[k].empty()) {
      std::cerr << "no " << kIndicators[k].set << ":" << kIndicators[k].indicator << " in the database\n";
      return 1;
    }
  }
  t0 = Clock::now();
  const auto catalog = catalog::Catalog::load(*store, {.today = std::chrono::year{2026} / 12 / 1, .deduplicated = true});
  const double load_catalog_ms = ms_since(t0);
  std::set<std::string> region_set;
  for (const auto& c : catalog.communes().communes()) region_set.insert(c.code_region);
  const std::vector<std::string> regions(region_set.begin(), region_set.end());

  if (!export_dir.empty()) export_inputs(export_dir, catalog, maps);

  diagnosis::OfferOptions options;
  options.week = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30};  // a Monday, no public holiday that week

  std::vector<double> index_ms, coverage_ms, total_ms;
  IndexResult idx;
  CoverageResult cov;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    idx = compute_index(catalog.communes(), maps, minimum_present);
    const auto middle = Clock::now();
    cov = compute_coverage(catalog, regions, idx.index, options);
    const auto end = Clock::now();
    index_ms.push_back(std::chrono::duration<double, std::milli>(middle - start).count());
    coverage_ms.push_back(std::chrono::duration<double, std::milli>(end - middle).count());
    total_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  if (!out_dir.empty()) write_results(out_dir, idx, cov);

  std::cout << fmt::format(
      "RESULT_DIAG side=relais communes={} class_population={} places={} regions={} runs={} "
      "load_indicators_ms={:.1f} load_catalog_ms={:.1f}\n",
      cov.report.summary.communes, idx.codes.size(), catalog.index().size(), regions.size(), runs, load_indicators_ms,
      load_catalog_ms);
  std::cout << fmt::format(
      "RESULT_DIAG side=relais median_ms={:.2f} min_ms={:.2f} index_median_ms={:.2f} index_min_ms={:.2f} "
      "coverage_median_ms={:.2f} coverage_min_ms={:.2f}\n",
      median(total_ms), *std::min_element(total_ms.begin(), total_ms.end()), median(index_ms),
      *std::min_element(index_ms.begin(), index_ms.end()), median(coverage_ms),
      *std::min_element(coverage_ms.begin(), coverage_ms.end()));
  return 0;
}
