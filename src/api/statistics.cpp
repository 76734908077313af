#include "api/statistics.h"

#include <map>

namespace relais::api {
namespace {

template <typename E>
nlohmann::json zero_counts() {
  nlohmann::json out = nlohmann::json::object();
  for (auto label : labels<E>()) out[std::string(label)] = 0;
  return out;
}

template <typename E>
void count(nlohmann::json& counts, const std::vector<E>& values) {
  for (auto value : values) {
    auto& slot = counts[std::string(label(value))];
    slot = slot.get<std::int64_t>() + 1;
  }
}

}  // namespace

nlohmann::json statistics(const Dataset& dataset, const geo::TerritoryFilter& territory,
                          std::chrono::sys_seconds now) {
  const auto& catalog = dataset.catalog();
  std::vector<std::uint32_t> selected;
  if (territory.empty()) {
    for (std::uint32_t i = 0; i < catalog.places().size(); ++i) selected.push_back(i);
  } else {
    geo::Query query;
    query.territory = territory;
    query.limit = catalog.places().size() + 1;
    for (const auto& hit : catalog.search(std::move(query)).hits) selected.push_back(hit.place);
  }
  nlohmann::json services = zero_counts<Service>(), dispositifs = zero_counts<Dispositif>(),
                 frais = zero_counts<Frais>(), acces = zero_counts<ModaliteAcces>(),
                 accompagnement = zero_counts<ModaliteAccompagnement>(), publics = zero_counts<Public>();
  std::map<std::string, std::int64_t> by_departement;
  std::int64_t open_now = 0, with_hours = 0, booking = 0, located = 0;
  for (auto i : selected) {
    const Place& place = catalog.places()[i];
    const auto& extras = catalog.extras(i);
    count(services, place.services);
    count(dispositifs, place.dispositif_programmes_nationaux);
    count(frais, place.frais_a_charge);
    count(acces, place.modalites_acces);
    count(accompagnement, place.modalites_accompagnement);
    count(publics, place.publics_specifiquement_adresses);
    if (extras.schedule) {
      ++with_hours;
      if (extras.schedule->is_open(now)) ++open_now;
    }
    bool online = place.prise_rdv.has_value();
    for (auto mode : place.modalites_acces) online = online || mode == ModaliteAcces::PrendreRdvEnLigne;
    if (online) ++booking;
    if (place.coordinates) ++located;
    by_departement[extras.departement.value_or("inconnu")]++;
  }
  return {{"total", selected.size()},
          {"ouverts_maintenant", open_now},
          {"avec_horaires", with_hours},
          {"avec_prise_rdv", booking},
          {"avec_coordonnees", located},
          {"par_service", std::move(services)},
          {"par_dispositif", std::move(dispositifs)},
          {"par_frais", std::move(frais)},
          {"par_modalite_acces", std::move(acces)},
          {"par_modalite_accompagnement", std::move(accompagnement)},
          {"par_public", std::move(publics)},
          {"par_departement", by_departement}};
}

}  // namespace relais::api
