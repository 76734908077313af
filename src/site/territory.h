// The territory pages of the site (issue 4, "In the web app"):
//   GET /territoire                          choose a département or a région
//   GET /territoire?departement=69           redirects to /territoire/departement/69
//   GET /territoire/{niveau}/{code}          the diagnosis page (DSFR), niveau =
//                                            departement, region or epci
//   GET /territoire/{niveau}/{code}/rapport.html      the printable report
//   GET /territoire/{niveau}/{code}/communes.csv      the per-commune table
//   GET /territoire/{niveau}/{code}/communes.geojson  communes, places, proposal
//   GET /territoire/territoire.css, /territoire/rapport.css  their stylesheets
// The page, the report and the downloads are the CLI's (`relais diagnose
// --sortie`), from the same report::TerritoryReport.
//
// A report costs an offer computation and a planning heuristic (tens of ms
// for a département, up to seconds for a large région), so reports are
// cached per catalogue and territory (a small LRU); a new catalogue or new
// diagnosis data (indicators, contours) starts a new cache.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "api/dataset.h"
#include "pages/render.h"
#include "report/diagnosis_data.h"
#include "site/handler.h"

namespace relais::site {

bool is_territory_path(std::string_view path);

class TerritoryPages {
 public:
  explicit TerritoryPages(std::size_t cache_capacity = 16) : capacity_(cache_capacity) {}

  // `diagnosis` null: no index or contours loaded (the page still shows the
  // offer). Never throws except bad_alloc.
  Response handle(const Request& request, const std::shared_ptr<const api::Dataset>& dataset,
                  const std::shared_ptr<const report::DiagnosisData>& diagnosis, const pages::Site& site);

  struct Entry;

 private:
  std::shared_ptr<const Entry> entry_for(const std::shared_ptr<const api::Dataset>& dataset,
                                         const std::shared_ptr<const report::DiagnosisData>& diagnosis,
                                         const territory::Territory& territory, const pages::Site& site,
                                         std::chrono::sys_seconds now);

  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::shared_ptr<const Entry>> cache_;  // most recently used first
};

}  // namespace relais::site
