#include "server/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace relais::server {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("relais_static_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "dist" / "core");
    write(dir_ / "dist" / "core" / "core.min.css", std::string(4000, 'a'));
    write(dir_ / "dist" / ".hidden", "secret");
    write(dir_ / "outside.txt", "outside");
    fs::create_symlink(dir_ / "outside.txt", dir_ / "dist" / "link.css");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  fs::path dir_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeGzipAndEtag) {
  StaticFiles files(dir_ / "dist", "/static/dsfr/");
  auto css = files.find("/static/dsfr/core/core.min.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css->body.size(), 4000u);
  EXPECT_FALSE(css->gzip_body.empty());
  EXPECT_LT(css->gzip_body.size(), 200u);
  EXPECT_EQ(css->etag.front(), '"');
  EXPECT_EQ(files.find("/static/dsfr/core/core.min.css"), css);  // cached
}

TEST_F(StaticFilesTest, RefusesUnsafePaths) {
  StaticFiles files(dir_ / "dist", "/static/dsfr/");
  for (auto path : {"/static/dsfr/../outside.txt", "/static/dsfr/core/../../outside.txt", "/static/dsfr/.hidden",
                    "/static/dsfr/core", "/static/dsfr/", "/static/dsfr//core/core.min.css",
                    "/static/dsfr/core%2Fcore.min.css", "/static/dsfr/missing.css", "/static/dsfr/link.css",
                    "/other/core/core.min.css"}) {
    EXPECT_FALSE(files.find(path)) << path;
  }
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(StaticFiles::content_type_of("a.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::content_type_of("a.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::content_type_of("a.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace relais::server
