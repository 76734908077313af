#include "pages/orientation.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "pages/filters.h"
#include "pages/template_data.h"
#include "pages/templates.h"
#include "pages/wording.h"

namespace relais::pages {
namespace {

namespace mu = kainjow::mustache;

constexpr std::array<std::string_view, 7> kDayCodes{"lundi", "mardi", "mercredi", "jeudi",
                                                    "vendredi", "samedi", "dimanche"};
constexpr std::array<std::string_view, 4> kStepTitles{"Le besoin", "Les disponibilités", "Le lieu",
                                                      "L’accessibilité et la fiche"};

// --- helpers (shared with render.cpp in template_data.h) ------------------------

using detail::is_web_url;
using detail::join;
using detail::set_flag;
using detail::set_text;
using detail::string_list;

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }
std::string coordinate(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  return buffer;
}
std::string capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

mu::mustache& page_template(std::string_view name, bool in_layout) {
  return detail::cached_template(name, in_layout);
}

std::string render(std::string_view name, const Site& site, std::string_view title, mu::data& d) {
  d.set("title", std::string(title));
  d.set("site_name", site.name);
  d.set("site_tagline", site.tagline);
  mu::data css{mu::data::type::list};
  for (auto path : orientation_stylesheets()) {
    mu::data link;
    link.set("href", site.dsfr_prefix + "/" + std::string(path));
    css.push_back(link);
  }
  mu::data own;
  own.set("href", std::string(kOrientationCssPath));
  css.push_back(own);
  d.set("stylesheets", css);
  set_flag(d, "noindex", true);
  auto& tmpl = page_template(name, true);
  std::string html = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::logic_error("pages: render error: " + tmpl.error_message());
  return html;
}

// The state as hidden inputs, without the fields a step's form edits.
mu::data hidden_fields(const OrientationState& state, std::initializer_list<std::string_view> edited) {
  mu::data list{mu::data::type::list};
  auto add = [&](std::string_view name, std::string value) {
    if (std::find(edited.begin(), edited.end(), name) != edited.end() || value.empty()) return;
    mu::data field;
    field.set("name", std::string(name));
    field.set("value", std::move(value));
    list.push_back(field);
  };
  for (auto s : state.services) add("services", std::string(label(s)));
  for (auto h : state.half_days) add("dispo", half_day_code(h));
  if (state.open_now) add("open_now", "true");
  add("ou", state.where);
  add("radius", std::to_string(state.radius_km) + "km");
  add("lieu", state.place);
  for (auto p : state.prises_en_charge) add("prise_en_charge", std::string(label(p)));
  add("prenom", state.first_name);
  add("orienteur", state.worker);
  add("structure", state.structure);
  return list;
}

void set_step(mu::data& d, int number, const std::string& error) {
  d.set("step_number", std::to_string(number));
  d.set("step_title", std::string(kStepTitles[number - 1]));
  if (number < 4) d.set("next_step_title", std::string(kStepTitles[number]));
  set_text(d, "error", error);
}

std::vector<std::string> half_day_texts(const std::vector<HalfDay>& halves) {
  std::vector<std::string> out;
  for (auto h : halves) out.push_back(half_day_text(h));
  return out;
}

// "lundi, mardi après-midi, jeudi matin": a day with both halves is named
// alone; the whole week is "tous les jours".
std::string availability_text(const std::vector<HalfDay>& halves) {
  std::vector<std::string> parts;
  bool every = true;
  for (int day = 0; day < 7; ++day) {
    bool morning = std::find(halves.begin(), halves.end(), HalfDay{day, false}) != halves.end();
    bool afternoon = std::find(halves.begin(), halves.end(), HalfDay{day, true}) != halves.end();
    every = every && morning && afternoon;
    auto name = std::string(kDayCodes[static_cast<std::size_t>(day)]);
    if (morning && afternoon) {
      parts.push_back(name);
    } else if (morning || afternoon) {
      parts.push_back(name + (afternoon ? " après-midi" : " matin"));
    }
  }
  return every ? std::string("tous les jours") : join(parts, ", ");
}

// Fills what the sheet page and the e-mail share.
void fill_sheet(mu::data& d, const OrientationSheet& sheet) {
  const Place& p = sheet.place;
  const auto& state = sheet.state;
  set_text(d, "first_name", state.first_name);
  auto today = paris_local(sheet.now).day;
  d.set("date", std::string(weekday_name(std::chrono::weekday{std::chrono::sys_days{today}})) + " " + full_date(today));
  std::vector<std::string> needs;
  for (auto s : state.services) needs.emplace_back(service_wording(s).title);
  set_flag(d, "has_needs", !needs.empty());
  d.set("needs", string_list(needs));
  std::vector<std::string> care, care_unknown;
  for (auto c : state.prises_en_charge) {
    bool declared = std::find(p.prise_en_charge_specifique.begin(), p.prise_en_charge_specifique.end(), c) !=
                    p.prise_en_charge_specifique.end();
    (declared ? care : care_unknown).emplace_back(plain_label(c));
  }
  set_flag(d, "has_care", !care.empty() || !care_unknown.empty());
  set_text(d, "care", join(care, ", "));
  set_text(d, "care_unknown", join(care_unknown, ", "));
  std::string when = availability_text(state.half_days);
  if (state.open_now) when = when.empty() ? "maintenant" : "maintenant, " + when;
  set_text(d, "availability", when);

  d.set("nom", p.nom);
  d.set("address", postal_address(p));
  if (p.telephone && has_digit(*p.telephone)) d.set("telephone", phone_for_reading(*p.telephone));
  d.set("emails", string_list(p.courriels));
  std::vector<std::string> sites;
  for (const auto& url : p.site_web) {
    if (is_web_url(url)) sites.push_back(url);
  }
  d.set("websites", string_list(sites));
  if (p.prise_rdv && is_web_url(*p.prise_rdv)) d.set("prise_rdv", *p.prise_rdv);
  std::vector<std::string> frais;
  for (auto f : p.frais_a_charge) frais.emplace_back(plain_label(f));
  set_text(d, "frais", join(frais, ", "));

  auto hours = compile_hours(p.horaires);
  set_flag(d, "has_week", hours.has_value());
  if (hours) {
    mu::data week{mu::data::type::list};
    for (const auto& row : weekly_table(*hours, sheet.now)) {
      mu::data r;
      r.set("weekday", row.weekday);
      r.set("date", row.date);
      r.set("hours", row.hours);
      week.push_back(r);
    }
    d.set("week", week);
  }

  if (sheet.distance_metres && !sheet.where_label.empty()) {
    d.set("distance", distance(*sheet.distance_metres));
    d.set("where_label", sheet.where_label);
  }
  if (std::find(p.itinerance.begin(), p.itinerance.end(), Itinerance::Itinerant) != p.itinerance.end()) {
    d.set("itinerance", std::string("Ce lieu se déplace : appelez-le pour savoir où et quand il passe."));
  }
  std::vector<std::string> access;
  for (auto a : p.modalites_acces) access.emplace_back(plain_label(a));
  set_text(d, "access", join(access, ", "));
  if (p.coordinates) {
    auto lat = coordinate(p.coordinates->latitude), lon = coordinate(p.coordinates->longitude);
    d.set("osm_url", "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon);
  }
  if (p.fiche_acces_libre && is_web_url(*p.fiche_acces_libre)) d.set("acces_libre", *p.fiche_acces_libre);
  set_text(d, "worker", state.worker);
  set_text(d, "structure", state.structure);
  d.set("updated", p.date_maj.ok() ? full_date(p.date_maj) : std::string("à une date inconnue"));
}

}  // namespace

// --- state --------------------------------------------------------------------------

std::string half_day_code(HalfDay h) {
  return std::string(kDayCodes[static_cast<std::size_t>(h.weekday) % 7]) + (h.afternoon ? "-apres-midi" : "-matin");
}

std::optional<HalfDay> parse_half_day(std::string_view code) {
  for (int day = 0; day < 7; ++day) {
    auto name = kDayCodes[static_cast<std::size_t>(day)];
    if (!code.starts_with(name)) continue;
    auto rest = code.substr(name.size());
    if (rest == "-matin") return HalfDay{day, false};
    if (rest == "-apres-midi") return HalfDay{day, true};
  }
  return std::nullopt;
}

std::string half_day_text(HalfDay h) {
  return std::string(kDayCodes[static_cast<std::size_t>(h.weekday) % 7]) + (h.afternoon ? " après-midi" : " matin");
}

std::variant<OrientationState, std::string> read_orientation_state(
    const std::vector<std::pair<std::string, std::string>>& params, std::span<const std::string_view> ignored) {
  OrientationState state;
  std::vector<std::string_view> seen;
  auto once = [&](std::string_view name) -> bool {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) return false;
    seen.push_back(name);
    return true;
  };
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;  // forms send empty fields
    if (name == "services") {
      auto s = from_label<Service>(value);
      if (!s) return "Le besoin « " + value + " » n’existe pas.";
      if (std::find(state.services.begin(), state.services.end(), *s) == state.services.end()) state.services.push_back(*s);
    } else if (name == "dispo") {
      auto h = parse_half_day(value);
      if (!h) return "La disponibilité « " + value + " » n’est pas comprise.";
      if (std::find(state.half_days.begin(), state.half_days.end(), *h) == state.half_days.end()) {
        state.half_days.push_back(*h);
      }
    } else if (name == "open_now") {
      if (value != "true") return "« ouvert maintenant » doit valoir true.";
      state.open_now = true;
    } else if (name == "ou" || name == "lieu" || name == "prenom" || name == "orienteur" || name == "structure") {
      if (!once(name)) return "Le champ « " + name + " » est donné deux fois.";
      std::size_t max = name == "ou" ? 200 : name == "lieu" ? 300 : name == "prenom" ? kFirstNameMax : kWorkerFieldMax;
      // Characters, not bytes: count UTF-8 lead bytes.
      std::size_t chars = std::count_if(value.begin(), value.end(),
                                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
      if (chars > max) return "Le champ « " + name + " » est trop long (" + std::to_string(max) + " caractères au plus).";
      if (value.find_first_of("\r\n") != std::string::npos) return "Le champ « " + name + " » tient sur une ligne.";
      (name == "ou"          ? state.where
       : name == "lieu"      ? state.place
       : name == "prenom"    ? state.first_name
       : name == "orienteur" ? state.worker
                             : state.structure) = value;
    } else if (name == "radius") {
      bool ok = false;
      for (int km : kOrientationRadiiKm) {
        if (value == std::to_string(km) + "km") {
          state.radius_km = km;
          ok = true;
        }
      }
      if (!ok) return "La distance « " + value + " » n’est pas proposée.";
    } else if (name == "prise_en_charge") {
      auto p = from_label<PriseEnCharge>(value);
      if (!p) return "L’accueil adapté « " + value + " » n’existe pas.";
      if (std::find(state.prises_en_charge.begin(), state.prises_en_charge.end(), *p) == state.prises_en_charge.end()) {
        state.prises_en_charge.push_back(*p);
      }
    } else if (std::find(ignored.begin(), ignored.end(), name) == ignored.end()) {
      return "Le paramètre « " + name + " » n’existe pas sur cette page.";
    }
  }
  std::sort(state.half_days.begin(), state.half_days.end(),
            [](HalfDay a, HalfDay b) { return a.weekday * 2 + a.afternoon < b.weekday * 2 + b.afternoon; });
  return state;
}

std::string orientation_query(const OrientationState& state) {
  std::string out;
  auto add = [&](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += form_encode(value);
  };
  for (auto s : state.services) add("services", label(s));
  for (auto h : state.half_days) add("dispo", half_day_code(h));
  if (state.open_now) add("open_now", "true");
  add("ou", state.where);
  if (!state.where.empty()) add("radius", std::to_string(state.radius_km) + "km");
  add("lieu", state.place);
  for (auto p : state.prises_en_charge) add("prise_en_charge", label(p));
  add("prenom", state.first_name);
  add("orienteur", state.worker);
  add("structure", state.structure);
  return out;
}

std::string orientation_url(std::string_view path, const OrientationState& state) {
  auto query = orientation_query(state);
  return query.empty() ? std::string(path) : std::string(path) + "?" + query;
}

std::vector<HalfDay> available_half_days(const hours::OpeningHours& hours, std::span<const HalfDay> wanted,
                                         std::chrono::sys_seconds now) {
  std::vector<HalfDay> out;
  auto local = paris_local(now);
  auto today = std::chrono::sys_days{local.day};
  for (int offset = 0; offset < 7; ++offset) {
    auto day = today + std::chrono::days{offset};
    int weekday = static_cast<int>((std::chrono::weekday{day}.c_encoding() + 6) % 7);
    auto schedule = hours.day_schedule(date::sys_days{date::days{day.time_since_epoch().count()}});
    for (auto h : wanted) {
      if (h.weekday != weekday) continue;
      int from = h.afternoon ? 720 : 0, to = h.afternoon ? 1440 : 720;
      if (offset == 0) from = std::max(from, local.minute);
      bool open = false;
      for (int m = from; m < to && !open; ++m) open = schedule.test(static_cast<std::size_t>(m));
      if (open && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
    }
  }
  std::sort(out.begin(), out.end(),
            [](HalfDay a, HalfDay b) { return a.weekday * 2 + a.afternoon < b.weekday * 2 + b.afternoon; });
  return out;
}

std::span<const NeedFamily> need_families() {
  static const std::vector<NeedFamily> kFamilies{
      {"Apprendre les bases",
       "Pour une personne qui débute : se servir d’un ordinateur, d’un téléphone, d’une boîte e-mail.",
       {Service::MaitriseOutilsNumeriques}},
      {"Faire ses démarches",
       "Pour une démarche précise en ligne : CAF, impôts, santé, retraite, ou chercher un emploi.",
       {Service::AideDemarchesAdministratives, Service::InsertionProfessionnelle}},
      {"Manque de matériel",
       "Pour une personne sans ordinateur, sans imprimante ou sans internet, ou qui veut s’équiper à petit prix.",
       {Service::AccesInternetMateriel, Service::AcquisitionMaterielPrixSolidaire}},
      {"Mieux vivre avec le numérique",
       "Pour aller plus loin : se protéger, comprendre, créer, accompagner ses enfants.",
       {Service::UtilisationSecurisee, Service::ComprehensionMondeNumerique, Service::ParentaliteEducation,
        Service::LoisirsCreations}},
  };
  return kFamilies;
}

std::string_view orientation_css() {
  // Screen: a few layout rules the DSFR has no class for. Print: one A4
  // portrait page; the header, skip links, footer, steps and forms are hidden,
  // the sheet is set in two columns with compact type.
  return R"css(.orientation-liste{padding-left:1.5rem}
.orientation-jour{margin-bottom:0}
.fiche-lien{overflow-wrap:anywhere;word-break:break-word}
.fiche-table th{text-align:left;padding:.125rem 1rem .125rem 0;font-weight:700;white-space:nowrap}
.fiche-table td{padding:.125rem 0}
@media (min-width:48em){.fiche-colonnes{display:grid;grid-template-columns:1fr 1fr;column-gap:2rem}}
@page{size:A4 portrait;margin:10mm 12mm}
@media print{
.fr-header,.fr-skiplinks,.fr-footer,.fr-no-print,.fr-stepper{display:none!important}
html,body{font-size:9.5pt;line-height:1.25;background:#fff;color:#000}
main,.fiche{margin:0!important;padding:0!important;max-width:none!important;width:auto!important}
.fiche h1{font-size:16pt;line-height:1.2;margin:0 0 1mm}
.fiche h2{font-size:11.5pt;line-height:1.2;margin:0 0 1.5mm;padding-bottom:.5mm;border-bottom:.3mm solid #000}
.fiche p,.fiche ul,.fiche table,.fiche li{font-size:9.5pt;line-height:1.25;margin:0 0 1mm}
.fiche ul{padding-left:5mm}
.fiche li{margin:0;padding:0}
.fiche-date{margin-bottom:3mm!important}
.fiche-colonnes{display:grid;grid-template-columns:1fr 1fr;column-gap:7mm}
.fiche-bloc{margin-bottom:2mm}
.fiche-table{border-collapse:collapse}
.fiche-table th,.fiche-table td{font-size:9pt!important;padding:.2mm 2mm .2mm 0;vertical-align:top}
.fiche-lien,.fiche-contacts li{font-size:8.5pt!important;overflow-wrap:anywhere;word-break:break-all}
.fiche-orienteur{border:.3mm solid #000;padding:2mm 3mm}
a[href]::after{content:none!important}
}
)css";
}

std::span<const std::string_view> orientation_stylesheets() {
  static constexpr std::array<std::string_view, 14> kList{
      "core/core.min.css",
      "component/link/link.min.css",
      "component/button/button.min.css",
      "component/badge/badge.min.css",
      "component/form/form.min.css",
      "component/input/input.min.css",
      "component/select/select.min.css",
      "component/checkbox/checkbox.min.css",
      "component/logo/logo.min.css",
      "component/skiplink/skiplink.min.css",
      "component/alert/alert.min.css",
      "component/stepper/stepper.min.css",
      "component/header/header.min.css",
      "component/footer/footer.min.css",
  };
  return kList;
}

// --- pages --------------------------------------------------------------------------

std::string render_orientation_need(const OrientationStep& page) {
  mu::data d;
  set_step(d, 1, page.error);
  d.set("hidden", hidden_fields(page.state, {"services"}));
  mu::data families{mu::data::type::list};
  std::size_t index = 0;
  for (const auto& family : need_families()) {
    mu::data f;
    f.set("index", std::to_string(++index));
    f.set("title", std::string(family.title));
    f.set("explanation", std::string(family.explanation));
    mu::data services{mu::data::type::list};
    for (auto s : family.services) {
      mu::data item;
      auto wording = service_wording(s);
      item.set("id", std::to_string(static_cast<int>(s) + 1));
      item.set("value", std::string(label(s)));
      item.set("title", std::string(wording.title));
      item.set("examples", std::string(wording.examples));
      set_flag(item, "checked", std::find(page.state.services.begin(), page.state.services.end(), s) !=
                                    page.state.services.end());
      services.push_back(item);
    }
    f.set("services", services);
    families.push_back(f);
  }
  d.set("families", families);
  return render("orientation_need", page.site, "Orienter une personne – étape 1 sur 4 : le besoin", d);
}

std::string render_orientation_availability(const OrientationStep& page) {
  mu::data d;
  set_step(d, 2, page.error);
  d.set("hidden", hidden_fields(page.state, {"dispo", "open_now"}));
  mu::data days{mu::data::type::list};
  for (int day = 0; day < 7; ++day) {
    mu::data item;
    item.set("code", std::string(kDayCodes[static_cast<std::size_t>(day)]));
    item.set("name", capitalized(kDayCodes[static_cast<std::size_t>(day)]));
    mu::data halves{mu::data::type::list};
    for (bool afternoon : {false, true}) {
      HalfDay h{day, afternoon};
      mu::data half;
      half.set("value", half_day_code(h));
      half.set("label", std::string(afternoon ? "L’après-midi" : "Le matin"));
      set_flag(half, "checked", std::find(page.state.half_days.begin(), page.state.half_days.end(), h) !=
                                    page.state.half_days.end());
      halves.push_back(half);
    }
    item.set("halves", halves);
    days.push_back(item);
  }
  d.set("days", days);
  set_flag(d, "open_now", page.state.open_now);
  d.set("back_url", orientation_url("/orientation", page.state));
  return render("orientation_availability", page.site, "Orienter une personne – étape 2 sur 4 : les disponibilités",
                d);
}

std::string render_orientation_places(const OrientationPlacesPage& page) {
  const auto& state = page.step.state;
  mu::data d;
  set_step(d, 3, page.step.error);
  d.set("hidden", hidden_fields(state, {"ou", "radius", "lieu"}));
  d.set("where", state.where);
  set_text(d, "where_error", page.where_error);
  mu::data radii{mu::data::type::list};
  for (int km : kOrientationRadiiKm) {
    mu::data r;
    r.set("value", std::to_string(km) + "km");
    r.set("km", std::to_string(km));
    set_flag(r, "selected", km == state.radius_km);
    radii.push_back(r);
  }
  d.set("radii", radii);
  bool searched = !page.where_label.empty();
  set_flag(d, "searched", searched);
  if (searched) {
    std::string heading = page.total == 0   ? "Aucun lieu trouvé"
                          : page.total == 1 ? std::string("1 lieu trouvé")
                                            : count(page.total) + " lieux trouvés";
    heading += " à moins de " + std::to_string(state.radius_km) + " km de " + page.where_label;
    d.set("count_heading", heading);
    std::vector<std::string> criteria;
    for (auto s : state.services) criteria.emplace_back(service_wording(s).title);
    std::string summary;
    if (!criteria.empty()) summary = "Pour : " + join(criteria, ", ") + ". ";
    if (state.open_now) summary += "Ouverts maintenant. ";
    if (!state.half_days.empty()) summary += "Ouverts au moins un de ces moments : " + join(half_day_texts(state.half_days), ", ") + ". ";
    if (!state.prises_en_charge.empty()) {
      std::vector<std::string> care;
      for (auto p : state.prises_en_charge) care.emplace_back(plain_label(p));
      summary += "Accueil adapté : " + join(care, ", ") + ".";
    }
    if (page.total > page.places.size()) summary += " Voici les " + std::to_string(page.places.size()) + " plus proches.";
    set_text(d, "summary", summary);
    if (page.without_hours > 0) {
      d.set("without_hours", count(page.without_hours) +
                                 (page.without_hours == 1 ? " lieu n’a pas donné ses horaires : il n’est pas proposé."
                                                          : " lieux n’ont pas donné leurs horaires : ils ne sont pas proposés."));
    }
  }
  mu::data places{mu::data::type::list};
  for (const auto& c : page.places) {
    const auto& p = c.summary;
    mu::data item;
    item.set("nom", p.nom);
    item.set("address", p.address);
    if (p.distance_metres) item.set("distance", distance(*p.distance_metres));
    set_flag(item, "open", p.open.status == OpenStatus::Open);
    item.set("open_headline", p.open.headline);
    set_text(item, "open_detail", p.open.detail);
    set_text(item, "matching", join(half_day_texts(c.matching), ", "));
    std::vector<std::string> services;
    for (auto s : p.services) services.emplace_back(service_wording(s).title);
    set_text(item, "services", join(services, " · "));
    OrientationState chosen = state;
    chosen.place = p.id;
    item.set("choose_url", orientation_url("/orientation/accessibilite", chosen));
    places.push_back(item);
  }
  d.set("places", places);
  d.set("back_url", orientation_url("/orientation/disponibilite", state));
  return render("orientation_places", page.step.site, "Orienter une personne – étape 3 sur 4 : le lieu", d);
}

std::string render_orientation_access(const OrientationAccessPage& page) {
  const auto& state = page.step.state;
  const Place& p = page.place;
  mu::data d;
  set_step(d, 4, page.step.error);
  d.set("hidden", hidden_fields(state, {"prise_en_charge", "prenom", "orienteur", "structure"}));
  d.set("nom", p.nom);
  d.set("address", postal_address(p));
  mu::data care{mu::data::type::list};
  for (std::size_t i = 0; i < enum_count<PriseEnCharge>(); ++i) {
    auto value = static_cast<PriseEnCharge>(i);
    mu::data item;
    item.set("index", std::to_string(i + 1));
    item.set("value", std::string(label(value)));
    item.set("label", std::string(plain_label(value)));
    bool declared = std::find(p.prise_en_charge_specifique.begin(), p.prise_en_charge_specifique.end(), value) !=
                    p.prise_en_charge_specifique.end();
    set_flag(item, "declared", declared);
    set_flag(item, "checked", std::find(state.prises_en_charge.begin(), state.prises_en_charge.end(), value) !=
                                  state.prises_en_charge.end());
    OrientationState search = state;
    search.place.clear();
    if (std::find(search.prises_en_charge.begin(), search.prises_en_charge.end(), value) ==
        search.prises_en_charge.end()) {
      search.prises_en_charge.push_back(value);
    }
    item.set("search_url", orientation_url("/orientation/lieu", search));
    care.push_back(item);
  }
  d.set("care", care);
  if (p.fiche_acces_libre && is_web_url(*p.fiche_acces_libre)) d.set("fiche_acces_libre", *p.fiche_acces_libre);
  d.set("first_name", state.first_name);
  d.set("worker", state.worker);
  d.set("structure", state.structure);
  d.set("first_name_max", std::to_string(kFirstNameMax));
  d.set("worker_max", std::to_string(kWorkerFieldMax));
  OrientationState back = state;
  back.place.clear();
  d.set("back_url", orientation_url("/orientation/lieu", back));
  return render("orientation_access", page.step.site,
                "Orienter une personne – étape 4 sur 4 : accessibilité et fiche – " + p.nom, d);
}

std::string render_orientation_sheet(const OrientationSheet& sheet) {
  mu::data d;
  fill_sheet(d, sheet);
  set_flag(d, "mail_enabled", sheet.mail_enabled);
  d.set("hidden", hidden_fields(sheet.state, {}));
  d.set("recipient", sheet.recipient);
  set_text(d, "recipient_error", sheet.recipient_error);
  d.set("back_url", orientation_url("/orientation/accessibilite", sheet.state));
  std::string title = "Fiche d’orientation – " + sheet.place.nom;
  if (!sheet.recipient_error.empty()) title = "Erreur dans le formulaire – " + title;
  return render("orientation_sheet", sheet.site, title, d);
}

OrientationMailContent orientation_mail(const OrientationSheet& sheet) {
  mu::data d;
  fill_sheet(d, sheet);
  auto& tmpl = page_template("orientation_mail", false);
  OrientationMailContent out;
  out.html = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::logic_error("pages: render error: " + tmpl.error_message());
  out.subject = "Fiche d’orientation : " + sheet.place.nom;

  // The plain-text alternative, same content in the same order.
  const Place& p = sheet.place;
  const auto& state = sheet.state;
  std::string t;
  t += "FICHE D’ORIENTATION";
  if (!state.first_name.empty()) t += " POUR " + state.first_name;
  auto today = paris_local(sheet.now).day;
  t += "\nLe " + std::string(weekday_name(std::chrono::weekday{std::chrono::sys_days{today}})) + " " + full_date(today) + "\n";
  t += "\nBESOIN\n";
  if (state.services.empty()) t += "- Aide au numérique\n";
  for (auto s : state.services) t += "- " + std::string(service_wording(s).title) + "\n";
  if (!state.prises_en_charge.empty()) {
    std::vector<std::string> care;
    for (auto c : state.prises_en_charge) {
      bool declared = std::find(p.prise_en_charge_specifique.begin(), p.prise_en_charge_specifique.end(), c) !=
                      p.prise_en_charge_specifique.end();
      care.push_back(std::string(plain_label(c)) + (declared ? "" : " (non indiqué par le lieu : appelez avant)"));
    }
    t += "Accueil adapté : " + join(care, ", ") + "\n";
  }
  std::string when = availability_text(state.half_days);
  if (state.open_now) when = when.empty() ? "maintenant" : "maintenant, " + when;
  if (!when.empty()) t += "Disponible : " + when + "\n";
  t += "\nLE LIEU\n" + p.nom + "\n" + postal_address(p) + "\n";
  if (p.telephone && has_digit(*p.telephone)) t += "Téléphone : " + phone_for_reading(*p.telephone) + "\n";
  for (const auto& e : p.courriels) t += "E-mail : " + e + "\n";
  for (const auto& w : p.site_web) {
    if (is_web_url(w)) t += "Site : " + w + "\n";
  }
  if (p.prise_rdv && is_web_url(*p.prise_rdv)) t += "Rendez-vous en ligne : " + *p.prise_rdv + "\n";
  t += "\nHORAIRES\n";
  if (auto hours = compile_hours(p.horaires)) {
    for (const auto& row : weekly_table(*hours, sheet.now)) t += row.weekday + " " + row.date + " : " + row.hours + "\n";
  } else {
    t += "Le lieu n’a pas indiqué ses horaires. Appelez-le avant d’y aller.\n";
  }
  t += "\nCOMMENT Y ALLER\n" + postal_address(p) + "\n";
  if (sheet.distance_metres && !sheet.where_label.empty()) {
    t += "À " + distance(*sheet.distance_metres) + " à vol d’oiseau du centre de " + sheet.where_label + ".\n";
  }
  if (std::find(p.itinerance.begin(), p.itinerance.end(), Itinerance::Itinerant) != p.itinerance.end()) {
    t += "Ce lieu se déplace : appelez-le pour savoir où et quand il passe.\n";
  }
  if (p.coordinates) {
    auto lat = coordinate(p.coordinates->latitude), lon = coordinate(p.coordinates->longitude);
    t += "Carte : https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon + "\n";
  }
  t += "\nORIENTATION RÉALISÉE PAR\n" + (state.worker.empty() ? std::string("Non précisé") : state.worker);
  if (!state.structure.empty()) t += ", " + state.structure;
  t += "\n\nInformations sur le lieu mises à jour le " +
       (p.date_maj.ok() ? full_date(p.date_maj) : std::string("à une date inconnue")) +
       ". Elles peuvent changer : appelez le lieu en cas de doute.\n";
  out.text = std::move(t);
  return out;
}

std::string render_orientation_sent(const OrientationSentPage& page) {
  mu::data d;
  d.set("recipient", page.recipient);
  d.set("sheet_url", page.sheet_url);
  return render("orientation_sent", page.site, "Fiche envoyée", d);
}

}  // namespace relais::pages
