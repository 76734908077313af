#include "core/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace relais {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CoreProcess, RunsWithoutAShellAndCapturesOutput) {
  const auto log = std::filesystem::temp_directory_path() / "relais_process_test.log";
  // A shell would expand $HOME and split on ';'; here they reach echo as written.
  EXPECT_EQ(run_program({"echo", "$HOME; rm -rf /"}, log), 0);
  EXPECT_EQ(read(log), "$HOME; rm -rf /\n");
  EXPECT_EQ(run_program({"false"}, log), 1);
  EXPECT_EQ(run_program({"relais-no-such-program"}, log), -1);
  EXPECT_EQ(run_program({}, log), -1);
  std::filesystem::remove(log);
}

TEST(CoreProcess, FindsProgramsInPath) {
  EXPECT_FALSE(find_program("sh").empty());
  EXPECT_TRUE(find_program("relais-no-such-program").empty());
}

}  // namespace
}  // namespace relais
