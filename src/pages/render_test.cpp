#include "pages/render.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <thread>

#include "pages/sample_data.h"
#include "pages/scripts.h"

namespace relais::pages {
namespace {

using std::string_literals::operator""s;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Checks shared by every page: language, one h1, landmarks, skip links, no
// inline JavaScript, unique ids, every field labelled, stylesheets linked.
void expect_accessible_page(const std::string& html, PageKind kind) {
  SCOPED_TRACE(html.substr(0, 0));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"fr\">", 0), 0u);
  EXPECT_EQ(occurrences(html, "<h1"), 1u);
  EXPECT_TRUE(contains(html, "<main id=\"contenu\" role=\"main\""));
  EXPECT_TRUE(contains(html, "<header role=\"banner\""));
  EXPECT_TRUE(contains(html, "role=\"contentinfo\""));
  EXPECT_TRUE(contains(html, "<a class=\"fr-link\" href=\"#contenu\">Aller au contenu</a>"));
  // No inline JavaScript: at most our own deferred carte.js (results page).
  EXPECT_EQ(occurrences(html, "<script"), occurrences(html, "<script src=\"" + carte_script_path() + "\" defer></script>"));
  if (kind != PageKind::Results) {
    EXPECT_FALSE(contains(html, "<script"));
  }
  EXPECT_FALSE(contains(html, " on"s + "click="));
  std::regex title_re("<title>([^<]+)</title>");
  std::smatch title;
  ASSERT_TRUE(std::regex_search(html, title, title_re));
  EXPECT_TRUE(contains(title[1].str(), "Relais"));

  std::set<std::string> ids;
  std::regex id_re(" id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re); it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(ids.insert((*it)[1].str()).second) << "duplicate id " << (*it)[1];
  }
  std::regex field_re("<(input|select|textarea)[^>]*>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), field_re); it != std::sregex_iterator(); ++it) {
    std::string tag = (*it)[0];
    if (contains(tag, "type=\"hidden\"") || contains(tag, "type=\"submit\"")) continue;
    std::smatch id;
    ASSERT_TRUE(std::regex_search(tag, id, std::regex(" id=\"([^\"]+)\""))) << "field without id: " << tag;
    EXPECT_TRUE(std::regex_search(html, std::regex("<label class=\"fr-label[^\"]*\" for=\"" + id[1].str() + "\"")))
        << "no label for " << tag;
  }
  for (auto sheet : stylesheets(kind)) {
    // The results page links the alert's stylesheet only when it shows an alert.
    if (kind == PageKind::Results && sheet == "component/alert/alert.min.css" && !contains(html, "fr-alert")) continue;
    EXPECT_TRUE(contains(html, "<link rel=\"stylesheet\" href=\"/static/dsfr/" + std::string(sheet) + "\">")) << sheet;
  }
}

// --- Home ----------------------------------------------------------------------

TEST(PagesRender, HomeAsksWhatAndWhere) {
  auto html = render_home(HomePage{});
  expect_accessible_page(html, PageKind::Home);
  EXPECT_TRUE(contains(html, "<form method=\"get\" action=\"/recherche\""));
  EXPECT_TRUE(contains(html, "De quoi avez-vous besoin ?"));
  EXPECT_EQ(occurrences(html, "type=\"radio\""), 10u);  // 9 services + "je ne sais pas"
  EXPECT_EQ(occurrences(html, "name=\"services\""), 10u);
  EXPECT_TRUE(contains(html, "value=\"Aide aux démarches administratives\""));
  EXPECT_TRUE(contains(html, "Faire une démarche en ligne : CAF, impôts, retraite"));
  EXPECT_TRUE(contains(html, "<label class=\"fr-label fr-h4\" for=\"ou\">Où ?"));
  EXPECT_TRUE(contains(html, "name=\"ou\""));
  EXPECT_TRUE(contains(html, "id=\"besoin-tout\" name=\"services\" value=\"\" checked"));
}

TEST(PagesRender, HomeKeepsThePreviousChoiceEscaped) {
  HomePage page;
  page.filters.where = "Lyon \"3e\" <b>";
  page.filters.services = {Service::AccesInternetMateriel};
  auto html = render_home(page);
  EXPECT_TRUE(contains(html, "value=\"Lyon &quot;3e&quot; &lt;b&gt;\""));
  EXPECT_TRUE(contains(html, "value=\"Accès internet et matériel informatique\" checked"));
  EXPECT_FALSE(contains(html, "value=\"\" checked"));
}

// --- Results -----------------------------------------------------------------------

TEST(PagesRender, ResultsListPlaces) {
  auto html = render_results(samples::results());
  expect_accessible_page(html, PageKind::Results);
  EXPECT_TRUE(contains(html, "<h1>Où trouver de l’aide près de Villeurbanne (69100)</h1>"));
  EXPECT_TRUE(contains(html, "<h2 id=\"resultats\">45 lieux trouvés – page 2 sur 3</h2>"));
  EXPECT_FALSE(contains(html, "aria-live"));
  EXPECT_TRUE(contains(html, "<title>45 lieux trouvés – page 2 sur 3 – Recherche – Relais</title>"));
  EXPECT_TRUE(contains(html, "<ol class=\"relais-lieux\" start=\"21\">"));
  EXPECT_TRUE(contains(html, "<a href=\"/lieux/Hinaura:155\">France Services de Villeurbanne</a>"));
  EXPECT_TRUE(contains(html, "<strong>À 350 m</strong> · 12 rue Francis de Pressensé, Rez-de-chaussée, porte B, 69100 Villeurbanne"));
  EXPECT_TRUE(contains(html, "<strong>À 1,3 km</strong>"));
  EXPECT_TRUE(contains(html, "fr-badge--success\">Ouvert maintenant</span> ferme à 12 h"));
  EXPECT_TRUE(contains(html, "<span class=\"fr-badge fr-badge--sm\">Fermé</span> ouvre à 14 h"));
  EXPECT_TRUE(contains(html, "<p class=\"fr-mb-1w\">Gratuit</p>"));
  EXPECT_TRUE(contains(html, "<p class=\"fr-mb-1w\">Gratuit sous condition</p>"));
  EXPECT_TRUE(contains(html, "<p class=\"fr-mb-1w\">Payant</p>"));
  EXPECT_TRUE(contains(html, "<p class=\"fr-text--sm fr-mb-1w\">Faire une démarche administrative"));
}

TEST(PagesRender, ResultsEscapeAPlaceName) {
  auto html = render_results(samples::results());
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_TRUE(contains(html, "Médiathèque du Tonkin &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
}

TEST(PagesRender, ResultsFiltersFormHasEveryFilterInTheUrl) {
  auto html = render_results(samples::results());
  EXPECT_TRUE(contains(html, "<form method=\"get\" action=\"/recherche\" id=\"filtres\""));
  EXPECT_TRUE(contains(html, "<a class=\"fr-link\" href=\"#filtres\">Aller aux filtres</a>"));
  for (const char* name : {"services", "publics", "prise_en_charge", "frais", "modalites_acces",
                           "modalites_accompagnement", "dispositifs", "labels"}) {
    EXPECT_TRUE(contains(html, "type=\"checkbox\" id=\""s + name + "-0\" name=\"" + name + "\"")) << name;
  }
  EXPECT_TRUE(contains(html, "name=\"open_now\" value=\"true\" checked"));
  EXPECT_TRUE(contains(html, "name=\"weekend\" value=\"true\">"));
  EXPECT_TRUE(contains(html, "name=\"prise_rdv\" value=\"true\">"));
  EXPECT_TRUE(contains(html, "<select class=\"fr-select\" id=\"rayon\" name=\"radius\">"));
  EXPECT_TRUE(contains(html, "<option value=\"5km\" selected>Moins de 5 km</option>"));
  EXPECT_TRUE(contains(html, "name=\"services\" value=\"Aide aux démarches administratives\" checked"));
  EXPECT_TRUE(contains(html, "name=\"frais\" value=\"Gratuit sous condition\" checked"));
  EXPECT_TRUE(contains(html, "name=\"frais\" value=\"Payant\">"));
  EXPECT_TRUE(contains(html, "value=\"Villeurbanne\""));
  // Closed groups stay closed unless one of their filters is on.
  EXPECT_TRUE(contains(html, "<details class=\"fr-mb-2w\">\n<summary class=\"fr-text--bold\">Pour qui ?</summary>"));
  auto page = samples::results();
  page.filters.prises_en_charge = {PriseEnCharge::Surdite};
  EXPECT_TRUE(contains(render_results(page),
                       "<details class=\"fr-mb-2w\" open>\n<summary class=\"fr-text--bold\">Pour qui ?</summary>"));
}

TEST(PagesRender, PaginationKeepsTheFilters) {
  auto html = render_results(samples::results());
  const std::string filters =
      "ou=Villeurbanne&amp;services=Aide+aux+d%C3%A9marches+administratives&amp;frais=Gratuit"
      "&amp;frais=Gratuit+sous+condition&amp;open_now=true&amp;radius=5km";
  EXPECT_TRUE(contains(html, "fr-pagination__link--prev fr-pagination__link--lg-label\" href=\"/recherche?" + filters + "\">"));
  EXPECT_TRUE(contains(html, "fr-pagination__link--next fr-pagination__link--lg-label\" href=\"/recherche?" + filters + "&amp;page=3\">"));
  EXPECT_TRUE(contains(html, "<a class=\"fr-pagination__link\" aria-current=\"page\" title=\"Page 2\">2</a>"));
  EXPECT_TRUE(contains(html, "href=\"/recherche?" + filters + "&amp;page=3\" title=\"Page 3\">3</a>"));
  EXPECT_FALSE(contains(html, "page=4"));
  // Clearing the filters keeps the place.
  EXPECT_TRUE(contains(html, "href=\"/recherche?ou=Villeurbanne\">Effacer les filtres</a>"));
}

TEST(PagesRender, PaginationOfAFirstAndALastPage) {
  auto first = render_results(samples::results(3, 45, 1));
  EXPECT_FALSE(contains(first, "Page précédente"));
  EXPECT_TRUE(contains(first, "&amp;page=2\">Page suivante</a>"));
  auto last = render_results(samples::results(3, 45, 3));
  EXPECT_TRUE(contains(last, "Page précédente"));
  EXPECT_FALSE(contains(last, "Page suivante"));
  auto single = render_results(samples::results(3, 3, 1));
  EXPECT_FALSE(contains(single, "fr-pagination"));
  EXPECT_TRUE(contains(single, "<h2 id=\"resultats\">3 lieux trouvés</h2>"));
}

TEST(PagesRender, NearestWithoutTotal) {
  auto page = samples::results(3, 0, 1);
  page.total.reset();
  page.page_size = 3;
  auto html = render_results(page);
  EXPECT_TRUE(contains(html, "<h2 id=\"resultats\">Les 3 lieux les plus proches</h2>"));
  EXPECT_TRUE(contains(html, "&amp;page=2\">Page suivante</a>"));
}

TEST(PagesRender, NoResultSuggestsWhatToDo) {
  auto page = samples::results(0, 0, 1);
  page.where_error = "Nous ne trouvons pas la commune « Villeurbane ».";
  auto html = render_results(page);
  expect_accessible_page(html, PageKind::Results);
  EXPECT_TRUE(contains(html, "<h2 id=\"resultats\">Aucun lieu trouvé</h2>"));
  EXPECT_TRUE(contains(html, "Essayez d’enlever des filtres"));
  EXPECT_TRUE(contains(html, "Nous ne trouvons pas la commune « Villeurbane »."));
  EXPECT_FALSE(contains(html, "id=\"carte\""));
  EXPECT_FALSE(contains(html, "<script"));  // nothing to map
}

TEST(PagesRender, CarteScriptIsEmbeddedWithAHashedPath) {
  EXPECT_TRUE(contains(std::string(carte_script()), "Voir sur une carte"));
  EXPECT_TRUE(contains(std::string(carte_script()), "/static/leaflet/leaflet.js"));
  const std::string& path = carte_script_path();
  ASSERT_EQ(path.size(), std::string("/static/relais/carte-").size() + 16 + 3);
  EXPECT_TRUE(path.starts_with("/static/relais/carte-") && path.ends_with(".js"));
  EXPECT_FALSE(contains(render_home(HomePage{}), "<script"));
}

TEST(PagesRender, MapContainerCarriesCoordinates) {
  auto html = render_results(samples::results());
  // No JavaScript, no map: the section stays hidden and carte.js (deferred)
  // adds the button that shows it.
  EXPECT_FALSE(contains(html, "Voir sur une carte"));
  EXPECT_TRUE(contains(html, "<section class=\"fr-mt-4w fr-no-print\" id=\"carte-section\" aria-labelledby=\"carte-titre\" hidden>"));
  EXPECT_TRUE(contains(html, "<script src=\"" + carte_script_path() + "\" defer></script>"));
  EXPECT_TRUE(contains(html, "<div id=\"carte\" data-tuiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\" data-attribution=\"© &lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;&gt;"));
  EXPECT_TRUE(contains(html, "data-lieux=\"[{&quot;id&quot;:&quot;Hinaura:155&quot;"));
  EXPECT_TRUE(contains(html, "&quot;lat&quot;:45.7667,&quot;lon&quot;:4.8799"));
  // Coordinates only once, in #carte's data-lieux (the page weight budget).
  EXPECT_FALSE(contains(html, "data-lat="));
}

// --- Place -----------------------------------------------------------------------------

TEST(PagesRender, PlacePageShowsEverything) {
  auto html = render_place(samples::place_page());
  expect_accessible_page(html, PageKind::Place);
  EXPECT_TRUE(contains(html, "<h1>France Services de Villeurbanne</h1>"));
  EXPECT_TRUE(contains(html, "<title>France Services de Villeurbanne – Relais</title>"));
  EXPECT_TRUE(contains(html, "fr-badge--success\">Ouvert maintenant</span> ferme à 12 h"));
  // Services in plain words.
  EXPECT_TRUE(contains(html, "<li><strong>Faire une démarche administrative</strong>. Faire une démarche en ligne"));
  EXPECT_TRUE(contains(html, "<p><strong>Prix :</strong> Gratuit</p>"));
  // Weekly table.
  EXPECT_TRUE(contains(html, "<caption>Horaires des 7 prochains jours</caption>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">Lundi 30 novembre</th>\n<td>9 h – 12 h, 14 h – 17 h</td>"));
  EXPECT_TRUE(contains(html, "<tr aria-current=\"date\">\n<th scope=\"row\">Mardi 24 novembre (aujourd’hui)</th>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">Samedi 28 novembre</th>\n<td>Fermé</td>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">Dimanche 29 novembre</th>\n<td>Fermé</td>"));
  // How to go, accessibility.
  EXPECT_TRUE(contains(html, "<li>Venir sur place</li>"));
  EXPECT_TRUE(contains(html, "<li>Avec une personne, en individuel</li>"));
  EXPECT_TRUE(contains(html, "<li>Personnes sourdes ou malentendantes</li>"));
  EXPECT_TRUE(contains(html, "<p>Publics : Seniors</p>"));
  EXPECT_TRUE(contains(html, "href=\"https://acceslibre.beta.gouv.fr/app/69-villeurbanne/a/mairie/erp/france-services/\""));
  // Contacts, booking.
  // The number as people read it (no-break spaces); the link keeps the international form.
  EXPECT_TRUE(contains(html, "<a href=\"tel:+33478036767\">04\u00a078\u00a003\u00a067\u00a067</a>"));
  EXPECT_TRUE(contains(html, "<a href=\"mailto:franceservices@mairie-villeurbanne.fr\">"));
  EXPECT_TRUE(contains(html, ">villeurbanne.fr/france-services</a>"));
  EXPECT_TRUE(contains(html, "<a class=\"fr-btn fr-text--bold\" href=\"https://rdv.anct.gouv.fr/prendre_rdv?departement=69\" rel=\"noopener external\">Prendre rendez-vous en ligne</a>"));
  EXPECT_TRUE(contains(html, "<li><p class=\"fr-tag\">France Services</p></li>"));
  // Freshness and sources.
  EXPECT_TRUE(contains(html, "<p>Mis à jour le 12 mars 2026.</p>"));
  EXPECT_FALSE(contains(html, "Ces informations datent de plus d’un an"));
  EXPECT_TRUE(contains(html, "<p>Source : Hinaura, France Services.</p>"));
  EXPECT_TRUE(contains(html, "<a class=\"fr-link\" href=\"/lieux/Hinaura:155/signaler\">Signaler une erreur sur ce lieu</a>"));
  EXPECT_TRUE(contains(html, "<a class=\"fr-breadcrumb__link\" href=\"/recherche?ou=Villeurbanne\">Recherche</a>"));
}

TEST(PagesRender, OutdatedPlaceHasANotice) {
  auto html = render_place(samples::place_page(samples::mediatheque()));
  expect_accessible_page(html, PageKind::Place);
  EXPECT_TRUE(contains(html, "<div class=\"fr-notice fr-notice--warning\">"));
  EXPECT_TRUE(contains(html, "Ces informations datent de plus d’un an."));
  EXPECT_TRUE(contains(html, "<p>Mis à jour le 1er juin 2024.</p>"));
  EXPECT_TRUE(contains(html, "<h1>Médiathèque du Tonkin &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;</h1>"));
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_TRUE(contains(html, "<p>Le lieu n’a pas donné de contact.</p>"));
  EXPECT_TRUE(contains(html, "<p>Le lieu n’a pas donné d’information sur son accessibilité.</p>"));
  EXPECT_TRUE(contains(html, "<th scope=\"row\">Mercredi 25 novembre</th>\n<td>10 h – 18 h</td>"));
}

TEST(PagesRender, OutdatedIsPastOneYear) {
  auto now = samples::now();  // 24 November 2026
  using namespace std::chrono;
  EXPECT_FALSE(is_outdated(year{2025} / November / 24, now));  // 365 days
  EXPECT_TRUE(is_outdated(year{2025} / November / 23, now));   // 366 days
  EXPECT_FALSE(is_outdated(year{2026} / November / 24, now));
}

TEST(PagesRender, PlaceWithoutHoursOrWithUnreadableHours) {
  auto page = samples::place_page(samples::bus_numerique());
  auto html = render_place(page);
  EXPECT_TRUE(contains(html, "<span class=\"fr-badge\">Horaires non renseignés</span>"));
  EXPECT_TRUE(contains(html, "Le lieu n’a pas indiqué ses horaires"));
  EXPECT_FALSE(contains(html, "<table>"));
  EXPECT_TRUE(contains(html, "Ce lieu se déplace"));
  page.place.horaires = "sur rendez-vous <b>";
  html = render_place(page);
  EXPECT_TRUE(contains(html, "Horaires donnés par le lieu : sur rendez-vous &lt;b&gt;"));
}

TEST(PagesRender, OnlyWebUrlsBecomeLinks) {
  auto place = samples::france_services();
  place.site_web = {"javascript:alert(1)", "https://ok.example/"};
  place.prise_rdv = "javascript:alert(2)";
  place.fiche_acces_libre = "data:text/html,x";
  auto html = render_place(samples::place_page(place));
  EXPECT_FALSE(contains(html, "javascript:"));
  EXPECT_FALSE(contains(html, "data:text"));
  EXPECT_TRUE(contains(html, "<a href=\"https://ok.example/\" rel=\"noopener external\">ok.example</a>"));
  EXPECT_FALSE(contains(html, "Prendre rendez-vous en ligne"));
}

// --- Report ---------------------------------------------------------------------------------

TEST(PagesRender, ReportFormHasTheNationalCategories) {
  ReportPage page;
  page.place_id = "Hinaura:155";
  page.place_name = "France Services de Villeurbanne";
  auto html = render_report_form(page);
  expect_accessible_page(html, PageKind::Report);
  EXPECT_TRUE(contains(html, "<form method=\"post\" action=\"/lieux/Hinaura:155/signaler\""));
  EXPECT_EQ(occurrences(html, "type=\"checkbox\""), 8u);
  for (const auto& info : report_categories()) {
    EXPECT_TRUE(contains(html, "name=\"categories\" value=\"" + std::string(info.value) + "\">")) << info.value;
  }
  EXPECT_TRUE(contains(html, ">Le lieu n&apos;existe plus</label>"));
  EXPECT_TRUE(contains(html, "<textarea class=\"fr-input\" id=\"precision\" name=\"precision\""));
  EXPECT_TRUE(contains(html, "type=\"email\" id=\"courriel\" name=\"courriel\""));
  EXPECT_TRUE(contains(html, "Votre adresse e-mail (facultatif)"));
  EXPECT_FALSE(contains(html, "fr-alert--error"));
}

TEST(PagesRender, ReportFormShowsErrorsAndKeepsValues) {
  std::vector<std::pair<std::string, std::string>> fields{
      {"categories", "contacts"}, {"precision", ""}, {"courriel", "<marie>"}};
  auto form = read_report_form("Hinaura:155", fields);
  ReportPage page{Site{}, "Hinaura:155", "France Services", form.report, validate_report_form(form)};
  auto html = render_report_form(page);
  expect_accessible_page(html, PageKind::Report);
  EXPECT_TRUE(contains(html, "<title>Erreur dans le formulaire – Signaler une erreur sur France Services – Relais</title>"));
  EXPECT_TRUE(contains(html, "<h2 class=\"fr-alert__title\">Le formulaire contient 2 erreurs</h2>"));
  EXPECT_TRUE(contains(html, "<li><a href=\"#precision\">Expliquez l’erreur en quelques mots.</a></li>"));
  EXPECT_TRUE(contains(html, "<li><a href=\"#courriel\">L’adresse e-mail n’est pas valide."));
  EXPECT_TRUE(contains(html, "aria-invalid=\"true\" aria-describedby=\"precision-messages\""));
  EXPECT_TRUE(contains(html, "value=\"&lt;marie&gt;\""));
  EXPECT_TRUE(contains(html, "name=\"categories\" value=\"contacts\" checked"));
  EXPECT_TRUE(contains(html, "<div class=\"fr-input-group fr-input-group--error\">"));
}

TEST(PagesRender, ReportSent) {
  auto html = render_report_sent({Site{}, "Hinaura:155", "France Services"});
  expect_accessible_page(html, PageKind::ReportSent);
  EXPECT_TRUE(contains(html, "<h1>Merci, votre message est envoyé</h1>"));
  EXPECT_TRUE(contains(html, "href=\"/lieux/Hinaura:155\">Revenir au lieu</a>"));
}

// --- Errors ------------------------------------------------------------------------------------

TEST(PagesRender, ErrorPagesInFrenchWithAWayBack) {
  std::map<int, std::string> headings{{400, "La demande n’est pas comprise"},
                                      {404, "Page introuvable"},
                                      {500, "Le site rencontre un problème"},
                                      {503, "Le site rencontre un problème"}};
  for (const auto& [status, heading] : headings) {
    ErrorPage page;
    page.status = status;
    auto html = render_error(page);
    expect_accessible_page(html, PageKind::Error);
    EXPECT_TRUE(contains(html, "<h1>" + heading + "</h1>")) << status;
    EXPECT_TRUE(contains(html, "Erreur " + std::to_string(status))) << status;
    EXPECT_TRUE(contains(html, "href=\"/\">Revenir à l’accueil</a>")) << status;
    EXPECT_TRUE(contains(html, "<meta name=\"robots\" content=\"noindex\">")) << status;
  }
  ErrorPage bad;
  bad.status = 400;
  bad.detail = "Le filtre « frais » ne connaît pas la valeur « <gratos> ».";
  bad.back_url = "/recherche?ou=Lyon";
  auto html = render_error(bad);
  EXPECT_TRUE(contains(html, "ne connaît pas la valeur « &lt;gratos&gt; »."));
  EXPECT_TRUE(contains(html, "href=\"/recherche?ou=Lyon\">Revenir à la page précédente</a>"));
}

// --- Stylesheets -------------------------------------------------------------------------------

TEST(PagesRender, PagesLinkOnlyTheDsfrPartsTheyUse) {
  for (auto kind : {PageKind::Home, PageKind::Results, PageKind::Place, PageKind::Report, PageKind::ReportSent,
                    PageKind::Error}) {
    auto sheets = stylesheets(kind);
    ASSERT_FALSE(sheets.empty());
    EXPECT_EQ(sheets.front(), "core/core.min.css");
    EXPECT_EQ(std::find(sheets.begin(), sheets.end(), "dsfr.min.css"), sheets.end());
  }
  auto results = stylesheets(PageKind::Results);
  EXPECT_NE(std::find(results.begin(), results.end(), "component/pagination/pagination.min.css"), results.end());
  auto page = samples::results();
  page.where_error.clear();
  EXPECT_FALSE(contains(render_results(page), "alert.min.css"));
  page.where_error = "Nous n’avons pas trouvé « Villeurbane ».";
  EXPECT_TRUE(contains(render_results(page), "<link rel=\"stylesheet\" href=\"/static/dsfr/component/alert/alert.min.css\">"));
  auto error = stylesheets(PageKind::Error);
  EXPECT_EQ(std::find(error.begin(), error.end(), "component/pagination/pagination.min.css"), error.end());
}

// The server renders from many threads at once.
TEST(PagesRender, ConcurrentRenderingGivesTheSameResult) {
  const auto results = samples::results(20, 45, 2);
  const auto place = samples::place_page();
  const std::string expected_results = render_results(results);
  const std::string expected_place = render_place(place);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (render_results(results) != expected_results) ++mismatches[t];
        if (render_place(place) != expected_place) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(PagesRender, SiteSettingsAreUsed) {
  HomePage page;
  page.site.name = "Relais Métropole";
  page.site.dsfr_prefix = "/assets/dsfr";
  auto html = render_home(page);
  EXPECT_TRUE(contains(html, "<p class=\"fr-header__service-title\">Relais Métropole</p>"));
  EXPECT_TRUE(contains(html, "href=\"/assets/dsfr/core/core.min.css\""));
}

}  // namespace
}  // namespace relais::pages
