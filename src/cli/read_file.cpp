#include "cli/read_file.h"

#include <fstream>
#include <sstream>

#include "cli/exit_codes.h"

namespace relais::cli {

std::string read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw CommandError(kUsage, path.string() + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError(kUsage, path.string() + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw CommandError(kUsage, path.string() + ": read error");
  return std::move(bytes).str();
}

}  // namespace relais::cli
