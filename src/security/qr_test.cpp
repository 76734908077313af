#include "security/qr.h"

#include <gtest/gtest.h>
#include <qrencode.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

namespace relais::security {
namespace {

namespace fs = std::filesystem;

const std::string kUri =
    "otpauth://totp/Relais:marie%40exemple.fr?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=Relais&algorithm=SHA1&digits=6&period=30";

using Cells = std::set<std::pair<int, int>>;

// The symbol libqrencode makes for `text` (same call as qr_svg), as dark cells
// shifted by the quiet zone, and its version.
std::pair<Cells, int> expected_symbol(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  EXPECT_TRUE(code);
  Cells cells;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1) cells.insert({x + 4, y + 4});
    }
  }
  return {cells, code->version};
}

// The cells the path paints, read back from its "Mx yhNv1h-Nz" runs; fails
// the test on any other command.
Cells painted_cells(const std::string& svg) {
  std::smatch d;
  EXPECT_TRUE(std::regex_search(svg, d, std::regex(R"(<path fill="#000" d="([^"]*)\"/>)")));
  const std::string path = d[1];
  Cells cells;
  const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  std::size_t consumed = 0;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), run); it != std::sregex_iterator(); ++it) {
    EXPECT_EQ(static_cast<std::size_t>(it->position()), consumed) << "unexpected path text at " << consumed;
    consumed = static_cast<std::size_t>(it->position() + it->length());
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4]));
    for (int i = 0; i < n; ++i) EXPECT_TRUE(cells.insert({x + i, y}).second) << "cell painted twice";
  }
  EXPECT_EQ(consumed, path.size());
  return cells;
}

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("relais-qr-" + std::to_string(::getpid()) + "-" + name);
}

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

TEST(QrSvg, PaintsExactlyTheDarkModules) {
  for (const std::string& text : {kUri, std::string("a"), std::string(300, 'x'), std::string("é\0b", 4)}) {
    const std::string svg = qr_svg(text, "QR");
    const auto [cells, version] = expected_symbol(text);
    EXPECT_EQ(painted_cells(svg), cells) << text;
    // The viewBox is the symbol plus a 4-module quiet zone on each side.
    const int modules = 21 + 4 * (version - 1) + 8;
    EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(modules) + " " + std::to_string(modules) + "\""),
              std::string::npos)
        << svg.substr(0, 200);
    for (const auto& [x, y] : cells) {
      EXPECT_TRUE(x >= 4 && y >= 4 && x < modules - 4 && y < modules - 4);
    }
  }
}

TEST(QrSvg, MergesRunsIntoOnePath) {
  const std::string svg = qr_svg(kUri, "QR");
  EXPECT_EQ(svg.find("<path"), svg.rfind("<path"));
  const Cells cells = painted_cells(svg);
  // Each run is maximal: the cells just before and after it are light.
  const std::regex run(R"(M(\d+) (\d+)h(\d+))");
  std::size_t runs = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it, ++runs) {
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_FALSE(cells.count({x - 1, y})) << x << "," << y;
    EXPECT_FALSE(cells.count({x + n, y})) << x << "," << y;
  }
  // One subpath per maximal run: as many as dark cells whose left neighbour is light.
  std::size_t run_starts = 0;
  for (const auto& [x, y] : cells) run_starts += cells.count({x - 1, y}) == 0;
  EXPECT_EQ(runs, run_starts);
  EXPECT_LT(runs, cells.size());
}

TEST(QrSvg, HasTheAccessibleAndPrintableAttributes) {
  const std::string svg = qr_svg(kUri, "Code à scanner <Relais> & \"vous\"", 180);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("width=\"180\" height=\"180\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Code à scanner &lt;Relais&gt; &amp; &quot;vous&quot;</title>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#fff\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
}

TEST(QrSvg, IsWellFormedXml) {
  if (!have("xmllint")) GTEST_SKIP() << "xmllint (libxml2-utils) is not installed";
  const fs::path file = temp_file("wellformed.svg");
  std::ofstream(file) << qr_svg(kUri, "Code <à> scanner & \"autre\"");
  EXPECT_EQ(std::system(("xmllint --noout " + file.string()).c_str()), 0);
  fs::remove(file);
}

TEST(QrSvg, RefusesTextTooLongAndBadSizes) {
  EXPECT_THROW(qr_svg(std::string(3000, 'x'), "QR"), std::runtime_error);  // > 2,331 bytes at level M
  EXPECT_NO_THROW(qr_svg(std::string(2331, 'x'), "QR"));
  EXPECT_THROW(qr_svg("a", "QR", 0), std::invalid_argument);
}

// A real decode: the SVG rendered to PNG by librsvg and read by ZBar gives the
// text back (librsvg2-bin and zbar-tools; skipped when they are not installed).
TEST(QrSvg, DecodesBackToTheText) {
  if (!have("rsvg-convert") || !have("zbarimg")) GTEST_SKIP() << "rsvg-convert or zbarimg is not installed";
  const fs::path svg = temp_file("decode.svg");
  const fs::path png = temp_file("decode.png");
  std::ofstream(svg) << qr_svg(kUri, "QR", 400);
  ASSERT_EQ(std::system(("rsvg-convert -o " + png.string() + " " + svg.string() + " 2>/dev/null").c_str()), 0);
  FILE* pipe = ::popen(("zbarimg --quiet --raw " + png.string() + " 2>/dev/null").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  EXPECT_EQ(::pclose(pipe), 0);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  EXPECT_EQ(out, kUri);
  fs::remove(svg);
  fs::remove(png);
}

}  // namespace
}  // namespace relais::security
