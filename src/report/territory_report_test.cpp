#include "report/territory_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/testing.h"
#include "report/charts.h"
#include "report/geojson.h"

namespace relais::report {
namespace {

using namespace std::chrono;
namespace t = catalog::testing;

territory::Commune commune(std::string code, std::string nom, double lat, double lon, std::int64_t population) {
  return {.code_insee = std::move(code), .nom = std::move(nom), .code_departement = "69", .code_region = "84",
          .code_epci = std::nullopt, .population = population, .position = Coordinates{lat, lon},
          .codes_postaux = {"69999"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

class TerritoryReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto france_services = t::place("fs", "France Services Villeurbanne", 45.771, 4.881, "69266");
    france_services.dispositif_programmes_nationaux = {Dispositif::FranceServices};
    france_services.horaires = "Mo-Fr 09:00-12:00";
    std::vector<store::StoredPlace> stored{{"A", france_services}};
    // Two villages 40 km east, 5 km apart, out of reach of the Villeurbanne place; one far north.
    catalog_ = std::make_unique<catalog::Catalog>(
        stored, std::span<const store::DuplicateMember>{},
        std::vector<territory::Commune>{t::villeurbanne(), commune("69901", "Est-A", 45.76, 5.34, 1000),
                                        commune("69902", "Est-B", 45.76, 5.40, 3000),
                                        commune("69903", "Nord", 46.30, 4.60, 500)},
        catalog::LoadOptions{.today = 2026y / 11 / 24});
    index_ = {{"69266", 5.0}, {"69901", 8.0}, {"69902", 7.5}};  // Nord has no index
  }

  ReportInputs inputs() {
    ReportInputs in;
    in.catalog = catalog_.get();
    in.territory = {territory::TerritoryLevel::Departement, "69"};
    in.title = "Rhône (département 69)";
    in.index = &index_;
    in.offer.week = sys_days{2026y / 11 / 30};
    in.planning = {.service = Service::AideDemarchesAdministratives, .radius_km = 10, .k = 1};
    in.today = sys_days{2026y / 12 / 1};
    in.contours = contours_;
    in.outlines = outlines_;
    return in;
  }

  std::vector<maps::Contour> contours_{
      {.level = "commune", .code = "69901", .name = "Est-A",
       .polygons = {{{{45.75, 5.33}, {45.77, 5.33}, {45.77, 5.35}, {45.75, 5.33}}}}},
      {.level = "commune", .code = "13055", .name = "Marseille", .polygons = {}}};
  std::vector<maps::Contour> outlines_{{.level = "departement", .code = "69", .name = "Rhône", .polygons = {}},
                                       {.level = "departement", .code = "01", .name = "Ain", .polygons = {}},
                                       {.level = "region", .code = "84", .name = "Auvergne-Rhône-Alpes", .polygons = {}}};

  std::unique_ptr<catalog::Catalog> catalog_;
  std::map<std::string, double> index_;
};

TEST_F(TerritoryReportTest, OfferRankingAndProposal) {
  const auto report = build_territory_report(inputs());
  ASSERT_EQ(report.offer.communes.size(), 4u);
  EXPECT_EQ(report.offer.summary.population, 150000 + 1000 + 3000 + 500);
  ASSERT_TRUE(report.territory_index);
  EXPECT_DOUBLE_EQ(*report.territory_index, (150000 * 5.0 + 1000 * 8.0 + 3000 * 7.5) / 154000)
      << "population-weighted, Nord (no index) left out";
  // Ranked: the two fragile villages without help first (3000 × 7.5 > 1000 × 8).
  ASSERT_GE(report.ranked.size(), 2u);
  EXPECT_EQ(report.ranked[0]->commune->code_insee, "69902");
  EXPECT_EQ(report.ranked[1]->commune->code_insee, "69901");
  // One site within 10 km of both villages covers both: their 4,000 people.
  const auto& p = report.proposal;
  EXPECT_EQ(p.demand_communes, 2u) << "Nord has no index: counted, not guessed";
  EXPECT_EQ(p.communes_without_index, 1u);
  ASSERT_EQ(p.sites.size(), 1u);
  EXPECT_EQ(p.population_newly_within_reach, 4000);
  EXPECT_EQ(p.sites[0].newly_covered.size(), 2u);
  EXPECT_DOUBLE_EQ(p.covered_weight, 1000 * 8.0 + 3000 * 7.5);
  EXPECT_DOUBLE_EQ(p.total_weight, p.covered_weight);
  EXPECT_GE(p.upper_bound, p.covered_weight - 1e-9);
  // Contours outside the territory dropped; the place is drawn.
  ASSERT_EQ(report.contours.size(), 1u);
  EXPECT_EQ(report.contours[0].code, "69901");
  EXPECT_EQ(report.places.size(), 1u);
  ASSERT_EQ(report.outlines.size(), 1u) << "only the territory's own border";
  EXPECT_EQ(report.outlines[0].code, "69");
  EXPECT_EQ(report.find("69902")->commune->nom, "Est-B");
  EXPECT_EQ(report.find("69000"), nullptr);
}

TEST_F(TerritoryReportTest, NoCommuneInTheTerritoryIsAnError) {
  auto in = inputs();
  in.territory = {territory::TerritoryLevel::Departement, "2A"};
  EXPECT_THROW(build_territory_report(std::move(in)), std::invalid_argument);
}

TEST_F(TerritoryReportTest, GeoJsonLayersAndMissingValues) {
  const auto report = build_territory_report(inputs());
  std::ostringstream out;
  write_geojson(out, report, *catalog_);
  const auto json = nlohmann::json::parse(out.str());
  ASSERT_EQ(json["type"], "FeatureCollection");
  std::map<std::string, int> layers;
  for (const auto& f : json["features"]) {
    layers[f["properties"]["couche"]]++;
    const auto& props = f["properties"];
    if (props["couche"] == "commune" && props["code_insee"] == "69901") {
      EXPECT_EQ(f["geometry"]["type"], "MultiPolygon") << "the imported contour";
      EXPECT_EQ(props["indice"], 8.0);
    }
    if (props["couche"] == "commune" && props["code_insee"] == "69903") {
      EXPECT_EQ(f["geometry"]["type"], "Point") << "no contour: the commune's point";
      EXPECT_TRUE(props["indice"].is_null()) << "missing stays missing, never 0";
      EXPECT_EQ(props["couleur"], "#bdbdbd");
    }
    if (props["couche"] == "proposition") {
      EXPECT_EQ(props["rang"], 1);
      EXPECT_EQ(props["population_nouvellement_couverte"], 4000);
    }
  }
  EXPECT_EQ(layers["commune"], 4);
  EXPECT_EQ(layers["lieu"], 1);
  EXPECT_EQ(layers["proposition"], 1);
}

TEST_F(TerritoryReportTest, HistogramCountsEveryCommuneOnce) {
  const auto report = build_territory_report(inputs());
  const auto svg = index_histogram_svg(report);
  // Bands 5–6 (Villeurbanne), 7–8 (Est-B), 8–9 (Est-A), and one without index.
  EXPECT_NE(svg.find("5–6 : 1"), std::string::npos) << svg;
  EXPECT_NE(svg.find("7–8 : 1"), std::string::npos);
  EXPECT_NE(svg.find("8–9 : 1"), std::string::npos);
  EXPECT_NE(svg.find("sans indice : 1."), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
}

}  // namespace
}  // namespace relais::report
