#include "maps/svg.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>

#include "maps/palette.h"

namespace relais::maps {
namespace {

Contour square(std::string code, std::string name, double lat, double lon, double size = 0.1) {
  return {kCommune, std::move(code), std::move(name),
          {{{{lat, lon}, {lat, lon + size}, {lat + size, lon + size}, {lat + size, lon}, {lat, lon}}}}};
}

// Checks that tags nest and close (enough to catch a broken writer; xmllint
// below does the full check when installed).
bool tags_balanced(const std::string& xml) {
  std::vector<std::string> open;
  for (std::size_t i = xml.find('<'); i != std::string::npos; i = xml.find('<', i + 1)) {
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.empty()) return false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
  }
  return open.empty();
}

TEST(Projection, FitsTheBoxWidthAndKeepsShapes) {
  // 1° of longitude at 45° is cos(45°) of a degree of latitude.
  const auto p = Projection::fit(45, 46, 4, 5, 800, 2000, 10);
  const auto nw = p({46, 4}), se = p({45, 5});
  EXPECT_NEAR(nw.x, 10, 1e-9);
  EXPECT_NEAR(nw.y, 10, 1e-9);
  EXPECT_NEAR(se.x, 790, 1e-9);
  const double ratio = (se.y - nw.y) / (se.x - nw.x);
  EXPECT_NEAR(ratio, 1 / std::cos(45.5 * M_PI / 180), 1e-9);
  EXPECT_NEAR(p.height(), se.y + 10, 1e-9);
  EXPECT_NEAR(p.pixels_per_km(), (se.y - nw.y) / 111.32, 1e-9);

  // A tall territory is narrowed to the maximum height and centred.
  const auto tall = Projection::fit(40, 50, 4, 4.5, 800, 500, 10);
  EXPECT_NEAR(tall.height(), 500, 1e-9);
  const auto left = tall({45, 4}), right = tall({45, 4.5});
  EXPECT_GT(left.x, 10);
  EXPECT_NEAR(left.x + right.x, 800, 1e-9);
}

TEST(Svg, ChoroplethWithTitlesLegendAndMarkers) {
  std::vector<Contour> contours{square("00001", "Alpha & Cie <1>", 45, 4), square("00002", "Beta", 45, 4.1)};
  std::map<std::string, double> values{{"00001", 6.2}};
  std::vector<Marker> markers{{{45.05, 4.05}, "Médiathèque", MarkerKind::Place, 0},
                              {{45.05, 4.15}, "Site proposé 1", MarkerKind::Proposed, 5}};
  SvgOptions options;
  options.title = "Indice de fragilité numérique — test";
  const std::string svg = choropleth_svg(contours, values, markers, options);

  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"carte-titre\">Indice de fragilité numérique — test</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"carte-desc\">"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"" + ifn_colour(6.2) + "\"><title>Alpha &amp; Cie &lt;1&gt; (00001) : 6,2/10</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("fill=\"url(#carte-manquant)\"><title>Beta (00002) : donnée manquante</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("stroke=\"#fff\" stroke-width=\".5\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Médiathèque</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>Site proposé 1</title>"), std::string::npos);
  EXPECT_NE(svg.find(">donnée manquante</text>"), std::string::npos) << "legend";
  EXPECT_NE(svg.find(">lieu d'aide existant</text>"), std::string::npos);
  EXPECT_NE(svg.find(">site proposé</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos) << "no external resource";
  EXPECT_TRUE(tags_balanced(svg));

  // The reach circle is drawn to scale: 5 km.
  const auto p = fit_contours(contours, {}, 800, options.max_map_height, options.margin);
  char radius[64];
  std::snprintf(radius, sizeof radius, "r=\"%.1f\"", std::round(5 * p.pixels_per_km() * 10) / 10);
  EXPECT_NE(svg.find(radius), std::string::npos) << radius;

  // Every path coordinate is inside the drawing (absolute moves checked).
  const std::regex move("M(-?[0-9.]+) (-?[0-9.]+)l");
  std::size_t moves = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), move); it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    EXPECT_GE(x, 0);
    EXPECT_LE(x, 800);
    EXPECT_GE(y, 0);
    EXPECT_LE(y, p.height());
    ++moves;
  }
  EXPECT_EQ(moves, 2u);

  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    const auto file = std::filesystem::temp_directory_path() / "relais_maps_svg_test.svg";
    std::ofstream(file) << svg;
    EXPECT_EQ(std::system(("xmllint --noout " + file.string()).c_str()), 0);
    std::filesystem::remove(file);
  }
}

TEST(Svg, OutlinesNoMarkersAndNanIsMissing) {
  std::vector<Contour> contours{square("00001", "Alpha", 45, 4)};
  std::vector<Contour> outline{{kDepartement, "01", "Ain", contours[0].polygons}};
  SvgOptions options;
  options.outlines = outline;
  options.id_prefix = "c2";
  const std::string svg =
      choropleth_svg(contours, {{"00001", std::numeric_limits<double>::quiet_NaN()}}, {}, options);
  EXPECT_NE(svg.find("<title>Ain</title>"), std::string::npos);
  EXPECT_NE(svg.find("url(#c2-manquant)"), std::string::npos);
  EXPECT_EQ(svg.find("lieu d'aide"), std::string::npos) << "no marker, no marker legend";
  EXPECT_TRUE(tags_balanced(svg));
}

TEST(Svg, FrenchDecimal) {
  EXPECT_EQ(french_decimal(6.25), "6,2");  // printf rounding of the binary value
  EXPECT_EQ(french_decimal(10), "10,0");
  EXPECT_EQ(french_decimal(0.04), "0,0");
}

}  // namespace
}  // namespace relais::maps
