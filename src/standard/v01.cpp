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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Calls visit(item) for each item of a list cell split on `a` or `b`,
// trimmed, empty items skipped. A callback rather than a vector (no
// allocation per cell), and a plain loop: libstdc++'s find_first_of calls
// memchr once per character of the text.
template <typename Visit>
void for_each_item(std::string_view text, char a, char b, Visit visit) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = start;
    if (a == b) end = std::min(text.find(a, start), text.size());  // memchr, once per item
    else
      while (end < text.size() && text[end] != a && text[end] != b) ++end;
    auto item = trim(text.substr(start, end - start));
    if (!item.empty()) visit(item);
    start = end + 1;
  }
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

// What the mapping does with one v0.1 field, by name.
enum class Rule {
  Copy, Drop, Services, Publics, Conditions, Labels, Accompagnement, LabelsAutres, Typologie,
  Courriel, SiteWeb, Accessibilite,
};

Rule rule_of(std::string_view name) {
  // Compared as string_views: the size check rejects almost every name at once.
  static constexpr std::pair<std::string_view, Rule> kRules[]{
      {"cle_ban", Rule::Drop},
      {"services", Rule::Services},
      {"publics_accueillis", Rule::Publics},
      {"conditions_acces", Rule::Conditions},
      {"labels_nationaux", Rule::Labels},
      {"modalites_accompagnement", Rule::Accompagnement},
      {"labels_autres", Rule::LabelsAutres},
      {"typologie", Rule::Typologie},
      {"courriel", Rule::Courriel},
      {"site_web", Rule::SiteWeb},
      {"accessibilite", Rule::Accessibilite},
  };
  for (const auto& [candidate, rule] : kRules)
    if (candidate == name) return rule;
  return Rule::Copy;
}

// v1 fields being built, in the order they first receive a value. Names and
// items are views (into the v0.1 record or the static tables): strings are
// only built in write_to, and a value copied unchanged can be moved there.
class Output {
 public:
  Output() {
    slots_.reserve(32);
    items_.reserve(48);
  }

  void add_item(std::string_view field, std::string_view value) {
    std::size_t slot = find_or_add(field, kNone);
    for (const auto& item : items_)
      if (item.slot == slot && item.text == value) return;
    items_.push_back({slot, value});
    slots_[slot].value_source = kNone;  // now a joined list
  }

  // The whole value of field `source` of the input, as field `field` (whose
  // name is input field `name_source`'s own, or kNone for a renamed field).
  void set(std::string_view field, std::size_t name_source, std::size_t source, std::string_view value) {
    std::size_t slots = slots_.size();
    std::size_t slot = find_or_add(field, name_source);
    if (slot < slots) std::erase_if(items_, [&](const Item& item) { return item.slot == slot; });
    items_.push_back({slot, value});
    slots_[slot].value_source = source;
  }

  // Appends the fields to `out`. When `input` is given (the caller gave the
  // v0.1 record away), names and values copied unchanged are moved from it;
  // no view points into them (each input value is either set or split).
  void write_to(RawRecord& out, RawRecord* input) const {
    out.fields.reserve(slots_.size());
    for (std::size_t slot = 0; slot < slots_.size(); ++slot) {
      const auto& [name, name_source, value_source] = slots_[slot];
      std::string value;
      if (input && value_source != kNone) {
        value = std::move(input->fields[value_source].second);  // its only item
      } else {
        std::size_t count = 0;
        for (const auto& item : items_) {
          if (item.slot != slot) continue;
          if (count++ > 0) value += '|';
          value += item.text;
        }
        if (count == 0) continue;
      }
      if (input && name_source != kNone) out.fields.emplace_back(std::move(input->fields[name_source].first), std::move(value));
      else out.fields.emplace_back(std::string(name), std::move(value));
    }
  }

  void clear() {
    slots_.clear();
    items_.clear();
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Slot {
    std::string_view name;
    std::size_t name_source;   // input field whose name this is, or kNone
    std::size_t value_source;  // input field whose whole value this is, or kNone
  };
  struct Item {
    std::size_t slot;
    std::string_view text;
  };

  std::size_t find_or_add(std::string_view field, std::size_t name_source) {
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].name == field) return i;
    slots_.push_back({field, name_source, kNone});
    return slots_.size() - 1;
  }

  std::vector<Slot> slots_;
  std::vector<Item> items_;
};

// Both overloads: `input` is the record to move from, or nullptr to copy.
RawRecord map(const RawRecord& v01, RawRecord* input, std::string_view file_name, Problems& problems) {
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
    for_each_item(text, ';', ';', [&](std::string_view item) {
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
    });
  };
  auto map_list = [&](std::string_view target, std::string_view text, char a, char b, Output& out) {
    for_each_item(text, a, b, [&](std::string_view item) { out.add_item(target, item); });
  };

  // Reused by the calls of this thread: no allocation for it per record.
  thread_local Output out;
  out.clear();
  for (std::size_t i = 0; i < v01.fields.size(); ++i) {
    const auto& [name, text] = v01.fields[i];
    switch (rule_of(name)) {
      case Rule::Drop: break;  // cle_ban, the BAN key: no v1 field (§7.6)
      case Rule::Services: map_enum(name, text, services_table(), out); break;
      case Rule::Publics: map_enum(name, text, publics_table(), out); break;
      case Rule::Conditions: map_enum(name, text, conditions_table(), out); break;
      case Rule::Labels: map_enum(name, text, labels_table(), out); break;
      case Rule::Accompagnement: map_enum(name, text, accompagnement_table(), out); break;
      case Rule::LabelsAutres: map_list("autres_formations_labels", text, ';', ';', out); break;
      case Rule::Typologie: map_list("typologie", text, ';', ';', out); break;
      case Rule::Courriel: map_list("courriels", text, ';', ';', out); break;
      // The v0.1 description says comma-separated, its example uses ';'.
      case Rule::SiteWeb: map_list("site_web", text, ';', ',', out); break;
      case Rule::Accessibilite: out.set("fiche_acces_libre", static_cast<std::size_t>(-1), i, text); break;
      case Rule::Copy: out.set(name, i, i, text); break;  // same name and meaning in v1 (or unknown: kept as is)
    }
  }
  RawRecord v1;
  v1.line = v01.line;
  v1.index = v01.index;
  out.write_to(v1, input);
  return v1;
}

}  // namespace

RawRecord map_v01_to_v1(const RawRecord& v01, std::string_view file_name, Problems& problems) {
  return map(v01, nullptr, file_name, problems);
}

RawRecord map_v01_to_v1(RawRecord&& v01, std::string_view file_name, Problems& problems) {
  return map(v01, &v01, file_name, problems);
}

}  // namespace relais::standard
