#pragma once

#include <filesystem>
#include <string>

namespace relais::cli {

// Whole file as bytes. Throws CommandError(kUsage) when it cannot be read.
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace relais::cli
