// For tests and samples only: a small territory report (four communes of the
// Rhône, one place, a proposal), shared by territory_test.cpp and samples.cpp.
#pragma once

#include <memory>

#include "catalog/catalog.h"
#include "catalog/testing.h"
#include "report/territory_report.h"

namespace relais::pages::samples {

struct TerritorySample {
  std::unique_ptr<catalog::Catalog> catalog;
  std::map<std::string, double> index;
  report::TerritoryReport report;
};

inline territory::Commune sample_commune(std::string code, std::string nom, double lat, double lon,
                                         std::int64_t population) {
  return {.code_insee = std::move(code), .nom = std::move(nom), .code_departement = "69", .code_region = "84",
          .code_epci = std::nullopt, .population = population, .position = Coordinates{lat, lon},
          .codes_postaux = {"69999"}, .commune_parente = std::nullopt, .autres_noms = {}, .anciens_codes = {}};
}

inline std::unique_ptr<TerritorySample> territory_sample() {
  using namespace std::chrono;
  namespace t = catalog::testing;
  auto sample = std::make_unique<TerritorySample>();
  auto france_services = t::place("fs", "France Services Villeurbanne", 45.771, 4.881, "69266");
  france_services.dispositif_programmes_nationaux = {Dispositif::FranceServices};
  france_services.horaires = "Mo-Fr 09:00-12:00";
  std::vector<store::StoredPlace> stored{{"A", france_services}};
  sample->catalog = std::make_unique<catalog::Catalog>(
      stored, std::span<const store::DuplicateMember>{},
      std::vector<territory::Commune>{t::villeurbanne(), sample_commune("69901", "Saint-Est <A>", 45.76, 5.34, 1000),
                                      sample_commune("69902", "Est-B", 45.76, 5.40, 3000),
                                      sample_commune("69903", "Nord", 46.30, 4.60, 500)},
      catalog::LoadOptions{.today = 2026y / 11 / 24});
  sample->index = {{"69266", 5.0}, {"69901", 8.0}, {"69902", 7.5}};
  report::ReportInputs in;
  in.catalog = sample->catalog.get();
  in.territory = {territory::TerritoryLevel::Departement, "69"};
  in.title = "Rhône (département 69)";
  in.index_label = "IFN 2023 officiel";
  in.index = &sample->index;
  in.offer.week = sys_days{2026y / 11 / 30};
  in.planning = {.service = Service::AideDemarchesAdministratives, .radius_km = 10, .k = 2};
  in.today = sys_days{2026y / 12 / 1};
  in.sources = {{"Indice de fragilité numérique", "La MedNum, export 2023", "2023-08"},
                {"Lieux de médiation numérique", "Hinaura — source.json", ""}};
  sample->report = report::build_territory_report(std::move(in));
  return sample;
}

}  // namespace relais::pages::samples
