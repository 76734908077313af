// Import throughput on the 4 real v0.1 files, repeated in memory:
//  - read: standard::read_buffer alone (JSON bytes -> RawRecords)
//  - read_map: reading + standard::map_v01_to_v1, no validation
//  - pipeline: read JSON bytes -> map v0.1 to v1 -> validate (import_buffer)
//  - full: the pipeline on the 4 files, then dedupe::deduplicate of all their
//    places together (Relais rules, the CLI's default; and pipeline rules)
//  - validate: to_place on records already mapped to v1
// Also writes the mapped v1 records as a v1 JSON array, so that the JS side
// (bench_js.cjs) validates exactly the same records.
//
//   relais_import_bench DATA_DIR OUT_V1_JSON REPEATS
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dedupe/dedupe.h"
#include "standard/reader.h"
#include "standard/v01.h"
#include "validation/import.h"
#include "validation/rules.h"

using namespace relais;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: relais_import_bench DATA_DIR OUT_V1_JSON REPEATS\n";
    return 2;
  }
  std::filesystem::path lieux = std::filesystem::path(argv[1]) / "lieux";
  int repeats = std::stoi(argv[3]);
  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  for (const auto& entry : std::filesystem::directory_iterator(lieux)) {
    auto name = entry.path().filename().string();
    if (name.rfind("cartonat_v0.1_", 0) != 0 || entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files.emplace_back(name, bytes.str());
  }

  // Mapped v1 records, for the validation-only timing and for the JS side.
  std::vector<std::pair<std::string, RawRecord>> v1;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, bytes] : files) {
    auto read = standard::read_buffer(bytes, name, standard::Format::Json);
    Problems ignored;
    for (const auto& record : read.records) {
      RawRecord mapped = standard::map_v01_to_v1(record, name, ignored);
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [k, v] : mapped.fields) {
        auto number = (k == "latitude" || k == "longitude") ? validation::rules::parse_number(v) : std::nullopt;
        if (number) object[k] = *number;
        else object[k] = v;
      }
      out.push_back(std::move(object));
      v1.emplace_back(name, std::move(mapped));
    }
  }
  std::ofstream(argv[2]) << out.dump();

  // Reading alone (standard::read_buffer), to attribute the pipeline's time.
  std::size_t read_records = 0;
  auto start = Clock::now();
  for (int r = 0; r < repeats; ++r)
    for (const auto& [name, bytes] : files) read_records += standard::read_buffer(bytes, name, standard::Format::Json).records.size();
  double read_s = std::chrono::duration<double>(Clock::now() - start).count();

  // Reading + v0.1 -> v1 mapping, without validation (attribution again).
  std::size_t mapped_records = 0;
  start = Clock::now();
  for (int r = 0; r < repeats; ++r)
    for (const auto& [name, bytes] : files) {
      auto read = standard::read_buffer(bytes, name, standard::Format::Json);
      Problems problems;
      for (auto& record : read.records)
        mapped_records += !standard::map_v01_to_v1(std::move(record), name, problems).fields.empty();
    }
  double map_s = std::chrono::duration<double>(Clock::now() - start).count();

  std::size_t accepted = 0, records = 0;
  start = Clock::now();
  for (int r = 0; r < repeats; ++r)
    for (const auto& [name, bytes] : files) {
      auto result = validation::import_buffer(bytes, name);
      records += result.counts.read;
      accepted += result.counts.accepted;
    }
  double pipeline_s = std::chrono::duration<double>(Clock::now() - start).count();

  // Read + map + validate + deduplicate: what `relais import` of the 4
  // files then `relais dedupe` compute (without the SQLite store).
  auto full = [&](dedupe::Rules rules, std::size_t& groups) {
    dedupe::Options options;
    options.rules = rules;
    options.today = std::chrono::year{2026} / 11 / 30;
    std::size_t full_records = 0;
    auto begin = Clock::now();
    for (int r = 0; r < repeats; ++r) {
      std::vector<Place> places;
      for (const auto& [name, bytes] : files) {
        auto result = validation::import_buffer(bytes, name);
        full_records += result.counts.read;
        std::move(result.places.begin(), result.places.end(), std::back_inserter(places));
      }
      groups = dedupe::deduplicate(places, options).groups.size();
    }
    return std::pair{full_records, std::chrono::duration<double>(Clock::now() - begin).count()};
  };
  std::size_t relais_groups = 0, pipeline_groups = 0;
  auto [full_records, full_s] = full(dedupe::Rules::Relais, relais_groups);
  auto [full_pipeline_records, full_pipeline_s] = full(dedupe::Rules::Pipeline, pipeline_groups);

  std::size_t validated = 0, valid = 0;
  start = Clock::now();
  for (int r = 0; r < repeats; ++r)
    for (const auto& [name, record] : v1) {
      Problems problems;
      valid += validation::to_place(record, name, problems).has_value();
      ++validated;
    }
  double validate_s = std::chrono::duration<double>(Clock::now() - start).count();

  std::cout << "cpp_files=" << files.size() << " records_per_pass=" << v1.size() << " repeats=" << repeats << '\n'
            << "cpp_read_records_per_sec=" << static_cast<long long>(read_records / read_s) << '\n'
            << "cpp_read_map_records_per_sec=" << static_cast<long long>(mapped_records / map_s) << '\n'
            << "cpp_pipeline_records=" << records << " accepted=" << accepted << " seconds=" << pipeline_s << '\n'
            << "cpp_pipeline_records_per_sec=" << static_cast<long long>(records / pipeline_s) << '\n'
            << "cpp_full_records=" << full_records << " groups=" << relais_groups << " seconds=" << full_s << '\n'
            << "cpp_full_records_per_sec=" << static_cast<long long>(full_records / full_s) << '\n'
            << "cpp_full_pipeline_rules_records=" << full_pipeline_records << " groups=" << pipeline_groups
            << " seconds=" << full_pipeline_s << '\n'
            << "cpp_full_pipeline_rules_records_per_sec=" << static_cast<long long>(full_pipeline_records / full_pipeline_s) << '\n'
            << "cpp_validate_records=" << validated << " valid=" << valid << " seconds=" << validate_s << '\n'
            << "cpp_validate_records_per_sec=" << static_cast<long long>(validated / validate_s) << '\n';
  return 0;
}
