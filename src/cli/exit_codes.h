// Exit codes of the `relais` binary, documented in `relais --help`.
#pragma once

#include <stdexcept>
#include <string>

namespace relais::cli {

enum ExitCode : int {
  kSuccess = 0,
  kInvalidInput = 1,  // the input data was invalid (reported); nothing stored was lost
  kUsage = 2,         // bad command line, missing file, unknown option
};

// Thrown by a command to stop with a message and an exit code.
class CommandError : public std::runtime_error {
 public:
  CommandError(ExitCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace relais::cli
