#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace relais::cli {

Progress::Progress(bool quiet) : active_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() { clear(); }

void Progress::update(std::string_view text) {
  if (!active_) return;
  std::string line = "\r\x1b[2K";  // carriage return + erase line (VT100)
  line.append(text);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!active_ || !shown_) return;
  std::fputs("\r\x1b[2K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace relais::cli
