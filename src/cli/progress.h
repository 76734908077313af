// Progress of long commands on an interactive terminal: one line on stderr,
// rewritten in place. Silent when stderr is not a terminal (pipes, CI, logs)
// or with --quiet, so scripted output stays clean.
#pragma once

#include <string_view>

namespace relais::cli {

class Progress {
 public:
  explicit Progress(bool quiet);
  ~Progress();
  // Replaces the current progress line.
  void update(std::string_view text);
  // Clears the line (before printing regular output).
  void clear();
  bool active() const { return active_; }

 private:
  bool active_ = false;
  bool shown_ = false;
};

}  // namespace relais::cli
