// The 32 fields of schema v1.0.2, in schema (and CSV column) order.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace relais {

enum class Field : std::uint8_t {
  id, pivot, nom, commune, code_postal, code_insee, adresse, complement_adresse,
  latitude, longitude, typologie, telephone, courriels, site_web, horaires,
  presentation_resume, presentation_detail, source, itinerance, structure_parente,
  date_maj, services, publics_specifiquement_adresses, prise_en_charge_specifique,
  frais_a_charge, dispositif_programmes_nationaux, formations_labels,
  autres_formations_labels, modalites_acces, modalites_accompagnement,
  fiche_acces_libre, prise_rdv,
};

inline constexpr std::size_t kFieldCount = 32;

// Column names of v1.0.2, indexed by Field.
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames{
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "typologie", "telephone",
    "courriels", "site_web", "horaires", "presentation_resume", "presentation_detail",
    "source", "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels",
    "modalites_acces", "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
};

constexpr std::string_view field_name(Field f) { return kFieldNames[static_cast<std::size_t>(f)]; }

constexpr std::optional<Field> field_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (kFieldNames[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

// Fields the schema marks `required: true`.
constexpr bool is_required(Field f) {
  switch (f) {
    case Field::id: case Field::pivot: case Field::nom: case Field::commune:
    case Field::code_postal: case Field::adresse: case Field::date_maj:
      return true;
    default:
      return false;
  }
}

}  // namespace relais
