// Running an external program (the CBC solver, Chromium for PDF) without a
// shell: arguments are passed as they are, so no file name is ever
// interpreted.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace relais {

// Runs args[0] (looked up in PATH) with args, standard output and error
// written to `log`; waits for it. Returns its exit status, or -1 when it
// could not be started or did not exit normally.
int run_program(const std::vector<std::string>& args, const std::filesystem::path& log);

// Full path of `name` in PATH, or empty.
std::filesystem::path find_program(const std::string& name);

}  // namespace relais
