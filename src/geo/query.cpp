#include "geo/query.h"

#include <algorithm>

namespace relais::geo {

namespace {
template <typename E>
bool add_label(std::vector<E>& values, std::string_view label) {
  const auto value = from_label<E>(label);
  if (!value) return false;
  if (std::find(values.begin(), values.end(), *value) == values.end()) values.push_back(*value);
  return true;
}
}  // namespace

bool Query::add_filter(std::string_view field, std::string_view label) {
  if (field == "services") return add_label(services, label);
  if (field == "publics_specifiquement_adresses") return add_label(publics, label);
  if (field == "prise_en_charge_specifique") return add_label(prises_en_charge, label);
  if (field == "frais_a_charge") return add_label(frais, label);
  if (field == "modalites_acces") return add_label(modalites_acces, label);
  if (field == "modalites_accompagnement") return add_label(modalites_accompagnement, label);
  if (field == "dispositif_programmes_nationaux") return add_label(dispositifs, label);
  if (field == "formations_labels") return add_label(formations_labels, label);
  if (field == "itinerance") return add_label(itinerance, label);
  return false;
}

}  // namespace relais::geo
