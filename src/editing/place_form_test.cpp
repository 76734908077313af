#include "editing/place_form.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/field.h"

namespace relais::editing {
namespace {

using namespace std::chrono;

Place sample() {
  Place p;
  p.id = "lieu-1";
  p.pivot = std::string(kUnknownPivot);
  p.nom = "Médiathèque Jean-Jaurès";
  p.commune = "Villeurbanne";
  p.code_postal = "69100";
  p.code_insee = "69266";
  p.adresse = "12 rue Léon Blum";
  p.coordinates = Coordinates{45.7667, 4.88};
  p.typologie = {Typologie::BIB};
  p.telephone = "+33478000000";
  p.courriels = {"contact@mediatheque.fr", "accueil@mediatheque.fr"};
  p.horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";
  p.presentation_resume = "Aide aux démarches en ligne.";
  p.services = {Service::AideDemarchesAdministratives, Service::AccesInternetMateriel};
  p.frais_a_charge = {Frais::Gratuit};
  p.modalites_acces = {ModaliteAcces::SePresenter, ModaliteAcces::Telephoner};
  p.dispositif_programmes_nationaux = {Dispositif::ConseillersNumeriques};
  p.date_maj = year{2024} / 5 / 1;
  return p;
}

// What a browser sends back for the form showing `form` (every input as shown).
FormValues submitted(const PlaceForm& form) {
  FormValues values;
  for (const auto& set : form.fieldsets) {
    for (const auto& f : set.fields) {
      if (f.input == Input::ReadOnly) continue;
      if (f.input == Input::Checkboxes) {
        for (const auto& o : f.options) {
          if (o.checked) values.emplace_back(f.name, o.value);
        }
      } else {
        values.emplace_back(f.name, f.value);
      }
    }
  }
  for (int d = 0; d < 7; ++d) {
    const auto& day = form.hours.days[static_cast<std::size_t>(d)];
    if (day.closed) values.emplace_back(closed_field(d), "1");
    for (int r = 0; r < 2; ++r) {
      values.emplace_back(range_field(d, r, true), day.ranges[static_cast<std::size_t>(r)].start);
      values.emplace_back(range_field(d, r, false), day.ranges[static_cast<std::size_t>(r)].end);
    }
  }
  values.emplace_back(std::string(kExceptionsField), form.hours.exceptions);
  return values;
}

void set_value(FormValues& values, std::string_view name, std::string value) {
  for (auto& [k, v] : values) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  values.emplace_back(std::string(name), std::move(value));
}

const year_month_day kToday = year{2026} / 11 / 22;

TEST(PlaceForm, EveryFieldOfTheStandardIsInTheForm) {
  PlaceForm form = form_for(sample());
  std::set<std::string> names;
  for (const auto& set : form.fieldsets) {
    EXPECT_FALSE(set.legend.empty());
    for (const auto& f : set.fields) {
      names.insert(f.name);
      EXPECT_FALSE(f.label.empty()) << f.name;
      EXPECT_FALSE(f.help.empty()) << f.name;
    }
  }
  names.insert("horaires");  // the weekly fieldset
  for (std::string_view name : kFieldNames) EXPECT_TRUE(names.contains(std::string(name))) << name;
  // Multi-valued enumerations are checkboxes with the standard's labels.
  const FormField* services = form.field("services");
  ASSERT_NE(services, nullptr);
  EXPECT_EQ(services->input, Input::Checkboxes);
  EXPECT_EQ(services->options.size(), 9u);
  EXPECT_TRUE(services->options[0].checked);  // Aide aux démarches administratives
  EXPECT_FALSE(services->options[1].checked);
  const FormField* typologie = form.field("typologie");
  ASSERT_NE(typologie, nullptr);
  EXPECT_EQ(typologie->options.size(), 92u);
  auto bib = std::find_if(typologie->options.begin(), typologie->options.end(),
                          [](const Option& o) { return o.value == "BIB"; });
  EXPECT_TRUE(bib->checked);
  EXPECT_EQ(bib->label, "Bibliothèque / Médiathèque (BIB)");
  EXPECT_EQ(form.field("courriels")->value, "contact@mediatheque.fr\naccueil@mediatheque.fr");
  EXPECT_EQ(form.field("pivot")->value, "");  // the "unknown" placeholder is not shown
  EXPECT_EQ(form.hours.days[0].ranges[1].start, "14:00");
  EXPECT_EQ(form.hours.exceptions, "PH off");
}

TEST(PlaceForm, UnchangedFormGivesTheSameRecordDatedToday) {
  Submission s = read_form(submitted(form_for(sample())), sample(), kToday);
  ASSERT_TRUE(s.form.errors.empty()) << s.form.errors[0].field << ": " << s.form.errors[0].message;
  ASSERT_TRUE(s.place);
  Place expected = sample();
  expected.date_maj = kToday;
  EXPECT_EQ(*s.place, expected);
}

TEST(PlaceForm, EditsAreApplied) {
  FormValues values = submitted(form_for(sample()));
  set_value(values, "nom", "Médiathèque du centre");
  set_value(values, "latitude", "45,75");  // a French decimal comma
  std::erase_if(values, [](const auto& kv) { return kv.first == "horaires_samedi_ferme"; });
  set_value(values, "horaires_samedi_1_debut", "10h");
  set_value(values, "horaires_samedi_1_fin", "12h");
  values.emplace_back("publics_specifiquement_adresses", "Seniors");
  Submission s = read_form(values, sample(), kToday);
  ASSERT_TRUE(s.place) << s.form.errors[0].message;
  EXPECT_EQ(s.place->nom, "Médiathèque du centre");
  EXPECT_EQ(s.place->coordinates->latitude, 45.75);
  EXPECT_EQ(s.place->horaires, "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off");
  EXPECT_EQ(s.place->publics_specifiquement_adresses, std::vector<Public>{Public::Seniors});
  EXPECT_EQ(s.place->id, "lieu-1");
}

TEST(PlaceForm, ValidationMessagesAreLocatedByFieldInFrench) {
  FormValues values = submitted(form_for(sample()));
  set_value(values, "nom", "");
  set_value(values, "code_postal", "6910");
  set_value(values, "telephone", "pas de téléphone");
  set_value(values, "site_web", "www.sans-schema.fr");
  set_value(values, "longitude", "");  // latitude alone
  set_value(values, "horaires_lundi_1_fin", "8:00");
  values.emplace_back("services", "Un service inventé");
  Submission s = read_form(values, sample(), kToday);
  EXPECT_FALSE(s.place);
  std::map<std::string, std::string> by_field;
  for (const auto& e : s.form.errors) by_field[e.field] = e.message;
  EXPECT_EQ(by_field["nom"], "Indiquez « Nom du lieu » : ce champ est obligatoire.");
  EXPECT_NE(by_field["code_postal"].find("5 chiffres"), std::string::npos);
  EXPECT_NE(by_field["telephone"].find("numéro de téléphone"), std::string::npos);
  EXPECT_NE(by_field["site_web"].find("https://"), std::string::npos);
  EXPECT_NE(by_field["latitude"].find("latitude et la longitude"), std::string::npos);
  EXPECT_NE(by_field["services"].find("liste du standard"), std::string::npos);
  EXPECT_NE(by_field["horaires_lundi_1_fin"].find("finir après"), std::string::npos);
  // The fields carry their own message and keep what was typed.
  EXPECT_EQ(s.form.field("code_postal")->error, by_field["code_postal"]);
  EXPECT_EQ(s.form.field("code_postal")->value, "6910");
  EXPECT_EQ(s.form.hours.days[0].ranges[0].end, "8:00");
  nlohmann::json data = to_json(s.form);
  EXPECT_TRUE(data["has_errors"]);
  EXPECT_EQ(data["hours"]["days"][0]["ranges"][0]["error"], by_field["horaires_lundi_1_fin"]);
}

TEST(PlaceForm, ValuesThatWouldBeDroppedAreRefusedNotLost) {
  FormValues values = submitted(form_for(sample()));
  std::erase_if(values, [](const auto& kv) { return kv.first == "services"; });
  values.emplace_back("publics_specifiquement_adresses", "Jeunes");
  Submission s = read_form(values, sample(), kToday);
  EXPECT_FALSE(s.place);
  bool found = false;
  for (const auto& e : s.form.errors) found |= e.field == "publics_specifiquement_adresses";
  EXPECT_TRUE(found);

  // A mere warning is accepted and shown.
  FormValues spaced = submitted(form_for(sample()));
  set_value(spaced, "telephone", "04 78 00 00 00");
  Submission ok = read_form(spaced, sample(), kToday);
  ASSERT_TRUE(ok.place);
  ASSERT_EQ(ok.form.notices.size(), 1u);
  EXPECT_EQ(ok.form.notices[0].field, "telephone");
}

TEST(PlaceForm, HoursTheWeekCannotShowStayAdvanced) {
  Place p = sample();
  p.horaires = "Jan-Jun Mo-Fr 09:00-12:00";
  PlaceForm form = form_for(p);
  EXPECT_TRUE(form.hours.advanced);
  FormValues values = submitted(form);
  values.emplace_back(std::string(kModeField), "avance");
  values.emplace_back(std::string(kAdvancedField), form.hours.advanced_text);
  Submission s = read_form(values, p, kToday);
  ASSERT_TRUE(s.place);
  EXPECT_EQ(s.place->horaires, "Jan-Jun Mo-Fr 09:00-12:00");
}

}  // namespace
}  // namespace relais::editing
