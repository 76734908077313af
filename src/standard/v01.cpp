#include "standard/v01.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/enums.h"

namespace relais::standard {
namespace {

// v1 target of one v0.1 enumeration value: a field and a label, or nothing
// (dropped by design, reference §7).
struct Target {
  std::string_view field;  // "" = dropped by design
  std::string_view value;
};

struct Entry {
  std::string_view v01;
  Target target;
};

// §7.1: the 15 v0.1 services onto the 9 of v1.
const std::vector<Entry>& services_table() {
  static const std::vector<Entry> table{
      {"Devenir autonome dans les démarches administratives", {"services", label(Service::AideDemarchesAdministratives)}},
      {"Réaliser des démarches administratives avec un accompagnement", {"services", label(Service::AideDemarchesAdministratives)}},
      {"Accompagner les démarches de santé", {"services", label(Service::AideDemarchesAdministratives)}},
      {"Prendre en main un smartphone ou une tablette", {"services", label(Service::MaitriseOutilsNumeriques)}},
      {"Prendre en main un ordinateur", {"services", label(Service::MaitriseOutilsNumeriques)}},
      {"Utiliser le numérique au quotidien", {"services", label(Service::MaitriseOutilsNumeriques)}},
      {"Approfondir ma culture numérique", {"services", label(Service::ComprehensionMondeNumerique)}},
      {"Promouvoir la citoyenneté numérique", {"services", label(Service::ComprehensionMondeNumerique)}},
      {"Favoriser mon insertion professionnelle", {"services", label(Service::InsertionProfessionnelle)}},
      {"Créer et développer mon entreprise", {"services", label(Service::InsertionProfessionnelle)}},
      {"Accéder à une connexion internet", {"services", label(Service::AccesInternetMateriel)}},
      {"Accéder à du matériel", {"services", label(Service::AccesInternetMateriel)}},
      {"S'équiper en matériel informatique", {"services", label(Service::AcquisitionMaterielPrixSolidaire)}},
      {"Créer avec le numérique", {"services", label(Service::LoisirsCreations)}},
      {"Soutenir la parentalité et l'éducation avec le numérique", {"services", label(Service::ParentaliteEducation)}},
  };
  return table;
}

// §7.2: publics_accueillis splits into two v1 fields.
const std::vector<Entry>& publics_table() {
  static const std::vector<Entry> table{
      {"Seniors (+ 65 ans)", {"publics_specifiquement_adresses", label(Public::Seniors)}},
      {"Familles/enfants", {"publics_specifiquement_adresses", label(Public::FamillesEnfants)}},
      {"Jeunes (16-26 ans)", {"publics_specifiquement_adresses", label(Public::Jeunes)}},
      {"Uniquement femmes", {"publics_specifiquement_adresses", label(Public::Femmes)}},
      {"Adultes", {"", ""}},
      {"Public langues étrangères", {"prise_en_charge_specifique", label(PriseEnCharge::LanguesEtrangeresAutres)}},
      {"Déficience visuelle", {"prise_en_charge_specifique", label(PriseEnCharge::DeficienceVisuelle)}},
      {"Surdité", {"prise_en_charge_specifique", label(PriseEnCharge::Surdite)}},
      {"Handicaps mentaux : déficiences limitant les activités d'une personne", {"prise_en_charge_specifique", label(PriseEnCharge::HandicapsMentaux)}},
      {"Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales", {"", ""}},
      {"Personnes en situation d'illettrisme", {"prise_en_charge_specifique", label(PriseEnCharge::Illettrisme)}},
  };
  return table;
}

// §7.3.
const std::vector<Entry>& conditions_table() {
  static const std::vector<Entry> table{
      {"Gratuit : Je peux accéder gratuitement au lieu et à ses services", {"frais_a_charge", label(Frais::Gratuit)}},
      {"Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", {"frais_a_charge", label(Frais::GratuitSousCondition)}},
      {"Payant : L'accès au lieu et/ou à ses services est payant", {"frais_a_charge", label(Frais::Payant)}},
      {"Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", {"frais_a_charge", label(Frais::Payant)}},
      {"Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu", {"frais_a_charge", label(Frais::GratuitSousCondition)}},
  };
  return table;
}

// §7.4.
const std::vector<Entry>& labels_table() {
  static const std::vector<Entry> table{
      {"Aidants Connect", {"dispositif_programmes_nationaux", label(Dispositif::AidantsConnect)}},
      {"CNFS", {"dispositif_programmes_nationaux", label(Dispositif::ConseillersNumeriques)}},
      {"France Services", {"dispositif_programmes_nationaux", label(Dispositif::FranceServices)}},
      {"Grandes écoles du numérique", {"dispositif_programmes_nationaux", label(Dispositif::GrandeEcoleNumerique)}},
      {"Point numérique CAF", {"dispositif_programmes_nationaux", label(Dispositif::PointAccesNumeriqueCaf)}},
      {"Point relais CAF", {"dispositif_programmes_nationaux", label(Dispositif::PointAccesNumeriqueCaf)}},
      {"Fabriques de Territoire", {"formations_labels", label(FormationLabel::FabriquesDeTerritoire)}},
      {"APTIC", {"", ""}},
      {"Campus connecté", {"", ""}},
      {"French Tech", {"", ""}},
      {"Relais pôle emploi", {"", ""}},
  };
  return table;
}

// §7.5.
const std::vector<Entry>& accompagnement_table() {
  static const std::vector<Entry> table{
      {"Seul : j'ai accès à du matériel et une connexion", {"modalites_accompagnement", label(ModaliteAccompagnement::EnAutonomie)}},
      {"Avec de l'aide : je suis accompagné seul dans l'usage du numérique", {"modalites_accompagnement", label(ModaliteAccompagnement::AccompagnementIndividuel)}},
      {"A ma place : une personne habilitée fait les démarches à ma place", {"modalites_accompagnement", label(ModaliteAccompagnement::AccompagnementIndividuel)}},
      {"Dans un atelier : j'apprends collectivement à utiliser le numérique", {"modalites_accompagnement", label(ModaliteAccompagnement::AtelierCollectif)}},
  };
  return table;
}

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Items of a list cell, trimmed, empty items skipped.
std::vector<std::string_view> split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) items.push_back(item);
    start = end + 1;
  }
  return items;
}

// Part before " : " of a long label ("Gratuit : Je peux…" -> "Gratuit").
std::string_view short_label(std::string_view text) {
  auto colon = text.find(" : ");
  return colon == std::string_view::npos ? text : text.substr(0, colon);
}

// Exact label first; then the short label before " : ", which is what tells
// the long labels apart (producers shortened or re-worded the explanations).
const Entry* lookup(const std::vector<Entry>& table, std::string_view value) {
  for (const auto& entry : table)
    if (entry.v01 == value) return &entry;
  auto value_short = short_label(value);
  if (value_short.size() == value.size()) return nullptr;
  for (const auto& entry : table) {
    auto entry_short = short_label(entry.v01);
    if (entry_short.size() != entry.v01.size() && entry_short == value_short) return &entry;
  }
  return nullptr;
}

// v1 fields being built, in the order they first receive a value.
class Output {
 public:
  void add_item(std::string_view field, std::string_view value) {
    auto& items = slot(field);
    if (std::find(items.begin(), items.end(), value) == items.end()) items.emplace_back(value);
  }
  void set(std::string_view field, std::string value) {
    auto& items = slot(field);
    items.clear();
    items.push_back(std::move(value));
  }
  void write_to(RawRecord& record) const {
    for (const auto& [name, items] : fields_) {
      if (items.empty()) continue;
      std::string joined;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) joined += '|';
        joined += items[i];
      }
      record.fields.emplace_back(name, std::move(joined));
    }
  }

 private:
  std::vector<std::string>& slot(std::string_view field) {
    for (auto& [name, items] : fields_)
      if (name == field) return items;
    return fields_.emplace_back(std::string(field), std::vector<std::string>{}).second;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> fields_;
};

}  // namespace

RawRecord map_v01_to_v1(const RawRecord& v01, std::string_view file_name, Problems& problems) {
  const std::string* id = v01.find("id");
  auto report = [&](const std::string& field, std::string_view value, std::string rule,
                    std::string message, Severity severity) {
    Problem p;
    p.file = std::string(file_name);
    p.line = v01.line;
    p.record = v01.index;
    p.record_id = id ? *id : "";
    p.field = field;
    p.value = std::string(value);
    p.rule = std::move(rule);
    p.message = std::move(message);
    p.severity = severity;
    p.action = Action::FieldDropped;
    problems.push_back(std::move(p));
  };

  // Enumerated list: each item through its table; several v0.1 values may give
  // the same v1 value (deduplicated by Output).
  auto map_enum = [&](const std::string& field, std::string_view text,
                      const std::vector<Entry>& table, Output& out) {
    for (auto item : split(text, ";")) {
      const Entry* entry = lookup(table, item);
      if (!entry) {
        report(field, item, "v01.unknown_value", "not a value of v0.1 '" + field + "': value dropped",
               Severity::Error);
      } else if (entry->target.field.empty()) {
        report(field, item, "v01.dropped_value", "this v0.1 value has no v1 equivalent: value dropped",
               Severity::Warning);
      } else {
        out.add_item(entry->target.field, entry->target.value);
      }
    }
  };
  auto map_list = [&](std::string_view target, std::string_view text, std::string_view separators,
                      Output& out) {
    for (auto item : split(text, separators)) out.add_item(target, item);
  };

  Output out;
  for (const auto& [name, text] : v01.fields) {
    if (name == "cle_ban") continue;  // BAN key: no v1 field (§7.6)
    if (name == "services") map_enum(name, text, services_table(), out);
    else if (name == "publics_accueillis") map_enum(name, text, publics_table(), out);
    else if (name == "conditions_acces") map_enum(name, text, conditions_table(), out);
    else if (name == "labels_nationaux") map_enum(name, text, labels_table(), out);
    else if (name == "modalites_accompagnement") map_enum(name, text, accompagnement_table(), out);
    else if (name == "labels_autres") map_list("autres_formations_labels", text, ";", out);
    else if (name == "typologie") map_list("typologie", text, ";", out);
    else if (name == "courriel") map_list("courriels", text, ";", out);
    // The v0.1 description says comma-separated, its example uses ';'.
    else if (name == "site_web") map_list("site_web", text, ";,", out);
    else if (name == "accessibilite") out.set("fiche_acces_libre", text);
    else out.set(name, text);  // same name and meaning in v1 (or unknown: kept as is)
  }
  RawRecord v1;
  v1.line = v01.line;
  v1.index = v01.index;
  out.write_to(v1);
  return v1;
}

}  // namespace relais::standard
