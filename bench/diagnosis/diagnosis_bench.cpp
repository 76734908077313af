// Benchmark (issue 4, "Index and coverage for all ~35,000 communes against
// all places: under 200 ms end to end on one core"): Relais' own IFN v3
// index and the offer-side coverage of every commune of France, in process,
// from data already in memory (the loaded catalogue and the indicator values
// read from the store) to the results. bench/diagnosis/run.sh runs the same
// computation written plainly in Python/pandas (diagnosis_pandas.py) and in
// SQL on PostGIS (diagnosis_postgis_*.sql) on the inputs this program exports,
// in the same run, and compares the three results.
//
// What is computed (bench/diagnosis/README.md):
//   (a) index: indicators::compute_index with the shipped definition
//       data/indicateurs/indices/ifn_v3_tout_age.json (five raw indicators
//       in classes 1..10 by rank over the communes, arrondissements in place
//       of Paris, Lyon and Marseille; total = mean of the present classes,
//       at least minimum_present of them);
//   (b) coverage: diagnosis::offer_of_france (every commune of France,
//       arrondissements counted in their commune), then
//       diagnosis::ranked_by_need.
// Usage: relais_diagnosis_bench DB [--definition FILE] [--runs N] [--export DIR] [--out DIR] [--breakdown 1]
//   --export DIR  writes DIR/communes.csv and DIR/places.csv (the inputs of the other two sides)
//   --out DIR     writes DIR/relais_summary.txt and DIR/relais_communes.tsv (results of the last run)
//   --breakdown 1 then times the parts apart (RESULT_DIAG_BREAKDOWN, see breakdown())
// Prints RESULT_DIAG lines (milliseconds).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "diagnosis/offer.h"
#include "diagnosis/nearest_places.h"
#include "indicators/classes.h"
#include "indicators/index_definition.h"
#include "indicators/index_engine.h"
#include "store/store.h"

using namespace relais;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct IndexRun {
  indicators::IndexResult result;
  std::map<std::string, double> index;  // commune code -> total, what offer_of takes
};

// (a) The index of every commune, with the engine (the commune level only:
// the diagnosis does not use the EPCI, département and région tables).
IndexRun index_of(const indicators::IndexDefinition& definition, const indicators::IndexInputs& inputs) {
  IndexRun r;
  r.result = indicators::compute_index(definition, inputs, indicators::IndexLevels::CommunesOnly);
  r.index = r.result.communes.column(r.result.column_index("total"));
  return r;
}

struct CoverageResult {
  diagnosis::OfferReport report;  // every commune's row
  std::vector<const diagnosis::CommuneOffer*> ranked;
};

// (b) offer_of_france: every commune of the catalogue in one call, then ranked.
CoverageResult compute_coverage(const catalog::Catalog& catalog, const std::map<std::string, double>& index,
                                const diagnosis::OfferOptions& options) {
  CoverageResult r;
  r.report = diagnosis::offer_of_france(catalog, index, options);
  r.ranked = diagnosis::ranked_by_need(r.report, options);
  return r;
}

std::string csv_number(std::optional<double> v) { return v ? fmt::format("{:.17g}", *v) : std::string(); }

void export_inputs(const std::filesystem::path& dir, const catalog::Catalog& catalog,
                   const indicators::IndexDefinition& definition, const indicators::IndexInputs& inputs) {
  std::filesystem::create_directories(dir);
  std::ofstream communes(dir / "communes.csv", std::ios::binary);
  communes << "code,parent,region,population,latitude,longitude";
  for (const auto& s : definition.indicators) communes << ',' << s.name;
  communes << '\n';
  for (const auto& c : catalog.communes().communes()) {
    communes << c.code_insee << ',' << c.commune_parente.value_or("") << ',' << c.code_region << ',' << c.population
             << ',' << csv_number(c.position ? std::optional(c.position->latitude) : std::nullopt) << ','
             << csv_number(c.position ? std::optional(c.position->longitude) : std::nullopt);
    for (const auto& s : definition.indicators) {
      const auto& values = inputs.values.at(s.input.spec());
      auto it = values.find(c.code_insee);
      communes << ',' << (it == values.end() ? std::string() : csv_number(it->second));
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
// Class counts and totals are over the communes and arrondissements (Paris,
// Lyon and Marseille as whole communes left out: the engine gives them the
// population-weighted mean of their arrondissements).
void write_results(const std::filesystem::path& dir, const territory::CommuneIndex& communes,
                   const indicators::IndexDefinition& definition, const IndexRun& idx, const CoverageResult& cov) {
  std::set<std::string> whole;
  for (const auto& c : communes.communes()) {
    if (c.commune_parente) whole.insert(*c.commune_parente);
  }
  const auto& table = idx.result.communes;
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "relais_summary.txt", std::ios::binary);
  out << "scoring_units " << idx.result.units << '\n';
  for (const auto& s : definition.indicators) {
    const auto& column = table.values[idx.result.column_index(s.name)];
    std::array<std::size_t, 11> counts{};  // [0] missing
    for (std::size_t row = 0; row < table.codes.size(); ++row) {
      if (whole.contains(table.codes[row])) continue;
      ++counts[column[row] ? static_cast<std::size_t>(*column[row]) : 0];
    }
    out << "classes_" << s.name;
    for (std::size_t c = 1; c <= 10; ++c) out << ' ' << counts[c];
    out << " missing " << counts[0] << '\n';
  }
  const auto& total = table.values[idx.result.column_index("total")];
  std::size_t with_total = 0, total_fragile = 0;
  for (std::size_t row = 0; row < table.codes.size(); ++row) {
    if (whole.contains(table.codes[row]) || !total[row]) continue;
    ++with_total;
    total_fragile += *total[row] >= 7;
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
  for (std::size_t k = 0; k < diagnosis::kServices; ++k) tsv << "\ts" << k;
  tsv << '\n';
  for (const auto* row : rows) {
    tsv << row->commune->code_insee << '\t' << (row->index ? fmt::format("{:.12g}", *row->index) : "-") << '\t'
        << km(row->nearest_place_km);
    for (const auto& a : row->access) tsv << '\t' << km(a.nearest_km);
    tsv << '\n';
  }
}

// Where the time goes, with the same public calls as the timed run, each
// part alone (median of `runs`): the index's commune level against its
// EPCI/département/région tables (a second engine run on a definition
// without context is not comparable, so the classes alone: rank_classes and
// mean_of_present on the engine's units), and within the coverage: the
// 10 nearest-place searches per commune (k-d trees, and the same through
// geo::Index for comparison), and ranked_by_need.
std::string breakdown(const catalog::Catalog& catalog, const indicators::IndexDefinition& definition,
                      const indicators::IndexInputs& inputs, const CoverageResult& cov, int runs);

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: relais_diagnosis_bench DB [--definition FILE] [--runs N] [--export DIR] [--out DIR]\n";
    return 2;
  }
  int runs = 20;
  std::string definition_file = RELAIS_SOURCE_DIR "/data/indicateurs/indices/ifn_v3_tout_age.json";
  std::string export_dir, out_dir;
  bool with_breakdown = false;
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string key = argv[a], value = argv[a + 1];
    if (key == "--runs") runs = std::stoi(value);
    else if (key == "--definition") definition_file = value;
    else if (key == "--export") export_dir = value;
    else if (key == "--out") out_dir = value;
    else if (key == "--breakdown") with_breakdown = value == "1";
    else {
      std::cerr << "unknown option " << key << "\n";
      return 2;
    }
  }
  std::ifstream definition_in(definition_file);
  std::stringstream definition_text;
  definition_text << definition_in.rdbuf();
  const auto definition = indicators::parse_index_definition(definition_text.str(), definition_file);

  // Load (timed apart): the definition's inputs from the store, then the
  // catalogue (communes, places, merge of duplicate groups, hours, geosearch index).
  auto t0 = Clock::now();
  auto store = store::open_store({std::string(argv[1])});
  indicators::IndexInputs inputs;
  std::set<std::string> sets;
  for (const auto& ref : definition.inputs()) {
    inputs.values[ref.spec()];
    sets.insert(ref.set);
  }
  for (const auto& set : sets) {
    for (auto& v : store->load_indicator_values(set)) {
      if (!v.value) continue;
      if (auto it = inputs.values.find(set + ":" + v.indicator); it != inputs.values.end()) it->second.emplace(v.code, *v.value);
    }
  }
  const double load_indicators_ms = ms_since(t0);
  for (const auto& [spec, values] : inputs.values) {
    if (values.empty()) {
      std::cerr << "no " << spec << " in the database\n";
      return 1;
    }
  }
  t0 = Clock::now();
  const auto catalog = catalog::Catalog::load(*store, {.today = std::chrono::year{2026} / 12 / 1, .deduplicated = true});
  const double load_catalog_ms = ms_since(t0);
  inputs.communes = &catalog.communes();

  if (!export_dir.empty()) export_inputs(export_dir, catalog, definition, inputs);

  diagnosis::OfferOptions options;
  options.week = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30};  // a Monday, no public holiday that week

  std::vector<double> index_ms, coverage_ms, total_ms;
  IndexRun idx;
  CoverageResult cov;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    idx = index_of(definition, inputs);
    const auto middle = Clock::now();
    cov = compute_coverage(catalog, idx.index, options);
    const auto end = Clock::now();
    index_ms.push_back(std::chrono::duration<double, std::milli>(middle - start).count());
    coverage_ms.push_back(std::chrono::duration<double, std::milli>(end - middle).count());
    total_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  if (!out_dir.empty()) write_results(out_dir, catalog.communes(), definition, idx, cov);

  std::cout << fmt::format(
      "RESULT_DIAG side=relais definition={} minimum_present={} communes={} scoring_units={} places={} "
      "runs={} load_indicators_ms={:.1f} load_catalog_ms={:.1f}\n",
      definition.name, definition.minimum_present, cov.report.summary.communes, idx.result.units,
      catalog.index().size(), runs, load_indicators_ms, load_catalog_ms);
  std::cout << fmt::format(
      "RESULT_DIAG side=relais median_ms={:.2f} min_ms={:.2f} index_median_ms={:.2f} index_min_ms={:.2f} "
      "coverage_median_ms={:.2f} coverage_min_ms={:.2f}\n",
      median(total_ms), *std::min_element(total_ms.begin(), total_ms.end()), median(index_ms),
      *std::min_element(index_ms.begin(), index_ms.end()), median(coverage_ms),
      *std::min_element(coverage_ms.begin(), coverage_ms.end()));
  if (with_breakdown) std::cout << breakdown(catalog, definition, inputs, cov, runs);
  return 0;
}

namespace {

std::string breakdown(const catalog::Catalog& catalog, const indicators::IndexDefinition& definition,
                      const indicators::IndexInputs& inputs, const CoverageResult& cov, int runs) {
  auto time_of = [&](auto&& work) {
    std::vector<double> ms;
    for (int run = 0; run < runs; ++run) {
      const auto t0 = Clock::now();
      work();
      ms.push_back(ms_since(t0));
    }
    return median(ms);
  };
  const auto& communes = catalog.communes();
  std::set<std::string> whole;
  for (const auto& c : communes.communes()) {
    if (c.commune_parente) whole.insert(*c.commune_parente);
  }
  // Classes and totals alone, on the same units as the engine.
  std::size_t sink = 0;
  const double classes_ms = time_of([&] {
    std::vector<std::string> codes;
    for (const auto& c : communes.communes()) codes.push_back(c.code_insee);
    std::vector<std::vector<std::optional<double>>> scores;
    for (const auto& s : definition.indicators) {
      const auto& values = inputs.values.at(s.input.spec());
      std::set<std::string_view> through_arrondissements;
      for (const auto& c : communes.communes()) {
        if (c.commune_parente && values.contains(c.code_insee)) through_arrondissements.insert(*c.commune_parente);
      }
      std::vector<std::optional<double>> raw;
      for (const auto& code : codes) {
        auto it = values.find(code);
        const bool unit = !whole.contains(code) || !through_arrondissements.contains(code);
        raw.push_back(it != values.end() && unit ? std::optional(it->second) : std::nullopt);
      }
      scores.push_back(indicators::rank_classes(raw, definition.classes, s.higher_is_more_fragile));
    }
    std::vector<std::optional<double>> row(scores.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
      for (std::size_t k = 0; k < scores.size(); ++k) row[k] = scores[k][i];
      sink += indicators::mean_of_present(row, definition.minimum_present).has_value();
    }
  });
  // The nearest-place searches offer_of makes (diagnosis/nearest_places.h):
  // the k-d trees' build, then any place and each service per commune.
  const double searches_ms = time_of([&] {
    const diagnosis::NearestPlaces nearest(catalog);
    for (const auto& row : cov.report.communes) {
      if (!row.commune->position) continue;
      for (std::size_t s = 0; s <= diagnosis::kServices; ++s) {
        const auto service = s < diagnosis::kServices ? std::optional<Service>(static_cast<Service>(s)) : std::nullopt;
        sink += nearest.nearest(*row.commune->position, service).has_value();
      }
    }
  });
  // The same searches through the catalogue's geo::Index (what offer_of used
  // before the k-d trees), for the record.
  const double geo_index_ms = time_of([&] {
    for (const auto& row : cov.report.communes) {
      if (!row.commune->position) continue;
      for (std::size_t s = 0; s <= diagnosis::kServices; ++s) {
        geo::Query q;
        q.near = *row.commune->position;
        q.limit = 1;
        if (s < diagnosis::kServices) q.services = {static_cast<Service>(s)};
        sink += catalog.index().search(q).hits.size();
      }
    }
  });
  const double ranking_ms = time_of([&] { sink += diagnosis::ranked_by_need(cov.report, {}).size(); });
  return fmt::format(
      "RESULT_DIAG_BREAKDOWN classes_and_totals_alone_ms={:.2f} nearest_searches_ms={:.2f} searches={} "
      "same_searches_geo_index_ms={:.2f} ranked_by_need_ms={:.2f} (sink {})\n",
      classes_ms, searches_ms, (diagnosis::kServices + 1) * (cov.report.summary.communes - cov.report.summary.communes_without_position),
      geo_index_ms, ranking_ms, sink % 10);
}

}  // namespace
