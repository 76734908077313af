// Compares relais::dedupe::ratio with fuzzball's values written by
// fuzzball_pairs.js (one JSON line [a, b, ratio] per pair). Exit 0 when all
// are equal, 1 otherwise (the first mismatches are printed).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "dedupe/fuzz_ratio.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: relais_dedupe_ratio_compare PAIRS.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  std::size_t total = 0, mismatches = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line);
    std::string a = row[0], b = row[1];
    int expected = row[2];
    int got = relais::dedupe::ratio(a, b);
    ++total;
    if (got != expected && ++mismatches <= 20) {
      std::cout << "MISMATCH fuzzball=" << expected << " relais=" << got << " " << row[0].dump() << " "
                << row[1].dump() << "\n";
    }
  }
  std::cout << total << " pairs compared, " << mismatches << " mismatches\n";
  return total > 0 && mismatches == 0 ? 0 : 1;
}
