#include "store/place_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/field.h"

namespace relais::store {
namespace {

using nlohmann::json;

std::string name(Field f) { return std::string(field_name(f)); }

void put(json& j, Field f, const std::string& value) { j[name(f)] = value; }
void put(json& j, Field f, const std::optional<std::string>& value) {
  if (value) j[name(f)] = *value;
}
void put(json& j, Field f, const std::vector<std::string>& values) {
  if (!values.empty()) j[name(f)] = values;
}
template <typename E>
void put_enums(json& j, Field f, const std::vector<E>& values) {
  if (values.empty()) return;
  json array = json::array();
  for (E v : values) array.push_back(std::string(label(v)));
  j[name(f)] = std::move(array);
}

const json* member(const json& j, Field f) {
  auto it = j.find(name(f));
  return it == j.end() ? nullptr : &*it;
}
std::string get_string(const json& j, Field f) {
  const json* v = member(j, f);
  return v ? v->get<std::string>() : std::string{};
}
std::optional<std::string> get_optional(const json& j, Field f) {
  const json* v = member(j, f);
  if (!v) return std::nullopt;
  return v->get<std::string>();
}
std::vector<std::string> get_strings(const json& j, Field f) {
  const json* v = member(j, f);
  return v ? v->get<std::vector<std::string>>() : std::vector<std::string>{};
}
template <typename E>
std::vector<E> get_enums(const json& j, Field f) {
  std::vector<E> out;
  for (const auto& text : get_strings(j, f)) {
    auto e = from_label<E>(text);
    if (!e) throw std::invalid_argument("stored place: unknown label '" + text + "' in " + name(f));
    out.push_back(*e);
  }
  return out;
}

std::string format_date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::chrono::year_month_day parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    throw std::invalid_argument("stored place: bad date_maj '" + text + "'");
  }
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) throw std::invalid_argument("stored place: bad date_maj '" + text + "'");
  return date;
}

}  // namespace

std::string place_to_json(const Place& p) {
  json j = json::object();
  put(j, Field::id, p.id);
  put(j, Field::pivot, p.pivot);
  put(j, Field::nom, p.nom);
  put(j, Field::commune, p.commune);
  put(j, Field::code_postal, p.code_postal);
  put(j, Field::code_insee, p.code_insee);
  put(j, Field::adresse, p.adresse);
  put(j, Field::complement_adresse, p.complement_adresse);
  if (p.coordinates) {
    j[name(Field::latitude)] = p.coordinates->latitude;
    j[name(Field::longitude)] = p.coordinates->longitude;
  }
  put_enums(j, Field::typologie, p.typologie);
  put(j, Field::telephone, p.telephone);
  put(j, Field::courriels, p.courriels);
  put(j, Field::site_web, p.site_web);
  put(j, Field::horaires, p.horaires);
  put(j, Field::presentation_resume, p.presentation_resume);
  put(j, Field::presentation_detail, p.presentation_detail);
  put(j, Field::source, p.source);
  put_enums(j, Field::itinerance, p.itinerance);
  put(j, Field::structure_parente, p.structure_parente);
  j[name(Field::date_maj)] = format_date(p.date_maj);
  put_enums(j, Field::services, p.services);
  put_enums(j, Field::publics_specifiquement_adresses, p.publics_specifiquement_adresses);
  put_enums(j, Field::prise_en_charge_specifique, p.prise_en_charge_specifique);
  put_enums(j, Field::frais_a_charge, p.frais_a_charge);
  put_enums(j, Field::dispositif_programmes_nationaux, p.dispositif_programmes_nationaux);
  put_enums(j, Field::formations_labels, p.formations_labels);
  put(j, Field::autres_formations_labels, p.autres_formations_labels);
  put_enums(j, Field::modalites_acces, p.modalites_acces);
  put_enums(j, Field::modalites_accompagnement, p.modalites_accompagnement);
  put(j, Field::fiche_acces_libre, p.fiche_acces_libre);
  put(j, Field::prise_rdv, p.prise_rdv);
  try {
    // strict error handler: invalid UTF-8 is an error, never silently replaced.
    return j.dump();
  } catch (const json::type_error& e) {
    throw std::invalid_argument("place '" + p.id + "' cannot be stored: " + e.what());
  }
}

Place place_from_json(std::string_view text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for huge numbers
    throw std::invalid_argument(std::string("stored place: not JSON: ") + e.what());
  }
  if (!j.is_object()) throw std::invalid_argument("stored place: not a JSON object");
  try {
    Place p;
    p.id = get_string(j, Field::id);
    p.pivot = get_string(j, Field::pivot);
    p.nom = get_string(j, Field::nom);
    p.commune = get_string(j, Field::commune);
    p.code_postal = get_string(j, Field::code_postal);
    p.code_insee = get_optional(j, Field::code_insee);
    p.adresse = get_string(j, Field::adresse);
    p.complement_adresse = get_optional(j, Field::complement_adresse);
    const json* lat = member(j, Field::latitude);
    const json* lon = member(j, Field::longitude);
    if (lat && lon) p.coordinates = Coordinates{lat->get<double>(), lon->get<double>()};
    p.typologie = get_enums<Typologie>(j, Field::typologie);
    p.telephone = get_optional(j, Field::telephone);
    p.courriels = get_strings(j, Field::courriels);
    p.site_web = get_strings(j, Field::site_web);
    p.horaires = get_optional(j, Field::horaires);
    p.presentation_resume = get_optional(j, Field::presentation_resume);
    p.presentation_detail = get_optional(j, Field::presentation_detail);
    p.source = get_optional(j, Field::source);
    p.itinerance = get_enums<Itinerance>(j, Field::itinerance);
    p.structure_parente = get_optional(j, Field::structure_parente);
    p.date_maj = parse_date(get_string(j, Field::date_maj));
    p.services = get_enums<Service>(j, Field::services);
    p.publics_specifiquement_adresses = get_enums<Public>(j, Field::publics_specifiquement_adresses);
    p.prise_en_charge_specifique = get_enums<PriseEnCharge>(j, Field::prise_en_charge_specifique);
    p.frais_a_charge = get_enums<Frais>(j, Field::frais_a_charge);
    p.dispositif_programmes_nationaux = get_enums<Dispositif>(j, Field::dispositif_programmes_nationaux);
    p.formations_labels = get_enums<FormationLabel>(j, Field::formations_labels);
    p.autres_formations_labels = get_strings(j, Field::autres_formations_labels);
    p.modalites_acces = get_enums<ModaliteAcces>(j, Field::modalites_acces);
    p.modalites_accompagnement = get_enums<ModaliteAccompagnement>(j, Field::modalites_accompagnement);
    p.fiche_acces_libre = get_optional(j, Field::fiche_acces_libre);
    p.prise_rdv = get_optional(j, Field::prise_rdv);
    return p;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("stored place: wrong shape: ") + e.what());
  }
}

}  // namespace relais::store
