// relais::hours is_open() throughput on the (string, instant) pairs written by
// bench_npm.js. Parsing is done before timing, as the npm side does.
// Usage: relais_hours_bench <pairs-file>; prints `cpp_evals_per_sec=<n>`.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hours/opening_hours.h"

using namespace relais::hours;

int main(int argc, char** argv) {
  if (argc != 2) { std::cerr << "usage: relais_hours_bench <pairs-file>\n"; return 2; }
  std::ifstream in(argv[1]);
  std::string line;
  std::getline(in, line);
  std::vector<sys_seconds> instants;
  std::stringstream list(line.substr(2));
  for (std::string item; std::getline(list, item, ',');)
    instants.push_back(sys_seconds{std::chrono::seconds{std::stoll(item)}});
  std::vector<OpeningHours> compiled;
  while (std::getline(in, line)) {
    Result r = parse(line);
    if (auto* oh = std::get_if<OpeningHours>(&r)) compiled.push_back(std::move(*oh));
  }
  long open = 0, evals = 0;
  double best = 1e300;
  for (int repeat = 0; repeat < 5; ++repeat) {  // best of 5: machine is shared
    open = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (const auto& oh : compiled)
      for (auto t : instants) open += oh.is_open(t);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    best = std::min(best, s);
    evals = static_cast<long>(compiled.size() * instants.size());
  }
  std::cout << "cpp: " << compiled.size() << " strings x " << instants.size() << " instants = " << evals
            << " is_open() in " << best << " s (best of 5, open=" << open << ")\n";
  std::cout << "cpp_evals_per_sec=" << static_cast<long long>(evals / best) << "\n";
}
