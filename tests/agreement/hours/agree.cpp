// Compares relais::hours with the npm `opening_hours` verdicts written by
// generate_expected.js. Usage: relais_hours_agree <expected.tsv>
// Prints counts; exits 1 when the evaluators disagree on a string both accept
// or when we accept a string npm rejects.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hours/opening_hours.h"
#include "hours/paris_time.h"

using namespace relais::hours;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: relais_hours_agree <expected.tsv>\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::string line;
  if (!std::getline(in, line) || line.rfind("T\t", 0) != 0) {
    std::cerr << "bad expected file\n";
    return 2;
  }
  std::vector<sys_seconds> instants;
  {
    std::stringstream list(line.substr(2));
    std::string item;
    while (std::getline(list, item, ','))
      instants.push_back(sys_seconds{std::chrono::seconds{std::stoll(item)}});
  }
  long strings = 0, both_ok = 0, both_error = 0, we_reject = 0, we_accept_npm_rejects = 0;
  long compared = 0, mismatches = 0, strings_with_mismatch = 0;
  int shown = 0;
  while (std::getline(in, line)) {
    const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
    const std::string verdict = line.substr(0, tab1);
    const std::string bits = line.substr(tab1 + 1, tab2 - tab1 - 1);
    const std::string text = line.substr(tab2 + 1);
    ++strings;
    Result ours = parse(text);
    const auto* hours = std::get_if<OpeningHours>(&ours);
    if (verdict == "error") {
      if (hours) {
        ++we_accept_npm_rejects;
        std::cout << "ACCEPTED, npm rejects: " << text << "\n";
      } else {
        ++both_error;
      }
      continue;
    }
    if (!hours) {
      ++we_reject;
      const auto& e = std::get<ParseError>(ours);
      std::cout << "REJECTED at " << e.position << " (" << e.message << "), npm accepts: " << text << "\n";
      continue;
    }
    ++both_ok;
    bool any = false;
    for (std::size_t i = 0; i < instants.size() && i < bits.size(); ++i) {
      ++compared;
      const bool expected = bits[i] == '1';
      if (hours->is_open(instants[i]) != expected) {
        ++mismatches;
        any = true;
        if (shown < 20) {
          ++shown;
          std::cout << "MISMATCH " << text << " @ " << format_paris_local(instants[i])
                    << " npm=" << expected << "\n";
        }
      }
    }
    strings_with_mismatch += any;
  }
  std::cout << "strings=" << strings << " both_accept=" << both_ok << " both_reject=" << both_error
            << " only_npm_accepts=" << we_reject << " only_we_accept=" << we_accept_npm_rejects
            << " instants=" << instants.size() << " compared=" << compared
            << " mismatches=" << mismatches << " strings_with_mismatch=" << strings_with_mismatch << "\n";
  return (mismatches == 0 && we_accept_npm_rejects == 0) ? 0 : 1;
}
