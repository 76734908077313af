// The search as it lives in the URL of the public pages: every filter of the
// results page is a GET parameter, so a search can be shared, bookmarked and
// printed. Parameter names and values are those of the JSON API
// (api/places_query.h: the standard's labels, several values by repeating
// the parameter), plus `ou` (the place typed by the person) and `page`.
//
//   /recherche?ou=Villeurbanne&services=Aide+aux+d%C3%A9marches+administratives
//             &frais=Gratuit&open_now=true&radius=5km&page=2
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "geo/query.h"

namespace relais::pages {

struct SearchFilters {
  std::string where;  // `ou`: commune, postcode or address as typed
  std::vector<Service> services;
  std::vector<Public> publics;
  std::vector<PriseEnCharge> prises_en_charge;
  std::vector<Frais> frais;
  std::vector<ModaliteAcces> modalites_acces;
  std::vector<ModaliteAccompagnement> modalites_accompagnement;
  std::vector<Dispositif> dispositifs;
  std::vector<FormationLabel> labels;
  bool open_now = false;
  bool weekend = false;
  bool online_booking = false;      // `prise_rdv=true`
  std::optional<int> radius_km;     // `radius=5km`
};

// Radius choices offered by the form (km).
inline constexpr int kRadiusChoicesKm[] = {2, 5, 10, 20, 50};

// The filters a geo::Query carries (enumerations, open now, weekend, online
// booking, radius rounded to whole km); `where` is left empty.
SearchFilters filters_from_query(const geo::Query& query);

// Query string (without '?') of the filters and a page (page 1 is omitted),
// application/x-www-form-urlencoded, parameters in a fixed order.
std::string query_string(const SearchFilters& filters, std::size_t page = 1);

// "/recherche?..." for the filters and a page.
std::string search_url(const SearchFilters& filters, std::size_t page = 1);

// "/lieux/{id}" with the id percent-encoded as one path segment.
std::string place_path(std::string_view id);

// Percent-encoding: form encoding (space -> '+') for query values; path
// segment encoding (space -> %20, ':' kept) for ids.
std::string form_encode(std::string_view text);
std::string path_segment_encode(std::string_view text);

// Number of active filters, `where` not counted.
std::size_t active_filter_count(const SearchFilters& filters);

}  // namespace relais::pages
