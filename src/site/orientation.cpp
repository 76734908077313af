#include "site/orientation.h"

#include <fmt/format.h>

#include "api/query_string.h"
#include "geo/distance.h"
#include "geo/hours_schedule.h"
#include "hours/opening_hours.h"
#include "pages/orientation.h"
#include "site/handler.h"
#include "site/responses.h"
#include "site/where.h"
#include "store/store.h"

namespace relais::site {
namespace {

constexpr std::string_view kPrefix = "/orientation";
constexpr std::size_t kCandidates = 500;  // nearest places examined for availability
constexpr std::size_t kShown = 20;

api::Response html(int status, std::string body) {
  auto response = detail::html(status, std::move(body));
  // The pages may carry a first name in their URL or form: no cache keeps them.
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

api::Response error(const pages::Site& site, int status, std::string detail, std::string back = "/orientation") {
  auto response = detail::error_page(site, status, std::move(detail), std::move(back));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

bool is_read(std::string_view method) { return method == "GET" || method == "HEAD"; }

struct Located {
  std::string label;
  std::optional<Coordinates> centre;
};

Located locate(const api::Dataset& dataset, const std::string& where) {
  if (where.empty()) return {};
  auto location = resolve_where(dataset.catalog().communes(), where);
  if (!location) return {};
  const auto* c = location->commune;
  return {c->codes_postaux.empty() ? c->nom : fmt::format("{} ({})", c->nom, c->codes_postaux.front()),
          location->position};
}

// The one place the state names, or an error response.
std::variant<std::uint32_t, api::Response> chosen_place(const api::Dataset& dataset,
                                                        const pages::OrientationState& state,
                                                        const pages::Site& site) {
  if (state.place.empty()) {
    return error(site, 400, "Aucun lieu n’a été choisi : revenez à l’étape « Le lieu ».",
                 pages::orientation_url("/orientation/lieu", state));
  }
  auto found = dataset.find(state.place);
  if (found.size() != 1) {
    auto back = state;
    back.place.clear();
    return error(site, 404, "Ce lieu n’existe pas ou n’est plus référencé : choisissez-en un autre.",
                 pages::orientation_url("/orientation/lieu", back));
  }
  return found.front();
}

Place public_place(const api::Dataset& dataset, std::uint32_t index) {
  Place place = dataset.catalog().places()[index];
  place.id = dataset.ref(index);
  return place;
}

api::Response places_step(const Request& request, const api::Dataset& dataset, pages::OrientationStep step) {
  pages::OrientationPlacesPage page{.step = std::move(step), .where_label = {}, .where_error = {}, .places = {},
                                    .total = 0, .without_hours = 0};
  const auto& state = page.step.state;
  if (state.where.empty()) return html(200, pages::render_orientation_places(page));
  auto located = locate(dataset, state.where);
  if (!located.centre) {
    page.where_error = fmt::format(
        "Nous n’avons pas trouvé « {} ». Essayez le nom d’une commune ou un code postal, par exemple « Lyon » ou "
        "« 69001 ».",
        state.where);
    return html(200, pages::render_orientation_places(page));
  }
  page.where_label = located.label;
  geo::Query query;
  query.near = located.centre;
  query.radius_metres = state.radius_km * 1000.0;
  query.services = state.services;
  query.prises_en_charge = state.prises_en_charge;
  if (state.open_now) query.open_at = request.now;
  query.limit = kCandidates;
  const auto& catalog = dataset.catalog();
  auto found = catalog.search(query);
  for (const auto& hit : found.hits) {
    const Place& place = catalog.places()[hit.place];
    // Compiled once by the catalogue, not parsed again per request.
    const hours::OpeningHours* hours = geo::opening_hours_of(catalog.extras(hit.place).schedule.get());
    std::vector<pages::HalfDay> matching;
    if (!state.half_days.empty()) {
      if (!hours) {
        ++page.without_hours;
        continue;
      }
      matching = pages::available_half_days(*hours, state.half_days, request.now);
      if (matching.empty()) continue;
    }
    ++page.total;
    if (page.places.size() < kShown) {
      auto summary = pages::summarize(place, hours, hit.distance_metres, request.now);
      summary.id = dataset.ref(hit.place);
      page.places.push_back({std::move(summary), std::move(matching)});
    }
  }
  return html(200, pages::render_orientation_places(page));
}

pages::OrientationSheet make_sheet(const Request& request, const api::Dataset& dataset, std::uint32_t index,
                                   const pages::OrientationState& state, const pages::Site& site, bool mail_enabled) {
  pages::OrientationSheet sheet{.site = site, .state = state, .place = public_place(dataset, index),
                                .now = request.now, .where_label = {}, .distance_metres = std::nullopt,
                                .mail_enabled = mail_enabled, .recipient = {}, .recipient_error = {}};
  auto located = locate(dataset, state.where);
  if (located.centre && sheet.place.coordinates) {
    sheet.where_label = located.label;
    sheet.distance_metres = geo::haversine_metres(*located.centre, *sheet.place.coordinates);
  }
  return sheet;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

api::Response send(const Request& request, const api::Dataset& dataset, const MailSink& mail,
                   const pages::Site& site) {
  if (request.method != "POST") {
    auto response = error(site, 405, "Cette adresse ne s’utilise pas de cette façon.");
    response.headers.emplace_back("Allow", "POST");
    return response;
  }
  if (!mail) {
    return error(site, 503, "L’envoi par e-mail n’est pas activé sur ce site. Imprimez la fiche à la place.");
  }
  auto type = request.content_type.substr(0, request.content_type.find(';'));
  if (type != "application/x-www-form-urlencoded") {
    return error(site, 415, "Le formulaire doit être envoyé depuis la fiche d’orientation.");
  }
  if (request.body.size() > kMaxFormBytes) return error(site, 413, "Le formulaire est trop long.");
  auto fields = api::parse_query_string(request.body, {.max_length = kMaxFormBytes, .max_parameters = 80});
  if (auto* e = std::get_if<api::ApiError>(&fields)) return error(site, 400, e->message);
  const auto& items = std::get<api::Params>(fields).items();
  std::string_view ignored[] = {"destinataire"};
  auto read = pages::read_orientation_state(items, ignored);
  if (auto* e = std::get_if<std::string>(&read)) return error(site, 400, *e);
  const auto& state = std::get<pages::OrientationState>(read);
  auto chosen = chosen_place(dataset, state, site);
  if (auto* r = std::get_if<api::Response>(&chosen)) return std::move(*r);
  auto sheet = make_sheet(request, dataset, std::get<std::uint32_t>(chosen), state, site, true);

  std::string recipient;
  int count = 0;
  for (const auto& [name, value] : items) {
    if (name == "destinataire") {
      recipient = trim(value);
      ++count;
    }
  }
  if (count > 1 || !mail::is_valid_address(recipient)) {
    sheet.recipient = recipient.substr(0, 254);
    sheet.recipient_error = recipient.empty() ? "Indiquez une adresse e-mail."
                                              : "L’adresse e-mail n’est pas valide. Exemple : prenom.nom@exemple.fr";
    return html(400, pages::render_orientation_sheet(sheet));
  }
  auto content = pages::orientation_mail(sheet);
  mail::Message message{.from = {}, .from_name = {}, .to = recipient, .subject = std::move(content.subject),
                        .text = std::move(content.text), .html = std::move(content.html)};
  auto sheet_url = pages::orientation_url("/orientation/fiche", state);
  MailResult result;
  try {
    result = mail(message);
  } catch (const store::StoreUnavailable&) {
    // The rate limit is counted in the database: nothing is sent without it.
    auto response = error(site, 503,
                          "Le service est momentanément indisponible. Réessayez dans un instant, ou imprimez la fiche.",
                          sheet_url);
    response.headers.emplace_back("Retry-After", "30");
    return response;
  } catch (const std::exception&) {
    return error(site, 502, "La fiche n’a pas pu être envoyée. Réessayez dans un instant, ou imprimez-la.", sheet_url);
  }
  if (result == MailResult::RateLimited) {
    auto response = error(site, 429,
                          "Vous avez envoyé beaucoup de fiches en peu de temps. Attendez une minute avant d’en "
                          "envoyer une autre.",
                          sheet_url);
    response.headers.emplace_back("Retry-After", "60");
    return response;
  }
  return html(200, pages::render_orientation_sent({.site = site, .recipient = recipient, .sheet_url = sheet_url}));
}

}  // namespace

bool is_orientation_path(std::string_view path) {
  return path == kPrefix || (path.starts_with(kPrefix) && path.size() > kPrefix.size() && path[kPrefix.size()] == '/');
}

api::Response handle_orientation(const Request& request, const api::Dataset& dataset, const MailSink& mail,
                                 const pages::Site& site) {
  auto sub = request.path.substr(kPrefix.size());
  if (sub == "/envoyer") return send(request, dataset, mail, site);
  if (!is_read(request.method)) {
    auto response = error(site, 405, "Cette adresse ne s’utilise pas de cette façon.");
    response.headers.emplace_back("Allow", "GET, HEAD");
    return response;
  }
  if (sub == "/fiche.css") {
    api::Response css;
    css.status = 200;
    css.content_type = "text/css; charset=utf-8";
    css.body = std::string(pages::orientation_css());
    return css;
  }
  if (sub != "" && sub != "/" && sub != "/disponibilite" && sub != "/lieu" && sub != "/accessibilite" &&
      sub != "/fiche") {
    return error(site, 404, "Cette page n’existe pas.");
  }
  auto parsed = api::parse_query_string(request.query);
  if (auto* e = std::get_if<api::ApiError>(&parsed)) return error(site, 400, e->message);
  auto read = pages::read_orientation_state(std::get<api::Params>(parsed).items());
  if (auto* e = std::get_if<std::string>(&read)) return error(site, 400, *e);
  pages::OrientationStep step{.site = site, .state = std::get<pages::OrientationState>(read), .error = {}};

  if (sub == "" || sub == "/") return html(200, pages::render_orientation_need(step));
  if (sub == "/disponibilite") return html(200, pages::render_orientation_availability(step));
  if (sub == "/lieu") return places_step(request, dataset, std::move(step));
  auto chosen = chosen_place(dataset, step.state, site);
  if (auto* r = std::get_if<api::Response>(&chosen)) return std::move(*r);
  auto index = std::get<std::uint32_t>(chosen);
  if (sub == "/accessibilite") {
    return html(200, pages::render_orientation_access({.step = std::move(step), .place = public_place(dataset, index)}));
  }
  return html(200, pages::render_orientation_sheet(
                       make_sheet(request, dataset, index, step.state, site, static_cast<bool>(mail))));
}

}  // namespace relais::site
