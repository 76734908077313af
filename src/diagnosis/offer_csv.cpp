#include "diagnosis/offer_csv.h"

#include <fmt/format.h>

#include "standard/writer.h"

namespace relais::diagnosis {

namespace {

std::string number(const std::optional<double>& value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : std::string();
}

}  // namespace

void write_offer_csv(std::ostream& out, const OfferReport& report) {
  std::vector<std::string> header{"code_insee", "commune", "population", "indice", "lieux", "france_services",
                                  "conseillers_numeriques", "aidants_connect", "distance_lieu_km"};
  for (std::size_t s = 0; s < kServices; ++s) {
    const std::string name(label(static_cast<Service>(s)));
    for (const char* suffix : {" : lieux", " : distance km", " : demi-journées", " : ouvert assez"}) {
      header.push_back(name + suffix);
    }
  }
  auto write_row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out << ',';
      out << standard::to_csv_cell(cells[i]);
    }
    out << "\r\n";
  };
  write_row(header);
  for (const auto& row : report.communes) {
    std::vector<std::string> cells{row.commune->code_insee,
                                   row.commune->nom,
                                   std::to_string(row.commune->population),
                                   number(row.index, 2),
                                   std::to_string(row.places),
                                   std::to_string(row.france_services),
                                   std::to_string(row.conseillers_numeriques),
                                   std::to_string(row.aidants_connect),
                                   number(row.nearest_place_km, 1)};
    for (std::size_t s = 0; s < kServices; ++s) {
      const ServiceAccess& a = row.access[s];
      cells.push_back(std::to_string(row.places_by_service[s]));
      cells.push_back(number(a.nearest_km, 1));
      cells.push_back(a.nearest_half_days ? std::to_string(*a.nearest_half_days) : std::string());
      cells.push_back(!a.nearest_km ? std::string() : a.open_enough ? "oui" : "non");
    }
    write_row(cells);
  }
}

}  // namespace relais::diagnosis
