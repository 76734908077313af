// The real contour files of ../shared/data/contours on today's communes
// (npm @etalab/decoupage-administratif in node_modules): import time, what
// is left without contour, and the size of a département's map.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "maps/contour_import.h"
#include "maps/encoding.h"
#include "maps/svg.h"
#include "territory/loader.h"

namespace relais::maps {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RealData, CommunesOfTodayAndDepartementMaps) {
  const fs::path contours = fs::path(RELAIS_SHARED_DATA_DIR) / "contours";
  const fs::path communes_file = contours / "communes_2018_gregoiredavid_merged-from-departements.geojson";
  const fs::path decoupage = fs::path(RELAIS_SOURCE_DIR) / "node_modules/@etalab/decoupage-administratif/data";
  if (!fs::exists(communes_file) || !fs::exists(decoupage)) GTEST_SKIP() << "no shared data or npm packages";
  const territory::CommuneIndex index(territory::load_decoupage(decoupage));

  const std::string text = read_file(communes_file);
  const auto start = std::chrono::steady_clock::now();
  auto imported = import_contours(text, communes_file.filename().string(), index, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(imported.level, kCommune);
  EXPECT_EQ(imported.features, 35357u);
  EXPECT_GT(imported.contours.size(), 34800u);
  EXPECT_LT(imported.territories_without_contour, 150u) << "overseas collectivities and re-created communes";
  EXPECT_LT(seconds, 10.0);
  std::size_t bytes = 0;
  for (const auto& c : imported.contours) bytes += encode_geometry(c.polygons).size();
  std::cout << "communes: " << imported.contours.size() << " contours, " << imported.points_kept << " of "
            << imported.points_read << " points, " << bytes << " bytes encoded, " << seconds << " s\n";

  auto departements = import_contours(read_file(contours / "departements_avec-outre-mer_2018_gregoiredavid.geojson"),
                                      "departements.geojson", index, {});
  for (const std::string dep : {"69", "09"}) {
    std::vector<Contour> of_dep;
    std::map<std::string, double> values;
    for (const auto& c : imported.contours) {
      if (index.departement_of(c.code) != dep) continue;
      of_dep.push_back(c);
      // Values spread over 0–10 from the code, to colour every commune: the
      // size of the map does not depend on them.
      values[c.code] = (std::stoi(c.code.substr(2)) % 101) / 10.0;
    }
    std::vector<Contour> outline;
    for (const auto& d : departements.contours)
      if (d.code == dep) outline.push_back(d);
    ASSERT_EQ(outline.size(), 1u);
    SvgOptions options;
    options.title = "Carte " + dep;
    options.outlines = outline;
    const std::string svg = choropleth_svg(of_dep, values, {}, options);
    std::cout << "département " << dep << ": " << of_dep.size() << " communes, SVG " << svg.size() << " bytes\n";
    EXPECT_GT(of_dep.size(), 200u);
    EXPECT_LT(svg.size(), 800'000u);
    const fs::path out = fs::temp_directory_path() / ("relais_maps_" + dep + ".svg");
    std::ofstream(out) << svg;
    if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
      EXPECT_EQ(std::system(("xmllint --noout " + out.string()).c_str()), 0);
    }

    // With markers: a place at the mean point of every tenth commune, a
    // proposed site with its 10 km reach at the first commune's.
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < of_dep.size(); i += 10) {
      Coordinates mean{0, 0};
      const auto& ring = of_dep[i].polygons.front().front();
      for (const auto& p : ring) {
        mean.latitude += p.latitude / static_cast<double>(ring.size());
        mean.longitude += p.longitude / static_cast<double>(ring.size());
      }
      markers.push_back({mean, of_dep[i].name, i == 0 ? MarkerKind::Proposed : MarkerKind::Place, i == 0 ? 10.0 : 0});
    }
    const std::string with_markers = choropleth_svg(of_dep, values, markers, options);
    std::cout << "département " << dep << " with " << markers.size() << " markers: SVG " << with_markers.size()
              << " bytes\n";
    const fs::path marked = fs::temp_directory_path() / ("relais_maps_" + dep + "_markers.svg");
    std::ofstream(marked) << with_markers;
    if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
      EXPECT_EQ(std::system(("xmllint --noout " + marked.string()).c_str()), 0);
    }
  }
}

}  // namespace
}  // namespace relais::maps
