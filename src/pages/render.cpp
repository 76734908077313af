#include "pages/render.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "pages/scripts.h"
#include "pages/slotted_text.h"
#include "pages/template_data.h"
#include "pages/templates.h"
#include "pages/wording.h"

namespace relais::pages {
namespace {

namespace mu = kainjow::mustache;
using namespace std::string_view_literals;

// --- stylesheets -------------------------------------------------------------

// Every DSFR stylesheet a page may link, in the DSFR's dependency order (core
// first, components after the components they build on).
enum Css : unsigned {
  kCore = 1u << 0, kLink = 1u << 1, kButton = 1u << 2, kBadge = 1u << 3, kTag = 1u << 4,
  kForm = 1u << 5, kInput = 1u << 6, kSelect = 1u << 7, kCheckbox = 1u << 8, kRadio = 1u << 9,
  kLogo = 1u << 10, kSkiplink = 1u << 11, kBreadcrumb = 1u << 12, kNotice = 1u << 13,
  kAlert = 1u << 14, kTable = 1u << 15, kPagination = 1u << 16, kHeader = 1u << 17,
  kFooter = 1u << 18,
};
constexpr std::array<std::string_view, 19> kCssPaths{
    "core/core.min.css",
    "component/link/link.min.css",
    "component/button/button.min.css",
    "component/badge/badge.min.css",
    "component/tag/tag.min.css",
    "component/form/form.min.css",
    "component/input/input.min.css",
    "component/select/select.min.css",
    "component/checkbox/checkbox.min.css",
    "component/radio/radio.min.css",
    "component/logo/logo.min.css",
    "component/skiplink/skiplink.min.css",
    "component/breadcrumb/breadcrumb.min.css",
    "component/notice/notice.min.css",
    "component/alert/alert.min.css",
    "component/table/table.min.css",
    "component/pagination/pagination.min.css",
    "component/header/header.min.css",
    "component/footer/footer.min.css",
};
constexpr unsigned kLayoutCss = kCore | kLink | kButton | kLogo | kSkiplink | kHeader | kFooter;

unsigned css_of(PageKind kind) {
  switch (kind) {
    case PageKind::Home: return kLayoutCss | kForm | kInput | kRadio;
    case PageKind::Results:
      // No breadcrumb (the header links home) and no tags: with the two
      // Marianne weights, a first visit stays under the 150 KB budget.
      return kLayoutCss | kForm | kInput | kSelect | kCheckbox | kBadge | kPagination | kAlert;
    case PageKind::Place: return kLayoutCss | kBreadcrumb | kNotice | kBadge | kTag | kTable;
    case PageKind::Report: return kLayoutCss | kBreadcrumb | kForm | kInput | kCheckbox | kAlert;
    case PageKind::ReportSent:
    case PageKind::Error: return kLayoutCss;
  }
  return kLayoutCss;
}

std::vector<std::string_view> make_css_list(PageKind kind) {
  std::vector<std::string_view> out;
  unsigned mask = css_of(kind);
  for (std::size_t i = 0; i < kCssPaths.size(); ++i) {
    if (mask & (1u << i)) out.push_back(kCssPaths[i]);
  }
  return out;
}

// --- templates ---------------------------------------------------------------

std::string_view template_name(PageKind kind) {
  switch (kind) {
    case PageKind::Home: return "home";
    case PageKind::Results: return "results";
    case PageKind::Place: return "place";
    case PageKind::Report: return "report";
    case PageKind::ReportSent: return "report_sent";
    case PageKind::Error: return "error";
  }
  return "error";
}

// kainjow's mustache object records render errors in a member, so one parsed
// template per thread and page kind.
mu::mustache& page_template(PageKind kind) {
  thread_local std::array<std::unique_ptr<mu::mustache>, 6> cache;
  auto& slot = cache[static_cast<std::size_t>(kind)];
  if (!slot) {
    slot = std::make_unique<mu::mustache>(detail::expanded_template("layout", template_name(kind)));
    if (!slot->is_valid()) {
      throw std::logic_error("pages: template " + std::string(template_name(kind)) + ": " + slot->error_message());
    }
  }
  return *slot;
}

// --- data helpers (shared ones in template_data.h) ----------------------------

using detail::add_to;
using detail::is_web_url;
using detail::join;
using detail::set_flag;
using detail::set_text;
using detail::string_list;


template <typename E>
std::vector<std::string> plain_labels(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(plain_label(v));
  return out;
}


// `omit`: a stylesheet of stylesheets(kind) this rendering does not need (the
// alert of the results page when there is no warning), so a first visit does
// not download it.
std::string render_page(PageKind kind, const Site& site, std::string_view title, mu::data& d,
                        std::string_view omit = {}) {
  d.set("title", std::string(title));
  d.set("site_name", site.name);
  d.set("site_tagline", site.tagline);
  mu::data& css = add_to(d, "stylesheets", mu::data::type::list);
  for (auto path : stylesheets(kind)) {
    if (path == omit) continue;
    add_to(css).set("href", site.dsfr_prefix + "/" + std::string(path));
  }
  auto& tmpl = page_template(kind);
  std::string html = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::logic_error("pages: render error: " + tmpl.error_message());
  return html;
}


std::string url_text(std::string_view url) {
  for (auto prefix : {"https://"sv, "http://"sv}) {
    if (url.size() > prefix.size() && url.substr(0, prefix.size()) == prefix) {
      url.remove_prefix(prefix.size());
      break;
    }
  }
  if (url.substr(0, 4) == "www.") url.remove_prefix(4);
  if (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

// "+33 4 78 00 00 00" -> "+33478000000"; empty when no digit.
std::string telephone_href(std::string_view phone) {
  std::string out;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
  }
  return out.find_first_of("0123456789") == std::string::npos ? std::string() : out;
}

std::string frais_text(const std::vector<Frais>& frais) {
  std::vector<std::string> labels;
  for (Frais f : frais) labels.emplace_back(plain_label(f));
  return join(labels, ", ");
}

std::vector<std::string> service_titles(const std::vector<Service>& services) {
  std::vector<std::string> out;
  for (Service s : services) out.emplace_back(service_wording(s).title);
  return out;
}

// --- results helpers -----------------------------------------------------------

// The filter form of the results page (templates/results_filters.mustache),
// rendered once with a marker for each value that depends on the request, then
// filled per request by concatenation (slotted_text.h says why). Each flag is
// a mustache lambda: called during that one rendering with its section's text
// (" checked"), it records the text and its test and leaves a marker.
class FilterForm {
 public:
  static const FilterForm& instance() {
    static const FilterForm form;
    return form;
  }

  void append_to(std::string& out, const SearchFilters& f) const {
    std::vector<std::string> values;
    values.reserve(slots_.size());
    for (const auto& slot : slots_) {
      values.push_back(slot.value ? slot.value(f) : slot.test(f) ? slot.text : std::string());
    }
    text_->append_to(out, values);
  }

 private:
  struct Slot {
    std::string text;                                     // a flag's section text
    std::function<bool(const SearchFilters&)> test;       // a flag: is it set?
    std::function<std::string(const SearchFilters&)> value;  // a value: escaped text
  };
  using Test = std::function<bool(const SearchFilters&)>;

  FilterForm() {
    mu::data d;
    add_value(d, "where", [](const SearchFilters& f) { return mu::html_escape(f.where); });
    add_value(d, "clear_url", [](const SearchFilters& f) {
      SearchFilters only_where;
      only_where.where = f.where;
      return mu::html_escape(search_url(only_where));
    });
    add_flag(d, "nearest_selected", [](const SearchFilters& f) {
      return !f.radius_km || std::find(std::begin(kRadiusChoicesKm), std::end(kRadiusChoicesKm), *f.radius_km) ==
                                 std::end(kRadiusChoicesKm);
    });
    mu::data& radius = add_to(d, "radius_choices", mu::data::type::list);
    for (int km : kRadiusChoicesKm) {
      mu::data& option = add_to(radius);
      option.set("value", std::to_string(km) + "km");
      option.set("km", std::to_string(km));
      add_flag(option, "selected", [km](const SearchFilters& f) { return f.radius_km == km; });
    }
    mu::data& when = add_to(d, "when_options", mu::data::type::list);
    for (auto [id, text, member] : {std::tuple{"open_now", "Ouvert maintenant", &SearchFilters::open_now},
                                    std::tuple{"weekend", "Ouvert le week-end", &SearchFilters::weekend},
                                    std::tuple{"prise_rdv", "Rendez-vous en ligne possible",
                                               &SearchFilters::online_booking}}) {
      mu::data& option = add_to(when);
      option.set("id", std::string(id));
      option.set("name", std::string(id));
      option.set("label", std::string(text));
      add_flag(option, "checked", [member](const SearchFilters& f) { return f.*member; });
    }
    mu::data& groups = add_to(d, "groups", mu::data::type::list);
    {
      mu::data& fieldsets = add_group(groups, "", false, [](const SearchFilters&) { return true; });
      add_fieldset(fieldsets, "services", "Pour faire quoi ?", &SearchFilters::services);
      add_fieldset(fieldsets, "frais", "Prix", &SearchFilters::frais);
    }
    {
      mu::data& fieldsets = add_group(groups, "Pour qui ?", true, [](const SearchFilters& f) {
        return !f.publics.empty() || !f.prises_en_charge.empty();
      });
      add_fieldset(fieldsets, "publics", "Publics", &SearchFilters::publics);
      add_fieldset(fieldsets, "prise_en_charge", "Accueil adapté", &SearchFilters::prises_en_charge);
    }
    {
      mu::data& fieldsets = add_group(groups, "Comment ?", true, [](const SearchFilters& f) {
        return !f.modalites_acces.empty() || !f.modalites_accompagnement.empty();
      });
      add_fieldset(fieldsets, "modalites_acces", "Comment y accéder", &SearchFilters::modalites_acces);
      add_fieldset(fieldsets, "modalites_accompagnement", "Comment on vous aide",
                   &SearchFilters::modalites_accompagnement);
    }
    {
      mu::data& fieldsets = add_group(groups, "Réseaux et labels", true, [](const SearchFilters& f) {
        return !f.dispositifs.empty() || !f.labels.empty();
      });
      add_fieldset(fieldsets, "dispositifs", "Réseaux nationaux", &SearchFilters::dispositifs);
      add_fieldset(fieldsets, "labels", "Formations et labels", &SearchFilters::labels);
    }
    mu::mustache tmpl{detail::expanded_template("results_filters")};
    std::string rendered = tmpl.render(d);
    if (!tmpl.is_valid()) throw std::logic_error("pages: results_filters: " + tmpl.error_message());
    // The page template puts the form on a line of its own.
    while (!rendered.empty() && rendered.front() == '\n') rendered.erase(0, 1);
    while (!rendered.empty() && rendered.back() == '\n') rendered.pop_back();
    text_.emplace(rendered);
    if (text_->slot_count() != slots_.size()) throw std::logic_error("pages: results_filters: a value is not shown");
  }

  void add_value(mu::data& d, const std::string& key, std::function<std::string(const SearchFilters&)> value) {
    d.set(key, detail::SlottedText::marker(slots_.size()));
    slots_.push_back({{}, {}, std::move(value)});
  }

  void add_flag(mu::data& d, const std::string& key, Test test) {
    std::size_t index = slots_.size();
    slots_.push_back({{}, std::move(test), {}});
    d.set(key, mu::data{mu::lambda{[this, index](const std::string& section) {
      if (section.find("{{") != std::string::npos) {
        throw std::logic_error("pages: results_filters: a flag's section holds a tag");
      }
      slots_[index].text = section;
      return detail::SlottedText::marker(index);
    }}});
  }

  // A group of fieldsets, its `open` flag; returns its (empty) list of fieldsets.
  mu::data& add_group(mu::data& groups, std::string_view summary, bool collapsible, Test open) {
    mu::data& group = add_to(groups);
    set_flag(group, "collapsible", collapsible);
    group.set("summary", std::string(summary));
    add_flag(group, "open", std::move(open));
    return add_to(group, "fieldsets", mu::data::type::list);
  }

  template <typename E>
  void add_fieldset(mu::data& fieldsets, std::string_view name, std::string_view legend,
                    std::vector<E> SearchFilters::*selected) {
    mu::data& fieldset = add_to(fieldsets);
    fieldset.set("name", std::string(name));
    fieldset.set("legend", std::string(legend));
    mu::data& options = add_to(fieldset, "options", mu::data::type::list);
    for (std::size_t i = 0; i < enum_count<E>(); ++i) {
      E value = static_cast<E>(i);
      mu::data& option = add_to(options);
      option.set("id", std::string(name) + "-" + std::to_string(i));
      option.set("name", std::string(name));
      option.set("value", std::string(label(value)));
      if constexpr (std::is_same_v<E, Service>) {
        option.set("label", std::string(service_wording(value).title));
      } else {
        option.set("label", std::string(plain_label(value)));
      }
      add_flag(option, "checked", [selected, value](const SearchFilters& f) {
        const auto& chosen = f.*selected;
        return std::find(chosen.begin(), chosen.end(), value) != chosen.end();
      });
    }
  }

  std::vector<Slot> slots_;
  std::optional<detail::SlottedText> text_;
};

std::string count_heading(const ResultsPage& page, std::size_t pages) {
  if (page.total) {
    std::size_t total = *page.total;
    std::string out = total == 0   ? std::string("Aucun lieu trouvé")
                      : total == 1 ? std::string("1 lieu trouvé")
                                   : count(total) + " lieux trouvés";
    if (pages > 1) out += " – page " + std::to_string(page.page) + " sur " + std::to_string(pages);
    return out;
  }
  if (page.places.empty()) return page.page > 1 ? "Aucun autre lieu" : "Aucun lieu trouvé";
  std::string out = page.places.size() == 1 ? std::string("Le lieu le plus proche")
                                            : "Les " + count(page.places.size()) + " lieux les plus proches";
  if (page.page > 1) out += " – page " + std::to_string(page.page);
  return out;
}

std::string map_places_json(const std::vector<PlaceSummary>& places) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : places) {
    if (!p.coordinates) continue;
    list.push_back({{"id", p.id},
                    {"nom", p.nom},
                    {"url", place_path(p.id)},
                    {"lat", p.coordinates->latitude},
                    {"lon", p.coordinates->longitude}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string status_heading(int status) {
  switch (status) {
    case 400: return "La demande n’est pas comprise";
    case 404: return "Page introuvable";
    default: return "Le site rencontre un problème";
  }
}

std::string status_explanation(int status) {
  switch (status) {
    case 400:
      return "Un élément de l’adresse de la page n’est pas compris. Vérifiez les filtres ou recommencez la "
             "recherche depuis l’accueil.";
    case 404:
      return "La page que vous cherchez n’existe pas ou n’existe plus. Si vous avez tapé l’adresse, vérifiez-la.";
    default:
      return "Ce n’est pas de votre faute. Réessayez dans quelques minutes.";
  }
}

}  // namespace

// -----------------------------------------------------------------------------

std::span<const std::string_view> stylesheets(PageKind kind) {
  static const std::array<std::vector<std::string_view>, 6> kLists{
      make_css_list(PageKind::Home),   make_css_list(PageKind::Results),    make_css_list(PageKind::Place),
      make_css_list(PageKind::Report), make_css_list(PageKind::ReportSent), make_css_list(PageKind::Error)};
  return kLists[static_cast<std::size_t>(kind)];
}

std::string postal_address(const Place& place) {
  std::string out = place.adresse;
  if (place.complement_adresse && !place.complement_adresse->empty()) {
    if (!out.empty()) out += ", ";
    out += *place.complement_adresse;
  }
  std::string town = place.code_postal;
  if (!place.commune.empty()) {
    if (!town.empty()) town += ' ';
    town += place.commune;
  }
  if (!town.empty()) {
    if (!out.empty()) out += ", ";
    out += town;
  }
  return out;
}

PlaceSummary summarize(const Place& place, std::optional<double> distance_metres, std::chrono::sys_seconds now) {
  auto hours = compile_hours(place.horaires);
  return summarize(place, hours ? &*hours : nullptr, distance_metres, now);
}

PlaceSummary summarize(const Place& place, const hours::OpeningHours* hours, std::optional<double> distance_metres,
                       std::chrono::sys_seconds now) {
  PlaceSummary s;
  s.id = place.id;
  s.nom = place.nom;
  s.address = postal_address(place);
  s.distance_metres = distance_metres;
  s.open = open_state(hours, now);
  s.frais = place.frais_a_charge;
  s.services = place.services;
  s.coordinates = place.coordinates;
  return s;
}

bool is_outdated(std::chrono::year_month_day date_maj, std::chrono::sys_seconds now) {
  if (!date_maj.ok()) return true;
  auto today = std::chrono::sys_days{paris_local(now).day};
  return (today - std::chrono::sys_days{date_maj}).count() > kOutdatedAfterDays;
}

std::string report_path(std::string_view place_id) { return place_path(place_id) + "/signaler"; }

// --- 1. Home -------------------------------------------------------------------

std::string render_home(const HomePage& page) {
  mu::data d;
  mu::data services{mu::data::type::list};
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) {
    auto service = static_cast<Service>(i);
    auto wording = service_wording(service);
    mu::data item;
    item.set("index", std::to_string(i + 1));
    item.set("value", std::string(label(service)));
    item.set("title", std::string(wording.title));
    item.set("examples", std::string(wording.examples));
    // A single choice: the first selected service is checked.
    set_flag(item, "checked", !page.filters.services.empty() && page.filters.services.front() == service);
    services.push_back(item);
  }
  d.set("services", services);
  set_flag(d, "any_service", !page.filters.services.empty());
  d.set("where", page.filters.where);
  return render_page(PageKind::Home, page.site, "Trouver de l’aide pour le numérique", d);
}

// --- 2. Results ------------------------------------------------------------------

std::string render_results(const ResultsPage& page) {
  const auto& f = page.filters;
  std::size_t page_size = std::max<std::size_t>(1, page.page_size);
  std::size_t current = std::max<std::size_t>(1, page.page);
  std::size_t pages = page.total ? std::max<std::size_t>(1, (*page.total + page_size - 1) / page_size) : 0;

  mu::data d;
  d.set("heading", page.where_label.empty() ? std::string("Où trouver de l’aide pour le numérique")
                                            : "Où trouver de l’aide près de " + page.where_label);
  set_text(d, "where_error", page.where_error);
  set_flag(d, "has_filters", true);
  std::string form;
  FilterForm::instance().append_to(form, f);
  d.set("filters_form_html", form);

  // The list.
  std::string heading = count_heading(page, pages);
  d.set("count_heading", heading);
  set_flag(d, "has_places", !page.places.empty());
  d.set("first_rank", std::to_string((current - 1) * page_size + 1));
  mu::data& places = add_to(d, "places", mu::data::type::list);
  for (const auto& p : page.places) {
    mu::data& item = add_to(places);
    item.set("id", p.id);
    item.set("url", place_path(p.id));
    item.set("nom", p.nom);
    item.set("address", p.address);
    if (p.distance_metres) item.set("distance", distance(*p.distance_metres));
    set_flag(item, "open", p.open.status == OpenStatus::Open);
    item.set("open_headline", p.open.headline);
    set_text(item, "open_detail", p.open.detail);
    set_text(item, "frais", frais_text(p.frais));
    // Services as one line of text, not DSFR tags: the tag stylesheet (4.7 KB
    // gzip) would push the first visit of this page over its weight budget.
    set_text(item, "services", join(service_titles(p.services), " · "));
  }

  // Pagination: links keep every filter.
  bool has_next = page.total ? current < pages : page.places.size() >= page_size;
  if (current > 1) d.set("prev_url", search_url(f, current - 1));
  if (has_next) d.set("next_url", search_url(f, current + 1));
  set_flag(d, "has_pagination", current > 1 || has_next);
  mu::data& numbers = add_to(d, "pages", mu::data::type::list);
  std::size_t last = page.total ? pages : current;
  std::size_t from = current > 2 ? current - 2 : 1;
  std::size_t to = std::min(last, current + 2);
  auto add_number = [&](std::size_t n) {
    mu::data& number = add_to(numbers);
    number.set("number", std::to_string(n));
    number.set("url", search_url(f, n));
    set_flag(number, "current", n == current);
  };
  if (from > 1) add_number(1);
  for (std::size_t n = from; n <= to; ++n) add_number(n);
  if (to < last) add_number(last);

  // Map container, shown by carte.js (pages/scripts.h) when the person asks:
  // the places with coordinates (their names and links for the popups), the
  // tiles. Nothing else, since every byte counts in the page's weight budget.
  d.set("map_places", map_places_json(page.places));
  d.set("map_tiles_url", page.site.map_tiles_url);
  d.set("map_tiles_attribution", page.site.map_tiles_attribution);
  if (!page.places.empty()) d.set("script", carte_script_path());

  return render_page(PageKind::Results, page.site, heading + " – Recherche", d,
                     page.where_error.empty() ? "component/alert/alert.min.css"sv : ""sv);
}

// --- 3. Place ----------------------------------------------------------------------

std::string render_place(const PlacePage& page) {
  const Place& p = page.place;
  mu::data d;
  d.set("nom", p.nom);
  d.set("address", postal_address(p));
  d.set("back_url", page.back_url.empty() ? std::string("/recherche") : page.back_url);
  set_flag(d, "outdated", is_outdated(p.date_maj, page.now));

  auto hours = compile_hours(p.horaires);
  auto state = open_state(hours ? &*hours : nullptr, page.now);
  set_flag(d, "is_open", state.status == OpenStatus::Open);
  d.set("open_headline", state.headline);
  set_text(d, "open_detail", state.detail);
  set_flag(d, "has_week", hours.has_value());
  if (hours) {
    mu::data week{mu::data::type::list};
    for (const auto& row : weekly_table(*hours, page.now)) {
      mu::data r;
      r.set("weekday", row.weekday);
      r.set("date", row.date);
      r.set("hours", row.hours);
      set_flag(r, "today", row.today);
      week.push_back(r);
    }
    d.set("week", week);
  } else if (p.horaires) {
    set_text(d, "raw_hours", *p.horaires);
  }

  if (p.presentation_resume) set_text(d, "resume", *p.presentation_resume);
  if (p.presentation_detail) set_text(d, "detail", *p.presentation_detail);

  mu::data services{mu::data::type::list};
  for (Service s : p.services) {
    auto wording = service_wording(s);
    mu::data item;
    item.set("title", std::string(wording.title));
    item.set("examples", std::string(wording.examples));
    services.push_back(item);
  }
  set_flag(d, "has_services", !p.services.empty());
  d.set("services", services);
  set_text(d, "frais", frais_text(p.frais_a_charge));

  bool itinerant = std::find(p.itinerance.begin(), p.itinerance.end(), Itinerance::Itinerant) != p.itinerance.end();
  if (itinerant) {
    d.set("itinerance", std::string("Ce lieu se déplace : demandez-lui où et quand il passe près de chez vous."));
  }
  set_flag(d, "has_access", !p.modalites_acces.empty());
  d.set("access", string_list(plain_labels(p.modalites_acces)));
  set_flag(d, "has_support", !p.modalites_accompagnement.empty());
  d.set("support", string_list(plain_labels(p.modalites_accompagnement)));

  set_flag(d, "has_care", !p.prise_en_charge_specifique.empty());
  d.set("care", string_list(plain_labels(p.prise_en_charge_specifique)));
  set_flag(d, "has_publics", !p.publics_specifiquement_adresses.empty());
  set_text(d, "publics", join(plain_labels(p.publics_specifiquement_adresses), ", "));
  bool acces_libre = p.fiche_acces_libre && is_web_url(*p.fiche_acces_libre);
  if (acces_libre) d.set("fiche_acces_libre", *p.fiche_acces_libre);
  set_flag(d, "no_accessibility", !acces_libre && p.prise_en_charge_specifique.empty());

  bool has_contacts = false;
  if (p.telephone && !p.telephone->empty()) {
    auto href = telephone_href(*p.telephone);
    if (!href.empty()) {
      d.set("telephone", phone_for_reading(*p.telephone));
      d.set("telephone_href", href);
      has_contacts = true;
    }
  }
  d.set("emails", string_list(p.courriels));
  has_contacts = has_contacts || !p.courriels.empty();
  mu::data websites{mu::data::type::list};
  for (const auto& url : p.site_web) {
    if (!is_web_url(url)) continue;
    mu::data w;
    w.set("href", url);
    w.set("text", url_text(url));
    websites.push_back(w);
    has_contacts = true;
  }
  d.set("websites", websites);
  if (p.prise_rdv && is_web_url(*p.prise_rdv)) {
    d.set("prise_rdv", *p.prise_rdv);
    has_contacts = true;
  }
  set_flag(d, "has_contacts", has_contacts);

  std::vector<std::string> networks;
  for (auto v : p.dispositif_programmes_nationaux) networks.emplace_back(plain_label(v));
  for (auto v : p.formations_labels) networks.emplace_back(plain_label(v));
  for (const auto& v : p.autres_formations_labels) networks.push_back(v);
  set_flag(d, "has_networks", !networks.empty());
  d.set("networks", string_list(networks));

  d.set("updated", p.date_maj.ok() ? full_date(p.date_maj) : std::string("à une date inconnue"));
  std::vector<std::string> sources;
  auto add_source = [&](const std::string& s) {
    if (!s.empty() && std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
  };
  for (const auto& s : page.sources) add_source(s);
  if (sources.empty() && p.source) add_source(*p.source);
  set_flag(d, "has_sources", !sources.empty());
  set_text(d, "sources", join(sources, ", "));
  d.set("report_url", report_path(p.id));

  return render_page(PageKind::Place, page.site, p.nom, d);
}

// --- 4. Signaler une erreur ----------------------------------------------------------

std::string render_report_form(const ReportPage& page) {
  mu::data d;
  d.set("nom", page.place_name);
  d.set("place_url", place_path(page.place_id));
  d.set("action", report_path(page.place_id));
  mu::data categories{mu::data::type::list};
  for (const auto& info : report_categories()) {
    mu::data c;
    c.set("value", std::string(info.value));
    c.set("label", std::string(info.label));
    const auto& chosen = page.values.categories;
    set_flag(c, "checked", std::find(chosen.begin(), chosen.end(), info.category) != chosen.end());
    categories.push_back(c);
  }
  d.set("categories", categories);
  d.set("message", page.values.message);
  d.set("email", page.values.email);
  d.set("message_max", std::to_string(kReportMessageMax));
  d.set("email_max", std::to_string(kReportEmailMax));

  mu::data errors{mu::data::type::list};
  for (const auto& e : page.errors) {
    mu::data item;
    item.set("anchor", e.field == kReportCategoryField ? std::string("categorie-horaires") : e.field);
    item.set("message", e.message);
    errors.push_back(item);
    if (e.field == kReportCategoryField) set_text(d, "categories_error", e.message);
    if (e.field == kReportMessageField) set_text(d, "message_error", e.message);
    if (e.field == kReportEmailField) set_text(d, "email_error", e.message);
  }
  set_flag(d, "has_errors", !page.errors.empty());
  d.set("errors", errors);
  d.set("error_count", page.errors.size() == 1 ? std::string("1 erreur")
                                               : std::to_string(page.errors.size()) + " erreurs");
  std::string title = "Signaler une erreur sur " + page.place_name;
  if (!page.errors.empty()) title = "Erreur dans le formulaire – " + title;
  return render_page(PageKind::Report, page.site, title, d);
}

std::string render_report_sent(const ReportSentPage& page) {
  mu::data d;
  d.set("nom", page.place_name);
  d.set("place_url", place_path(page.place_id));
  return render_page(PageKind::ReportSent, page.site, "Message envoyé", d);
}

// --- 5. Errors ------------------------------------------------------------------------

std::string render_error(const ErrorPage& page) {
  int status = page.status == 400 || page.status == 404 ? page.status : 500;
  mu::data d;
  d.set("status", std::to_string(page.status));
  d.set("heading", status_heading(status));
  d.set("explanation", status_explanation(status));
  set_text(d, "detail", page.detail);
  set_text(d, "back_url", page.back_url);
  set_flag(d, "noindex", true);
  return render_page(PageKind::Error, page.site, status_heading(status), d);
}

}  // namespace relais::pages
