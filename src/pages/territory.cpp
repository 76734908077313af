#include "pages/territory.h"

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "pages/template_data.h"
#include "pages/templates.h"
#include "pages/wording.h"

namespace relais::pages {
namespace {

namespace mu = kainjow::mustache;
using detail::add_to;
using detail::set_flag;
using detail::set_text;

constexpr std::string_view kPageStylesheetPath = kTerritoryCssPath;
constexpr std::string_view kDocumentStylesheetPath = kTerritoryDocumentCssPath;

// DSFR stylesheets of the territory pages (relative to the dist folder).
constexpr std::string_view kDsfrCss[] = {
    "core/core.min.css",          "component/link/link.min.css",       "component/button/button.min.css",
    "component/form/form.min.css", "component/select/select.min.css",  "component/table/table.min.css",
    "component/logo/logo.min.css", "component/skiplink/skiplink.min.css", "component/breadcrumb/breadcrumb.min.css",
    "component/header/header.min.css", "component/footer/footer.min.css",
};

// The report's own rules, for the web page and the standalone document alike
// (the document embeds them: it must open anywhere, alone).
constexpr std::string_view kReportCss = R"css(
.rl-figures{display:flex;flex-wrap:wrap;gap:1rem;margin-bottom:1.5rem}
.rl-figure{flex:1 1 14rem;margin:0;padding:1rem;border-left:4px solid #000091;background:#f6f6f6}
.rl-figure strong{display:block;font-size:1.75rem;line-height:1.2}
.rl-map,.rl-chart{margin:1rem 0 2rem}
.rl-map svg,.rl-chart svg{max-width:100%;height:auto}
figcaption{font-size:.875rem;color:#3a3a3a;margin-top:.5rem}
@media print{
  @page{size:A4;margin:12mm}
  .rl-figure{break-inside:avoid;background:none;border-left-color:#000}
  figure,tr,.rl-figures{break-inside:avoid}
  h2,caption{break-after:avoid}
  .fr-no-print{display:none!important}
}
)css";

// The standalone document's base typography (the DSFR is not there).
constexpr std::string_view kDocumentCss = R"css(
body{font-family:"Marianne",Arial,"Helvetica Neue",sans-serif;color:#161616;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.9rem;line-height:1.2}h2{font-size:1.4rem;margin-top:2rem;border-bottom:2px solid #000091}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.9rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}
.fr-text--lead{font-size:1.15rem}
footer{margin-top:2rem;font-size:.8rem;color:#666}
)css";

mu::mustache& page_template(std::string_view name, bool in_layout) {
  return detail::cached_template(name, in_layout);
}

std::string render_with(mu::mustache& tmpl, mu::data& d) {
  std::string html = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::logic_error("pages: render error: " + tmpl.error_message());
  return html;
}

void set_layout(mu::data& d, const Site& site, std::string title) {
  d.set("title", std::move(title));
  d.set("site_name", site.name);
  d.set("site_tagline", site.tagline);
  auto& css = add_to(d, "stylesheets", mu::data::type::list);
  for (auto path : kDsfrCss) add_to(css).set("href", site.dsfr_prefix + "/" + std::string(path));
  add_to(css).set("href", std::string(kPageStylesheetPath));
}

std::string french_integer(std::int64_t value) { return count(static_cast<std::size_t>(std::max<std::int64_t>(0, value))); }
// A setting as typed: "7", "10", "7,5" (no trailing ",0").
std::string setting(double value) { return decimal(value, value == std::floor(value) ? 0 : 1); }

std::string km(std::optional<double> value) {
  return value ? decimal(*value, 1) + " km" : std::string("inconnu");
}

std::string share(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "–";
  return decimal(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + " %";
}

void fill_body(mu::data& d, const TerritoryPage& page) {
  const auto& r = *page.report;
  const auto& s = r.offer.summary;
  const auto& options = r.offer_options;
  d.set("territory_title", r.title);
  d.set("index_label", r.index_label);
  if (r.territory_index) d.set("territory_index", decimal(*r.territory_index, 1));
  d.set("generated_on", full_date(std::chrono::year_month_day{r.generated_on}));
  d.set("population", french_integer(s.population));
  d.set("communes", french_integer(static_cast<std::int64_t>(s.communes)));
  d.set("communes_with_a_place", french_integer(static_cast<std::int64_t>(s.communes_with_a_place)));
  d.set("communes_with_index", french_integer(static_cast<std::int64_t>(s.communes_with_index)));
  d.set("fragile_population", french_integer(s.fragile_population));
  d.set("fragile_without_help", french_integer(s.fragile_population_without_help));
  d.set("fragile_from", setting(options.fragile_from));
  d.set("reach_km", setting(options.reach_km));
  d.set("minimum_half_days", std::to_string(options.minimum_half_days));
  if (s.communes_without_position) d.set("communes_without_position", std::to_string(s.communes_without_position));

  std::size_t places = 0, france_services = 0, conseillers = 0, aidants = 0;
  std::size_t with_fs = 0, with_cn = 0, with_ac = 0;
  for (const auto& row : r.offer.communes) {
    places += row.places;
    france_services += row.france_services;
    conseillers += row.conseillers_numeriques;
    aidants += row.aidants_connect;
    with_fs += row.france_services > 0;
    with_cn += row.conseillers_numeriques > 0;
    with_ac += row.aidants_connect > 0;
  }
  d.set("places_total", french_integer(static_cast<std::int64_t>(places)));
  auto& programmes = add_to(d, "programmes", mu::data::type::list);
  auto programme = [&](const char* name, std::size_t n, std::size_t communes) {
    auto& p = add_to(programmes);
    p.set("name", name);
    p.set("places", french_integer(static_cast<std::int64_t>(n)));
    p.set("communes", french_integer(static_cast<std::int64_t>(communes)));
  };
  programme("France Services", france_services, with_fs);
  programme("Conseillers numériques", conseillers, with_cn);
  programme("Aidants Connect", aidants, with_ac);

  auto& beyond = add_to(d, "beyond", mu::data::type::list);
  for (std::size_t k = 0; k < diagnosis::kBeyondKm.size(); ++k) {
    auto& b = add_to(beyond);
    b.set("km", decimal(diagnosis::kBeyondKm[k], 0));
    b.set("population", french_integer(s.population_beyond_km[k]));
    b.set("share", share(s.population_beyond_km[k], s.population));
  }

  d.set("index_map_html", page.index_map_svg);
  d.set("index_chart_html", page.index_chart_svg);
  d.set("planning_map_html", page.planning_map_svg);

  const auto shown = std::min(page.ranked_shown, r.ranked.size());
  d.set("ranked_shown", std::to_string(shown));
  auto& ranked = add_to(d, "ranked", mu::data::type::list);
  const auto admin = static_cast<std::size_t>(Service::AideDemarchesAdministratives);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& row = *r.ranked[i];
    auto& item = add_to(ranked);
    item.set("rank", std::to_string(i + 1));
    item.set("nom", row.commune->nom);
    item.set("code", row.commune->code_insee);
    item.set("population", french_integer(row.commune->population));
    item.set("index", row.index ? decimal(*row.index, 1) + "/10" : std::string("inconnu"));
    item.set("places", std::to_string(row.places));
    item.set("nearest", km(row.nearest_place_km));
    const auto& access = row.access[admin];
    std::string nearest_admin = km(access.nearest_km);
    if (access.nearest_km) {
      nearest_admin += access.nearest_half_days
                           ? fmt::format(", {} demi-journée{} par semaine", *access.nearest_half_days,
                                         *access.nearest_half_days > 1 ? "s" : "")
                           : std::string(", horaires inconnus");
    }
    item.set("nearest_admin", nearest_admin);
  }

  const auto& p = r.proposal;
  d.set("planning_service", std::string(service_wording(p.options.service).title));
  d.set("planning_radius", setting(p.options.radius_km));
  d.set("planning_k", std::to_string(p.options.k));
  d.set("demand_communes", french_integer(static_cast<std::int64_t>(p.demand_communes)));
  d.set("demand_population", french_integer(p.demand_population));
  if (p.communes_without_index) d.set("without_index", std::to_string(p.communes_without_index));
  set_flag(d, "has_sites", !p.sites.empty());
  d.set("newly_within_reach", french_integer(p.population_newly_within_reach));
  d.set("covered_share", p.total_weight > 0 ? decimal(100 * p.covered_weight / p.total_weight, 1) + " %" : "–");
  d.set("bound_gap", p.upper_bound > 0
                         ? decimal(std::max(0.0, 100 * (p.upper_bound - p.covered_weight) / p.upper_bound), 2) + " %"
                         : std::string("0 %"));
  auto& sites = add_to(d, "sites", mu::data::type::list);
  for (std::size_t i = 0; i < p.sites.size(); ++i) {
    const auto& site = p.sites[i];
    auto& item = add_to(sites);
    item.set("rank", std::to_string(i + 1));
    item.set("nom", site.commune->nom);
    item.set("code", site.commune->code_insee);
    item.set("population", french_integer(site.population_newly_within_reach));
    std::string covered;
    for (std::size_t j = 0; j < site.newly_covered.size(); ++j) {
      if (j == 8) {
        covered += fmt::format(" et {} autres", site.newly_covered.size() - j);
        break;
      }
      if (j) covered += ", ";
      covered += site.newly_covered[j]->nom;
    }
    item.set("covered", covered);
  }

  auto& sources = add_to(d, "sources", mu::data::type::list);
  for (const auto& source : r.sources) {
    auto& item = add_to(sources);
    item.set("what", source.what);
    item.set("origin", source.origin);
    item.set("date", source.date.empty() ? std::string("non indiquée") : source.date);
  }
}

}  // namespace

std::string_view territory_css() { return kReportCss; }

std::string territory_document_css() { return std::string(kDocumentCss) + std::string(kReportCss); }

std::string render_territory(const TerritoryPage& page) {
  mu::data d;
  fill_body(d, page);
  d.set("base_url", page.base_url);
  set_layout(d, page.site, "Diagnostic numérique – " + page.report->title);
  return render_with(page_template("territory", true), d);
}

std::string render_territory_document(const TerritoryPage& page, bool embed_stylesheet) {
  mu::data d;
  fill_body(d, page);
  d.set("title", "Diagnostic numérique – " + page.report->title);
  d.set("site_name", page.site.name);
  if (embed_stylesheet) {
    d.set("style_html", territory_document_css());
  } else {
    d.set("stylesheet", std::string(kDocumentStylesheetPath));
  }
  return render_with(page_template("territory_document", false), d);
}

std::string render_territory_choice(const TerritoryChoicePage& page) {
  mu::data d;
  auto& departements = add_to(d, "departements", mu::data::type::list);
  for (const auto& c : page.departements) {
    auto& item = add_to(departements);
    item.set("code", c.code);
    item.set("nom", c.nom);
  }
  auto& regions = add_to(d, "regions", mu::data::type::list);
  for (const auto& c : page.regions) {
    auto& item = add_to(regions);
    item.set("code", c.code);
    item.set("nom", c.nom);
  }
  set_layout(d, page.site, "Diagnostic d’un territoire");
  return render_with(page_template("territory_choice", true), d);
}

}  // namespace relais::pages
