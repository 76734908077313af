#include "staff/page.h"

#include <map>
#include <memory>
#include <stdexcept>

#include <kainjow/mustache.hpp>

#include "pages/templates.h"
#include "staff/responses.h"
#include "web/cookie.h"

namespace relais::staff {
namespace {

namespace mu = kainjow::mustache;

// DSFR stylesheets every staff page links (forms, tables and alerts are on
// most of them; a handful of files, cached after the first page).
constexpr std::string_view kStylesheets[] = {
    "core/core.min.css",
    "component/link/link.min.css",
    "component/button/button.min.css",
    "component/badge/badge.min.css",
    "component/form/form.min.css",
    "component/input/input.min.css",
    "component/select/select.min.css",
    "component/radio/radio.min.css",
    "component/checkbox/checkbox.min.css",
    "component/logo/logo.min.css",
    "component/skiplink/skiplink.min.css",
    "component/notice/notice.min.css",
    "component/alert/alert.min.css",
    "component/table/table.min.css",
    "component/pagination/pagination.min.css",
    "component/navigation/navigation.min.css",
    "component/header/header.min.css",
    "component/footer/footer.min.css",
};

// The frame with the page's template in its slot, parsed once per thread
// (kainjow keeps render errors in the template object).
mu::mustache& framed_template(std::string_view body_template) {
  thread_local std::map<std::string, std::unique_ptr<mu::mustache>, std::less<>> cache;
  auto it = cache.find(body_template);
  if (it == cache.end()) {
    auto parsed = std::make_unique<mu::mustache>(pages::detail::expanded_template("espace_cadre", body_template));
    if (!parsed->is_valid()) {
      throw std::logic_error("staff: template " + std::string(body_template) + ": " + parsed->error_message());
    }
    it = cache.emplace(std::string(body_template), std::move(parsed)).first;
  }
  return *it->second;
}

// JSON to kainjow data. Empty strings, false and null are left out: in
// kainjow an empty string still opens a {{#section}}.
void put(mu::data& object, const std::string& key, const nlohmann::json& value);

mu::data convert(const nlohmann::json& value) {
  if (value.is_object()) {
    mu::data object{mu::data::type::object};
    for (const auto& [key, item] : value.items()) put(object, key, item);
    return object;
  }
  if (value.is_array()) {
    mu::data list{mu::data::type::list};
    for (const auto& item : value) list.push_back(convert(item));
    return list;
  }
  if (value.is_boolean()) return value.get<bool>() ? mu::data::type::bool_true : mu::data::type::bool_false;
  if (value.is_string()) return mu::data{value.get<std::string>()};
  if (value.is_null()) return mu::data::type::bool_false;
  return mu::data{value.dump()};
}

void put(mu::data& object, const std::string& key, const nlohmann::json& value) {
  if (value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
      (value.is_boolean() && !value.get<bool>()) || (value.is_array() && value.empty())) {
    return;
  }
  object.set(key, convert(value));
  // {{#has_list}}…{{/has_list}} wraps a list's table or <ul> once.
  if (value.is_array()) object.set("has_" + key, mu::data::type::bool_true);
}

struct NavItem {
  std::string href;
  const char* label;
};

}  // namespace

std::string render_page(const Page& page, std::string_view title, std::string_view body_template,
                        nlohmann::json data) {
  if (!data.is_object()) data = nlohmann::json::object();
  data["title"] = std::string(title);
  data["site_name"] = page.context.site.name;
  data["csrf"] = page.principal.csrf_token;
  auto& css = data["stylesheets"] = nlohmann::json::array();
  for (auto path : kStylesheets) {
    css.push_back({{"href", page.context.site.dsfr_prefix + "/" + std::string(path)}});
  }
  if (page.principal.user_id != 0) {
    data["user"] = {{"name", page.principal.display_name.empty() ? page.principal.email : page.principal.display_name},
                    {"csrf", page.principal.csrf_token}};
    // What the person's roles give: a structure's members keep places and
    // answer reports; coordinateurs follow their territory.
    std::vector<NavItem> items;
    const bool member = !page.principal.memberships.empty();
    const bool coordinates = !page.principal.territories.empty();
    if (member || page.principal.admin) {
      items.push_back({"/espace/lieux", "Mes lieux"});
      items.push_back({"/espace/signalements", "Signalements"});
    }
    std::string territory_href;
    if (coordinates) {
      const auto& t = page.principal.territories.front();
      territory_href = "/espace/territoires/" + api::encode_component(t.level) + "/" + api::encode_component(t.code);
    }
    if (page.principal.territories.size() == 1) {
      items.push_back({territory_href, "Mon territoire"});
    }
    items.push_back({"/espace/structures", member && !coordinates ? "Ma structure / Membres" : "Structures"});
    items.push_back({"/espace/compte", "Mon compte"});
    if (page.principal.admin) items.push_back({"/espace/journal", "Journal"});
    auto& nav = data["nav"] = nlohmann::json::array();
    for (const auto& item : items) {
      std::string_view href = item.href;
      bool current = page.request.path == href ||
                     (page.request.path.starts_with(href) && page.request.path.substr(href.size()).starts_with("/"));
      nav.push_back({{"href", item.href}, {"label", item.label}, {"current", current}});
    }
  }
  auto& tmpl = framed_template(body_template);
  auto d = convert(data);
  std::string out = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::logic_error("staff: render error: " + tmpl.error_message());
  return out;
}

api::Response redirect(std::string location) {
  api::Response response;
  response.status = 303;
  response.content_type = "text/html; charset=utf-8";
  response.body = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Redirection</title></head>"
                  "<body><p><a href=\"" +
                  location + "\">Continuer</a></p></body></html>";
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

api::Response error(const Page& page, int status, std::string message) {
  nlohmann::json data{{"status", std::to_string(status)}, {"message", std::move(message)}};
  const char* heading = "Cette demande n’a pas abouti";
  switch (status) {
    case 400: heading = "La demande est incomplète ou mal formée"; break;
    case 401: heading = "Connectez-vous pour continuer"; data["sign_in"] = true; break;
    case 403: heading = "Vous n’avez pas accès à cette page"; break;
    case 404: heading = "Page introuvable"; break;
    case 405: heading = "Cette adresse ne s’utilise pas de cette façon"; break;
    case 409: heading = "Cette action n’est plus possible"; break;
    case 413: heading = "L’envoi est trop volumineux"; break;
    case 415: heading = "Le format de l’envoi n’est pas accepté"; break;
    case 429: heading = "Trop de tentatives"; break;
    case 503: heading = "Service momentanément indisponible"; break;
    default:
      if (status >= 500) heading = "Une erreur est survenue de notre côté";
  }
  data["heading"] = heading;
  return detail::html(status, render_page(page, heading, "espace_erreur", std::move(data)));
}

namespace detail {

api::Response html(int status, std::string body) {
  api::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

api::Response page_response(const Page& page, int status, std::string_view title, std::string_view body_template,
                            nlohmann::json data) {
  return html(status, render_page(page, title, body_template, std::move(data)));
}

void set_session_cookie(api::Response& response, const Context& context, std::string_view token) {
  if (token.empty()) {
    response.headers.emplace_back("Set-Cookie", web::delete_cookie_value(kSessionCookie, context.secure_cookies));
    return;
  }
  // No Max-Age: the server ends the session (idle and absolute limits); the
  // browser forgets the cookie when it closes.
  response.headers.emplace_back("Set-Cookie", web::set_cookie_value({.name = std::string(kSessionCookie),
                                                                     .value = std::string(token),
                                                                     .secure = context.secure_cookies,
                                                                     .max_age = {}}));
}

std::string session_token(const Page& page) {
  return web::find_cookie(page.request.cookie, web::cookie_name(kSessionCookie, page.context.secure_cookies))
      .value_or("");
}

std::string field(const Page& page, std::string_view name) {
  auto values = page.form.all(name);
  return values.size() == 1 ? std::string(values.front()) : std::string();
}

std::string safe_return(std::string_view suite) {
  bool ok = (suite == "/espace" || suite.starts_with("/espace/")) && suite.find("//") == std::string_view::npos &&
            suite.find('\\') == std::string_view::npos && suite.find_first_of("\r\n\"<>") == std::string_view::npos;
  return ok ? std::string(suite) : std::string("/espace");
}

std::string ref_of(const store::PlaceKey& key) { return key.source + ":" + key.place_id; }

std::optional<store::PlaceKey> key_of(std::string_view ref) {
  const auto colon = ref.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == ref.size()) return std::nullopt;
  return store::PlaceKey{std::string(ref.substr(0, colon)), std::string(ref.substr(colon + 1))};
}

api::Response link_to_pass_on(const Page& page, int status, std::string heading, std::string who, std::string link,
                              std::string back) {
  const std::string title = heading;
  return page_response(page, status, title, "espace_lien_a_transmettre",
                       {{"heading", std::move(heading)},
                        {"who", std::move(who)},
                        {"link", std::move(link)},
                        {"back", std::move(back)}});
}

std::optional<std::int64_t> int_parameter(const Page& page, std::size_t i) {
  if (i >= page.path_parameters.size()) return std::nullopt;
  const auto& text = page.path_parameters[i];
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace detail
}  // namespace relais::staff
