#include "editing/place_form.h"

#include <algorithm>
#include <cctype>

#include "core/enums.h"
#include "core/field.h"
#include "core/problem.h"
#include "core/raw_record.h"
#include "editing/typologie_meanings.h"
#include "standard/writer.h"
#include "validation/validate.h"

namespace relais::editing {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t at = text.find(sep, from);
    if (at == std::string_view::npos) at = text.size();
    std::string piece = trim(text.substr(from, at - from));
    if (!piece.empty()) out.push_back(std::move(piece));
    from = at + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

// Label and help of every field, in plain French (the schema's titles, said
// as a person would).
struct FieldText {
  std::string_view name, label, help;
};
constexpr FieldText kFieldTexts[] = {
    {"id", "Identifiant de la fiche", "Attribué par la source des données ; il ne change pas."},
    {"pivot", "Numéro SIRET ou RNA", "Le SIRET a 14 chiffres, le numéro RNA d’une association commence par W. Laissez vide si vous ne le connaissez pas."},
    {"nom", "Nom du lieu", "Le nom que les gens voient sur la porte ou cherchent : « Médiathèque Jean-Jaurès »."},
    {"commune", "Commune", "Par exemple : Villeurbanne."},
    {"code_postal", "Code postal", "5 chiffres, par exemple 69100."},
    {"code_insee", "Code INSEE de la commune", "Facultatif. 5 caractères, par exemple 69266 (2A ou 2B en Corse)."},
    {"adresse", "Adresse", "Numéro et rue, par exemple « 12 bis rue Léon Blum »."},
    {"complement_adresse", "Complément d’adresse", "Facultatif : étage, bâtiment, lieu-dit."},
    {"latitude", "Latitude", "Facultatif. Position sur la carte en degrés décimaux, par exemple 45.7667."},
    {"longitude", "Longitude", "Facultatif. Par exemple 4.8800. Donnez les deux ou aucune."},
    {"typologie", "Type de structure", "Cochez ce qui décrit le lieu (nomenclature data·inclusion)."},
    {"telephone", "Numéro de téléphone", "De préférence au format international, sans espaces : +33180059880."},
    {"courriels", "Adresses électroniques", "Une adresse par ligne, par exemple contact@mairie.fr."},
    {"site_web", "Sites internet", "Une adresse par ligne, commençant par https://."},
    {"horaires", "Horaires d’ouverture", "Pour chaque jour, une ou deux plages horaires, ou « fermé »."},
    {"presentation_resume", "Présentation courte", "280 caractères au plus : ce que l’on peut venir faire ici."},
    {"presentation_detail", "Présentation détaillée", "Facultatif : tout ce qui aide à préparer sa venue."},
    {"source", "Structure qui tient la fiche à jour", "Le nom de la structure qui collecte ces informations."},
    {"itinerance", "Lieu fixe ou itinérant", "Un lieu itinérant se déplace (bus, permanences dans plusieurs communes)."},
    {"structure_parente", "Structure parente", "Facultatif : le réseau ou l’organisme dont dépend le lieu."},
    {"date_maj", "Date de mise à jour", "Mise à la date du jour quand vous enregistrez."},
    {"services", "Services proposés", "Cochez tout ce que l’on peut faire ici avec de l’aide."},
    {"publics_specifiquement_adresses", "Publics accueillis en particulier", "Seulement si le lieu s’adresse spécialement à ces publics."},
    {"prise_en_charge_specifique", "Accompagnement adapté", "Les situations pour lesquelles l’équipe est formée ou équipée."},
    {"frais_a_charge", "Coût pour la personne", "Ce que la personne paie."},
    {"dispositif_programmes_nationaux", "Dispositifs et programmes nationaux", "Les programmes auxquels le lieu participe."},
    {"formations_labels", "Formations et labels", "Les formations suivies par l’équipe ou les labels obtenus."},
    {"autres_formations_labels", "Autres formations et labels", "Un par ligne."},
    {"modalites_acces", "Comment venir", "Comment une personne peut être reçue."},
    {"modalites_accompagnement", "Façons d’être accompagné", "Seul, avec une personne, en atelier ou à distance."},
    {"fiche_acces_libre", "Fiche Acceslibre", "Facultatif : l’adresse de la fiche du lieu sur acceslibre.beta.gouv.fr (accessibilité)."},
    {"prise_rdv", "Prendre rendez-vous en ligne", "Facultatif : l’adresse de la page de prise de rendez-vous."},
};

const FieldText& text_of(std::string_view name) {
  for (const auto& t : kFieldTexts) {
    if (t.name == name) return t;
  }
  static constexpr FieldText kNone{"", "", ""};
  return kNone;
}

template <typename E>
std::vector<Option> enum_options() {
  std::vector<Option> out;
  for (std::string_view l : labels<E>()) out.push_back({std::string(l), std::string(l), false});
  return out;
}

std::vector<Option> typologie_options() {
  std::vector<Option> out;
  for (std::string_view code : labels<Typologie>()) {
    std::string label(code);
    for (const auto& [c, meaning] : kTypologieMeanings) {
      if (c == code) label = std::string(meaning) + " (" + std::string(code) + ")";
    }
    out.push_back({std::string(code), std::move(label), false});
  }
  return out;
}

FormField make_field(std::string_view name, Input input) {
  const FieldText& t = text_of(name);
  FormField f;
  f.name = std::string(name);
  f.label = std::string(t.label);
  f.help = std::string(t.help);
  f.input = input;
  const auto field = field_from_name(name);
  f.required = field && is_required(*field) && input != Input::ReadOnly && name != "pivot";
  if (name == "presentation_resume") f.max_length = 280;
  if (name == "services") f.options = enum_options<Service>();
  if (name == "publics_specifiquement_adresses") f.options = enum_options<Public>();
  if (name == "prise_en_charge_specifique") f.options = enum_options<PriseEnCharge>();
  if (name == "frais_a_charge") f.options = enum_options<Frais>();
  if (name == "dispositif_programmes_nationaux") f.options = enum_options<Dispositif>();
  if (name == "formations_labels") f.options = enum_options<FormationLabel>();
  if (name == "modalites_acces") f.options = enum_options<ModaliteAcces>();
  if (name == "modalites_accompagnement") f.options = enum_options<ModaliteAccompagnement>();
  if (name == "itinerance") f.options = enum_options<Itinerance>();
  if (name == "typologie") f.options = typologie_options();
  return f;
}

// The empty form: fieldsets in reading order.
PlaceForm blank_form() {
  auto set = [](std::string id, std::string legend, std::string help,
                std::initializer_list<std::pair<std::string_view, Input>> fields) {
    Fieldset s{std::move(id), std::move(legend), std::move(help), {}, false};
    for (const auto& [name, input] : fields) s.fields.push_back(make_field(name, input));
    return s;
  };
  PlaceForm form;
  form.fieldsets.push_back(set("lieu", "Le lieu", "",
                               {{"nom", Input::Text}, {"pivot", Input::Text}, {"structure_parente", Input::Text},
                                {"typologie", Input::Checkboxes}}));
  form.fieldsets.push_back(set("adresse", "Adresse",
                               "Là où les gens viennent. La position sur la carte est facultative.",
                               {{"adresse", Input::Text}, {"complement_adresse", Input::Text},
                                {"code_postal", Input::Text}, {"commune", Input::Text}, {"code_insee", Input::Text},
                                {"latitude", Input::Text}, {"longitude", Input::Text}}));
  form.fieldsets.push_back(set("contact", "Contact", "",
                               {{"telephone", Input::Tel}, {"courriels", Input::Lines}, {"site_web", Input::Lines},
                                {"prise_rdv", Input::Url}}));
  Fieldset hours{"horaires", "Horaires d’ouverture",
                 "Pour chaque jour, une plage le matin et une l’après-midi au plus, ou cochez « fermé ». Laissez "
                 "toute la semaine vide si vous ne connaissez pas les horaires.",
                 {}, true};
  form.fieldsets.push_back(std::move(hours));
  form.fieldsets.push_back(set("presentation", "Présentation", "",
                               {{"presentation_resume", Input::TextArea}, {"presentation_detail", Input::TextArea}}));
  form.fieldsets.push_back(set("services", "Services et publics", "",
                               {{"services", Input::Checkboxes},
                                {"publics_specifiquement_adresses", Input::Checkboxes},
                                {"prise_en_charge_specifique", Input::Checkboxes},
                                {"frais_a_charge", Input::Checkboxes}}));
  form.fieldsets.push_back(set("acces", "Accès et accompagnement", "",
                               {{"modalites_acces", Input::Checkboxes},
                                {"modalites_accompagnement", Input::Checkboxes},
                                {"itinerance", Input::Checkboxes}, {"fiche_acces_libre", Input::Url}}));
  form.fieldsets.push_back(set("labels", "Dispositifs et labels", "",
                               {{"dispositif_programmes_nationaux", Input::Checkboxes},
                                {"formations_labels", Input::Checkboxes},
                                {"autres_formations_labels", Input::Lines}}));
  form.fieldsets.push_back(set("fiche", "À propos de la fiche", "",
                               {{"id", Input::ReadOnly}, {"source", Input::Text}, {"date_maj", Input::ReadOnly}}));
  return form;
}

FormField* find_field(PlaceForm& form, std::string_view name) {
  for (auto& set : form.fieldsets) {
    for (auto& f : set.fields) {
      if (f.name == name) return &f;
    }
  }
  return nullptr;
}

// Shows the flat v1 record (lists '|'-joined) in the form's fields.
void fill(PlaceForm& form, const RawRecord& raw) {
  for (auto& set : form.fieldsets) {
    for (auto& f : set.fields) {
      const std::string* value = raw.find(f.name);
      if (!value) continue;
      if (f.input == Input::Checkboxes) {
        for (const std::string& item : split(*value, '|')) {
          auto it = std::find_if(f.options.begin(), f.options.end(), [&](const Option& o) { return o.value == item; });
          if (it != f.options.end()) it->checked = true;
        }
      } else if (f.input == Input::Lines) {
        f.value = join(split(*value, '|'), "\n");
      } else {
        f.value = *value;
      }
    }
  }
}

std::vector<std::string> all_values(const FormValues& values, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : values) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string one_value(const FormValues& values, std::string_view name) {
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return {};
}

WeeklyHours read_hours(const FormValues& values) {
  WeeklyHours hours;
  const std::string advanced_text = trim(one_value(values, kAdvancedField));
  if (one_value(values, kModeField) == "avance" && !advanced_text.empty()) {
    hours.advanced = true;
    hours.advanced_text = advanced_text;
    return hours;
  }
  for (int d = 0; d < 7; ++d) {
    auto& day = hours.days[static_cast<std::size_t>(d)];
    day.closed = !one_value(values, closed_field(d)).empty();
    for (int r = 0; r < 2; ++r) {
      day.ranges[static_cast<std::size_t>(r)] = {trim(one_value(values, range_field(d, r, true))),
                                                 trim(one_value(values, range_field(d, r, false)))};
    }
  }
  hours.exceptions = trim(one_value(values, kExceptionsField));
  return hours;
}

// A warning whose action drops a value, or the placeholder pivot the form
// writes itself: refused (the former) or not worth showing (the latter).
bool is_silent(const Problem& p) { return p.rule == "pivot.placeholder"; }

}  // namespace

const FormField* PlaceForm::field(std::string_view name) const {
  for (const auto& set : fieldsets) {
    for (const auto& f : set.fields) {
      if (f.name == name) return &f;
    }
  }
  return nullptr;
}

std::string field_label(std::string_view field) {
  const FieldText& t = text_of(field);
  return t.label.empty() ? std::string(field) : std::string(t.label);
}

std::string french_message(std::string_view rule, std::string_view label) {
  const std::string l(label);
  const auto dot = rule.rfind('.');
  const std::string_view kind = dot == std::string_view::npos ? rule : rule.substr(dot + 1);
  if (rule == "text.utf8") return "« " + l + " » contient des caractères illisibles ; retapez-le.";
  if (rule == "pivot.format")
    return "Le numéro SIRET doit avoir 14 caractères, ou le numéro RNA commencer par W suivi de 9 lettres ou chiffres.";
  if (rule == "pivot.schema_pattern") return "Le numéro SIRET ne devrait contenir que des chiffres, sans espaces.";
  if (rule == "code_postal.format") return "Le code postal doit avoir 5 chiffres, par exemple 69100.";
  if (rule == "code_insee.format") return "Ce n’est pas un code INSEE de commune : 5 caractères, par exemple 69266 ou 2A004.";
  if (rule == "code_insee.schema_pattern") return "Le code INSEE devrait avoir exactement 5 caractères, par exemple 69266.";
  if (rule == "commune.format") return "Le nom de la commune contient des caractères que le standard n’accepte pas.";
  if (rule == "adresse.format") return "L’adresse contient des caractères que le standard n’accepte pas.";
  if (rule == "latitude.number" || rule == "longitude.number")
    return "« " + l + " » doit être un nombre décimal, par exemple 45.7667.";
  if (rule == "latitude.range") return "La latitude doit être comprise entre -90 et 90.";
  if (rule == "longitude.range") return "La longitude doit être comprise entre -180 et 180.";
  if (rule == "coordinates.incomplete") return "Donnez la latitude et la longitude, ou aucune des deux.";
  if (rule == "coordinates.zero") return "Une position 0, 0 n’est pas en France : corrigez-la ou videz les deux champs.";
  if (rule == "coordinates.zero_axis") return "Une coordonnée égale à 0 est sans doute fausse : vérifiez la position.";
  if (rule == "telephone.format")
    return "Ce n’est pas un numéro de téléphone valable : écrivez-le comme +33180059880 ou 01 80 05 98 80.";
  if (rule == "telephone.schema_pattern")
    return "Le numéro est accepté, mais le standard le préfère au format international sans espaces : +33180059880.";
  if (rule == "courriels.format") return "Une des adresses électroniques n’est pas valable (une par ligne, comme contact@mairie.fr).";
  if (rule == "presentation_resume.length") return "La présentation courte doit tenir en 280 caractères.";
  if (rule == "date_maj.epoch" || rule == "date_maj.future" || rule == "date_maj.format")
    return "La date de mise à jour n’est pas valable.";
  if (rule == "coupling.no_services")
    return "« " + l + " » n’est publié que si le lieu propose au moins un service : cochez ses services, ou "
           "décochez ce champ.";
  if (rule == "modalites_acces.pas_de_public")
    return "« Ce lieu n’accueille pas de public » ne va pas avec des services proposés : décochez l’un ou l’autre.";
  if (kind == "required") return "Indiquez « " + l + " » : ce champ est obligatoire.";
  if (kind == "enum") return "Une des valeurs de « " + l + " » ne fait pas partie de la liste du standard.";
  if (kind == "format") return "« " + l + " » doit être une adresse internet complète, commençant par https://.";
  return "« " + l + " » n’est pas valable (" + std::string(rule) + ").";
}

PlaceForm form_for(const Place& place) {
  PlaceForm form = blank_form();
  RawRecord raw = standard::to_raw(place);
  if (const std::string* pivot = raw.find("pivot"); pivot && *pivot == kUnknownPivot) raw.erase("pivot");
  fill(form, raw);
  form.hours = from_opening_hours(place.horaires);
  return form;
}

Submission read_form(const FormValues& values, const Place& original, std::chrono::year_month_day today) {
  Submission out;
  out.form = blank_form();
  PlaceForm& form = out.form;

  RawRecord raw;
  raw.set("id", original.id);
  for (auto& set : form.fieldsets) {
    for (auto& f : set.fields) {
      if (f.input == Input::ReadOnly) continue;
      if (f.input == Input::Checkboxes) {
        std::vector<std::string> checked;
        for (const std::string& v : all_values(values, f.name)) {
          if (std::find(checked.begin(), checked.end(), v) == checked.end()) checked.push_back(v);
        }
        if (!checked.empty()) raw.set(f.name, join(checked, "|"));
      } else if (f.input == Input::Lines) {
        auto lines = split(one_value(values, f.name), '\n');
        if (!lines.empty()) raw.set(f.name, join(lines, "|"));
      } else {
        std::string v = trim(one_value(values, f.name));
        // People type decimals with a comma in French; the standard's numbers use a point.
        if (f.name == "latitude" || f.name == "longitude") std::replace(v.begin(), v.end(), ',', '.');
        if (!v.empty()) raw.set(f.name, std::move(v));
      }
    }
  }
  if (!raw.find("pivot")) raw.set("pivot", std::string(kUnknownPivot));
  raw.set("date_maj", standard::format_date(today));

  form.hours = read_hours(values);
  HoursResult hours = to_opening_hours(form.hours);
  form.hours_problems = hours.problems;
  if (hours.opening_hours) raw.set("horaires", *hours.opening_hours);

  fill(form, raw);
  if (const auto* pivot = raw.find("pivot"); pivot && *pivot == kUnknownPivot) {
    if (FormField* f = find_field(form, "pivot")) f->value.clear();
  }

  Problems problems;
  validation::Options options;
  options.policy = validation::Policy::Strict;
  options.today = today;
  std::optional<Place> place = validation::to_place(raw, "formulaire", problems, options);

  for (const HoursProblem& p : hours.problems) form.errors.push_back({p.field, "Horaires", p.message});
  for (const Problem& p : problems) {
    if (is_silent(p)) continue;
    const std::string& name = p.field;
    const std::string label = field_label(name);
    FormMessage message{name, label, french_message(p.rule, label)};
    const bool refused = p.severity == Severity::Error || p.action != Action::None;
    if (refused) {
      if (FormField* f = find_field(form, name); f && f->error.empty()) f->error = message.message;
      form.errors.push_back(std::move(message));
    } else {
      form.notices.push_back(std::move(message));
    }
  }
  if (form.errors.empty() && place) {
    // The record id is the key and never comes from the form.
    place->id = original.id;
    out.place = std::move(place);
  }
  return out;
}

nlohmann::json to_json(const PlaceForm& form) {
  using nlohmann::json;
  auto messages = [](const std::vector<FormMessage>& list) {
    json out = json::array();
    for (const auto& m : list) out.push_back({{"field", m.field}, {"label", m.label}, {"message", m.message}});
    return out;
  };
  json sets = json::array();
  for (const auto& set : form.fieldsets) {
    json fields = json::array();
    for (const auto& f : set.fields) {
      json options = json::array();
      for (std::size_t i = 0; i < f.options.size(); ++i) {
        const auto& o = f.options[i];
        options.push_back({{"value", o.value}, {"label", o.label}, {"checked", o.checked},
                           {"id", f.name + "-" + std::to_string(i + 1)}});
      }
      json field = {{"name", f.name},
                    {"label", f.label},
                    {"help", f.help},
                    {"required", f.required},
                    {"error", f.error},
                    {"value", f.value},
                    {"options", std::move(options)},
                    {"is_text", f.input == Input::Text || f.input == Input::Email},
                    {"is_textarea", f.input == Input::TextArea},
                    {"is_lines", f.input == Input::Lines},
                    {"is_url", f.input == Input::Url},
                    {"is_tel", f.input == Input::Tel},
                    {"is_checkboxes", f.input == Input::Checkboxes},
                    {"is_read_only", f.input == Input::ReadOnly}};
      if (f.max_length) field["max_length"] = *f.max_length;
      fields.push_back(std::move(field));
    }
    sets.push_back({{"id", set.id}, {"legend", set.legend}, {"help", set.help}, {"is_hours", set.hours},
                    {"fields", std::move(fields)}});
  }
  auto hours_error = [&](const std::string& name) {
    for (const auto& p : form.hours_problems) {
      if (p.field == name) return p.message;
    }
    return std::string();
  };
  json days = json::array();
  for (int d = 0; d < 7; ++d) {
    const auto& day = form.hours.days[static_cast<std::size_t>(d)];
    json ranges = json::array();
    for (int r = 0; r < 2; ++r) {
      const auto& range = day.ranges[static_cast<std::size_t>(r)];
      const std::string start_name = range_field(d, r, true), end_name = range_field(d, r, false);
      const std::string error = hours_error(start_name).empty() ? hours_error(end_name) : hours_error(start_name);
      ranges.push_back({{"label", r == 0 ? "Matin" : "Après-midi"},
                        {"start_name", start_name},
                        {"start", range.start},
                        {"end_name", end_name},
                        {"end", range.end},
                        {"error", error}});
    }
    std::string name(kDayNames[static_cast<std::size_t>(d)]);
    std::string title = name;
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    days.push_back({{"name", name}, {"title", title}, {"closed_name", closed_field(d)}, {"closed", day.closed},
                    {"ranges", std::move(ranges)}});
  }
  json hours = {{"advanced", form.hours.advanced},
                {"advanced_text", form.hours.advanced_text},
                {"advanced_reason", form.hours.advanced_reason},
                {"advanced_error", hours_error(std::string(kAdvancedField))},
                {"exceptions", form.hours.exceptions},
                {"exceptions_error", hours_error(std::string(kExceptionsField))},
                {"days", std::move(days)}};
  return {{"fieldsets", std::move(sets)},
          {"hours", std::move(hours)},
          {"errors", messages(form.errors)},
          {"notices", messages(form.notices)},
          {"has_errors", !form.errors.empty()}};
}

}  // namespace relais::editing
