// Pipeline-rules agreement with a node reimplementation of mednum-cli's
// find-duplicates step on top of real fuzzball (pipeline_pairs.js).
//   relais_dedupe_pipeline_compare export SHARED_DATA_DIR OUT.json
//     writes the PACA and Hinaura places (code_insee derived from La Poste
//     where absent) as the JSON the node script reads;
//   relais_dedupe_pipeline_compare check SHARED_DATA_DIR NODE_PAIRS.json
//     recomputes pipeline_pairs (cross-source and allow_internal) on the same
//     places and compares pair sets and scores. Exit 0 when identical.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "dedupe/pipeline_rules.h"
#include "paca_loader.h"

using namespace relais::dedupe;

namespace {

std::vector<relais::Place> load(const std::filesystem::path& shared) {
  std::vector<relais::Place> all;
  for (const char* file : {"cartonat_v0.1_20230516_hub-du-sud_paca.json",
                           "cartonat_v0.1_hinaura_auvergne-rhone-alpes.json"}) {
    auto places = eval::load_v01_json(shared / "lieux" / file);
    all.insert(all.end(), places.begin(), places.end());
  }
  eval::derive_code_insee(all, shared / "territoires/laposte_hexasmal_d4g_2020.csv");
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: relais_dedupe_pipeline_compare export|check SHARED_DATA_DIR FILE\n";
    return 2;
  }
  std::string mode = argv[1];
  auto places = load(argv[2]);
  if (mode == "export") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : places) {
      nlohmann::json j = {{"id", p.id}, {"nom", p.nom}, {"adresse", p.adresse}, {"source", p.source.value_or("")}};
      if (p.code_insee) j["code_insee"] = *p.code_insee;
      if (p.coordinates) {
        j["latitude"] = p.coordinates->latitude;
        j["longitude"] = p.coordinates->longitude;
      }
      out.push_back(j);
    }
    std::ofstream(argv[3]) << out.dump();
    return 0;
  }
  std::ifstream in(argv[3]);
  auto node = nlohmann::json::parse(in);
  std::size_t total = 0, mismatches = 0;
  for (bool internal : {false, true}) {
    std::map<std::pair<std::string, std::string>, int> expected, got;
    for (const auto& row : node[internal ? "internal" : "cross"]) expected[{row[0], row[1]}] = row[2];
    for (const auto& pair : pipeline_pairs(places, internal)) {
      std::string a = places[pair.a].id, b = places[pair.b].id;
      got[{a, b}] = pair.score;
    }
    for (const auto& [ids, score] : expected) {
      auto it = got.find(ids);
      if (it == got.end() || it->second != score) {
        if (++mismatches <= 20) std::cout << "MISMATCH node " << ids.first << " " << ids.second << " " << score << "\n";
      }
    }
    for (const auto& [ids, score] : got) {
      if (!expected.count(ids) && ++mismatches <= 20) {
        std::cout << "MISMATCH relais-only " << ids.first << " " << ids.second << " " << score << "\n";
      }
    }
    total += expected.size();
    std::cout << (internal ? "allow_internal" : "cross-source") << ": node " << expected.size()
              << " pairs, relais " << got.size() << " pairs\n";
  }
  std::cout << mismatches << " mismatches\n";
  return total > 0 && mismatches == 0 ? 0 : 1;
}
