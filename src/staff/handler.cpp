#include "staff/handler.h"

#include <exception>

#include "security/random.h"
#include "store/place_edit_store.h"
#include "store/store.h"
#include "staff/page.h"
#include "staff/places.h"
#include "staff/responses.h"
#include "web/cookie.h"
#include "web/form.h"
#include "web/multipart.h"
#include "web/origin.h"

namespace relais::staff {
namespace {

using accounts::Action;
using Files = std::vector<web::MultipartPart>;
using RouteCode = api::Response (*)(const Page&, std::string_view pattern, const Files&);

template <api::Response (*F)(const Page&)>
api::Response plain(const Page& page, std::string_view, const Files&) {
  return F(page);
}
api::Response places(const Page& page, std::string_view pattern, const Files&) { return handle_places(page, pattern); }
api::Response file_check_upload(const Page& page, std::string_view, const Files& files) {
  return detail::file_check(page, files);
}

struct Entry {
  Route route;
  RouteCode code;
};

// The one table of the staff space: every route, the action it needs, and
// its code. routes() exposes the first part (the matrix test reads it).
const std::vector<Entry>& table() {
  using namespace detail;
  static const std::vector<Entry> kTable{
      // Signing in (no session yet, or a first-factor one).
      {{"GET", "/espace/connexion", std::nullopt, false}, plain<sign_in_page>},
      {{"POST", "/espace/connexion", std::nullopt, false}, plain<sign_in_password>},
      {{"GET", "/espace/connexion/lien", std::nullopt, false}, plain<link_request_page>},
      {{"POST", "/espace/connexion/lien", std::nullopt, false}, plain<link_request>},
      {{"GET", "/espace/connexion/lien/{jeton}", std::nullopt, false}, plain<link_landing>},
      {{"POST", "/espace/connexion/lien/{jeton}", std::nullopt, false}, plain<link_sign_in>},
      {{"GET", "/espace/connexion/code", std::nullopt, false}, plain<code_page>},
      {{"POST", "/espace/connexion/code", std::nullopt, false}, plain<code_submit>},
      {{"GET", "/espace/enrolement", std::nullopt, false}, plain<enrolment_page>},
      {{"POST", "/espace/enrolement", std::nullopt, false}, plain<enrolment_confirm>},
      {{"GET", "/espace/invitation/{jeton}", std::nullopt, false}, plain<invitation_page>},
      {{"POST", "/espace/invitation/{jeton}", std::nullopt, false}, plain<invitation_accept>},
      {{"POST", "/espace/deconnexion", std::nullopt, false}, plain<sign_out>},
      // A structure asks to join (validated by its territory's coordinateur).
      {{"GET", "/espace/inscription", std::nullopt, false}, plain<registration_page>},
      {{"POST", "/espace/inscription", std::nullopt, false}, plain<registration_submit>},
      // Signed in.
      {{"GET", "/espace", std::nullopt, true}, plain<home>},
      {{"GET", "/espace/compte", Action::ViewOwnAccount, true}, plain<account_page>},
      {{"POST", "/espace/compte/sessions/{session}/revoquer", Action::ViewOwnAccount, true}, plain<revoke_session>},
      {{"POST", "/espace/compte/codes-secours", Action::ViewOwnAccount, true}, plain<renew_recovery_codes>},
      {{"POST", "/espace/compte/mot-de-passe", Action::ViewOwnAccount, true}, plain<change_password>},
      {{"POST", "/espace/compte/nom", Action::ViewOwnAccount, true}, plain<change_display_name>},
      {{"POST", "/espace/compte/second-facteur", Action::ViewOwnAccount, true}, plain<re_enrol>},
      {{"POST", "/espace/compte/donnees", Action::ViewOwnAccount, true}, plain<export_data>},
      {{"GET", "/espace/compte/suppression", Action::ViewOwnAccount, true}, plain<delete_confirmation_page>},
      {{"POST", "/espace/compte/suppression", Action::ViewOwnAccount, true}, plain<delete_account>},
      {{"GET", "/espace/structures", std::nullopt, true}, plain<structures_page>},
      // Creation: here, coordinateur of some territory; then
      // Accounts::create_structure checks the commune the form names.
      {{"GET", "/espace/structures/nouvelle", Action::CreateStructure, true}, plain<new_structure_page>},
      {{"POST", "/espace/structures", Action::CreateStructure, true}, plain<create_structure>},
      {{"GET", "/espace/structures/{structure}", Action::ViewStructure, true}, plain<structure_page>},
      {{"GET", "/espace/structures/{structure}/membres", Action::ManageMembers, true}, plain<members_page>},
      {{"POST", "/espace/structures/{structure}/invitations", Action::ManageMembers, true}, plain<invite_member>},
      {{"POST", "/espace/structures/{structure}/membres/{membre}/desactiver", Action::ManageMembers, true},
       plain<deactivate_member>},
      {{"POST", "/espace/structures/{structure}/membres/{membre}/role", Action::ManageMembers, true},
       plain<change_role>},
      {{"POST", "/espace/structures/{structure}/valider", Action::ValidateStructure, true},
       plain<validate_structure>},
      {{"POST", "/espace/structures/{structure}/refuser", Action::ValidateStructure, true}, plain<refuse_structure>},
      {{"POST", "/espace/structures/{structure}/referent", Action::ValidateStructure, true}, plain<invite_referent>},
      {{"GET", "/espace/structures/{structure}/lieux", Action::AttachPlace, true}, plain<structure_places_page>},
      {{"POST", "/espace/structures/{structure}/lieux", Action::AttachPlace, true}, plain<attach_place>},
      {{"POST", "/espace/structures/{structure}/lieux/{lieu}/detacher", Action::AttachPlace, true},
       plain<detach_place>},
      {{"GET", "/espace/territoires/{niveau}/{code}", Action::ViewTerritoryAggregates, true}, plain<territory_page>},
      {{"GET", "/espace/journal", Action::ViewJournal, true}, plain<journal_page>},
      {{"GET", "/espace/valider", std::nullopt, true}, plain<file_check_page>},
      {{"POST", "/espace/valider", std::nullopt, true}, file_check_upload},
      // The places' records and reports (staff/places.h, helper-owned code).
      {{"GET", "/espace/lieux", std::nullopt, true}, places},
      {{"GET", "/espace/lieux/{lieu}", Action::EditPlace, true}, places},
      {{"POST", "/espace/lieux/{lieu}", Action::EditPlace, true}, places},
      {{"POST", "/espace/lieux/{lieu}/confirmer", Action::EditPlace, true}, places},
      {{"GET", "/espace/lieux/{lieu}/historique", Action::ViewPlaceHistory, true}, places},
      {{"GET", "/espace/signalements", std::nullopt, true}, places},
      {{"GET", "/espace/signalements/{signalement}", Action::HandleReports, true}, places},
      {{"POST", "/espace/signalements/{signalement}", Action::HandleReports, true}, places},
  };
  return kTable;
}

// Splits "/a/b/c" into its segments (the empty string: none).
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Raw (still percent-encoded) values of the {…} segments when `path` matches.
std::optional<std::vector<std::string_view>> match(std::string_view pattern, std::string_view path) {
  auto want = segments(pattern);
  auto got = segments(path);
  if (want.size() != got.size()) return std::nullopt;
  std::vector<std::string_view> values;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{')) {
      if (got[i].empty()) return std::nullopt;
      values.push_back(got[i]);
    } else if (want[i] != got[i]) {
      return std::nullopt;
    }
  }
  return values;
}

// The territory codes of a commune (INSEE code), from the catalogue's
// commune table when loaded.
void fill_codes(accounts::Target& target, const std::string& code_insee, const Context& context) {
  target.code_insee = code_insee;
  if (!context.dataset || code_insee.empty()) return;
  if (const auto* commune = context.dataset->catalog().communes().find_commune(code_insee)) {
    target.code_insee = commune->code_insee;
    target.code_departement = commune->code_departement;
    target.code_region = commune->code_region;
    target.code_epci = commune->code_epci.value_or("");
  }
}

void fill_place(accounts::Target& target, std::string_view ref, Context& context) {
  auto colon = ref.find(':');
  if (colon == std::string_view::npos) return;
  store::PlaceKey key{std::string(ref.substr(0, colon)), std::string(ref.substr(colon + 1))};
  target.structure_id = context.store.accounts().structure_of_place(key);
  if (auto place = context.store.find_place(key.source, key.place_id)) {
    // Most sources give no code INSEE: derive it as the catalogue does, so a
    // coordinateur's territory covers the place all the same.
    std::string code = place->code_insee.value_or("");
    if (code.empty() && context.dataset) {
      if (auto derived = context.dataset->catalog().communes().derive_code_insee(place->code_postal, place->commune,
                                                                                 place->coordinates)) {
        code = derived->code_insee;
      }
    }
    if (!code.empty()) fill_codes(target, code, context);
  }
  target.place = std::move(key);
}

// What the route names, resolved from the store (ASVS 8.2.2: the object's
// owner comes from the data, never from the request).
std::optional<accounts::Target> resolve_target(const Route& route, const std::vector<std::string>& parameters,
                                               Context& context) {
  accounts::Target target;
  if (!route.action) return target;
  std::string_view pattern = route.pattern;
  auto integer = [&](std::size_t i) -> std::optional<std::int64_t> {
    const auto& text = parameters.at(i);
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    return std::stoll(text);
  };
  if (pattern.starts_with("/espace/structures/{structure}")) {
    auto id = integer(0);
    if (!id) return std::nullopt;
    target.structure_id = *id;
    if (auto structure = context.store.accounts().find_structure(*id)) fill_codes(target, structure->code_insee, context);
  } else if (pattern.starts_with("/espace/lieux/{lieu}")) {
    fill_place(target, parameters.at(0), context);
    if (!target.place) return std::nullopt;
  } else if (pattern.starts_with("/espace/signalements/{signalement}")) {
    auto id = integer(0);
    if (!id) return std::nullopt;
    if (auto report = context.store.place_edits().find_report(*id)) fill_place(target, report->place_ref, context);
  } else if (pattern == "/espace/territoires/{niveau}/{code}") {
    const auto& level = parameters.at(0);
    const auto& code = parameters.at(1);
    if (level == "commune") {
      target.code_insee = code;
    } else if (level == "epci") {
      target.code_epci = code;
    } else if (level == "departement") {
      target.code_departement = code;
    } else if (level == "region") {
      target.code_region = code;
    } else {
      return std::nullopt;
    }
  }
  return target;
}

journal::Event refusal(const char* action, const Request& request, std::string_view pattern, std::string reason,
                       const accounts::Principal* principal) {
  journal::Event event;
  event.action = action;
  event.object_type = "route";
  event.object_id = std::string(request.method) + " " + std::string(pattern);
  event.details = {{"raison", std::move(reason)}};
  event.personal = {{"ip", request.client.ip}, {"user_agent", request.client.user_agent}};
  if (principal && principal->user_id != 0) {
    event.actor_user_id = principal->user_id;
    event.personal_user_id = principal->user_id;
  }
  return event;
}

void journal_refusal(accounts::Accounts& accounts, const char* action, const Request& request,
                     std::string_view pattern, std::string reason, const accounts::Principal* principal) {
  try {
    accounts.record(refusal(action, request, pattern, std::move(reason), principal));
  } catch (const std::exception&) {
    // The refusal stands even when the journal cannot be written.
  }
}

api::Response finish(api::Response response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

std::string path_with_query(const Request& request) {
  std::string out(request.path);
  if (!request.query.empty()) out += "?" + std::string(request.query);
  return out;
}

}  // namespace

bool is_staff_path(std::string_view path) { return path == "/espace" || path.starts_with("/espace/"); }

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> out;
    for (const auto& entry : table()) out.push_back(entry.route);
    return out;
  }();
  return kRoutes;
}

api::Response handle(const Request& request, Context& context) {
  // A frame for pages rendered before anyone is known.
  accounts::Principal anonymous;
  api::Params no_form;
  accounts::Accounts accounts(context.store, context.keys, context.settings, context.mail, context.journal,
                              context.clock ? context.clock : [] {
                                return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
                              });
  Page bare{request, context, accounts, anonymous, no_form, {}};
  try {
    std::string_view method = request.method == "HEAD" ? std::string_view("GET") : request.method;

    // Route: the path first (404), then the method (405).
    const Entry* entry = nullptr;
    std::vector<std::string_view> raw_parameters;
    std::string allow;
    for (const auto& candidate : table()) {
      auto values = match(candidate.route.pattern, request.path);
      if (!values) continue;
      if (candidate.route.method == method) {
        entry = &candidate;
        raw_parameters = std::move(*values);
        break;
      }
      if (!allow.empty()) allow += ", ";
      allow += candidate.route.method;
    }
    if (!entry) {
      if (allow.empty()) return finish(error(bare, 404, "Cette page n’existe pas dans l’espace des équipes."));
      auto response = error(bare, 405, "Cette adresse ne s’utilise pas de cette façon.");
      response.headers.emplace_back("Allow", allow);
      return finish(std::move(response));
    }
    const Route& route = entry->route;
    std::vector<std::string> parameters;
    for (auto raw : raw_parameters) {
      auto decoded = api::decode_path_segment(raw);
      if (auto* e = std::get_if<api::ApiError>(&decoded)) return finish(error(bare, 400, e->message));
      parameters.push_back(std::get<std::string>(std::move(decoded)));
    }

    // The session, if any: complete (a principal) or at the first factor.
    auto token = web::find_cookie(request.cookie, web::cookie_name(detail::kSessionCookie, context.secure_cookies))
                     .value_or("");
    std::optional<accounts::Principal> principal;
    accounts::Principal pending_view;  // first-factor sessions: only their CSRF token
    bool pending = false;
    if (!token.empty()) {
      principal = accounts.authenticate(token, request.client);
      if (!principal && accounts.pending_user(token)) {
        pending = true;
        if (auto session = context.store.accounts().find_session(security::sha256_hex(token))) {
          pending_view.csrf_token = session->csrf_token;
        }
      }
    }
    const accounts::Principal& who = principal ? *principal : pending_view;
    Page framed{request, context, accounts, who, no_form, {}};

    // The body.
    bool is_post = method == "POST";
    api::Params form;
    Files files;
    if (request.body.size() > kMaxStaffBodyBytes) {
      journal_refusal(accounts, journal::action::kRequestRejected, request, route.pattern, "taille", &who);
      return finish(error(framed, 413, "L’envoi est trop volumineux (2 Mio au plus)."));
    }
    if (is_post) {
      if (web::media_type(request.content_type) == "multipart/form-data" &&
          std::string_view(route.pattern) == "/espace/valider") {
        auto parsed = web::parse_multipart(request.content_type, request.body,
                                           {.max_body_bytes = kMaxStaffBodyBytes,
                                            .max_part_bytes = kMaxStaffBodyBytes,
                                            .max_parts = 5,
                                            .max_text_field_bytes = 4096});
        if (auto* e = std::get_if<web::MultipartError>(&parsed)) {
          journal_refusal(accounts, journal::action::kRequestRejected, request, route.pattern,
                          "format:" + std::to_string(e->status), &who);
          return finish(error(framed, e->status, e->message));
        }
        std::vector<std::pair<std::string, std::string>> fields;
        for (auto& part : std::get<Files>(parsed)) {
          if (part.filename) {
            files.push_back(std::move(part));
          } else {
            fields.emplace_back(part.name, std::string(part.body));
          }
        }
        form = api::Params(std::move(fields));
      } else {
        auto parsed = web::parse_form(request.content_type, request.body);
        if (auto* e = std::get_if<web::FormError>(&parsed)) {
          journal_refusal(accounts, journal::action::kRequestRejected, request, route.pattern,
                          "format:" + std::to_string(e->status), &who);
          return finish(error(framed, e->status, e->message));
        }
        form = std::get<api::Params>(std::move(parsed));
      }
    } else {
      auto parsed = api::parse_query_string(request.query);
      if (auto* e = std::get_if<api::ApiError>(&parsed)) return finish(error(framed, 400, e->message));
      form = std::get<api::Params>(std::move(parsed));
    }

    // Cross-site requests (ASVS 3.5.1): same origin on every POST, then the
    // session's token in the form whenever there is a session.
    if (is_post) {
      if (!web::is_same_origin(request.sec_fetch_site, request.origin, web::origin_of(context.settings.base_url))) {
        journal_refusal(accounts, journal::action::kRequestRejected, request, route.pattern, "origine", &who);
        return finish(error(framed, 403, "Cette demande ne vient pas d’une page de l’espace des équipes : elle est refusée."));
      }
      if (route.signed_in && !principal) {
        journal_refusal(accounts, journal::action::kAccessDenied, request, route.pattern, "non_connecte", nullptr);
        return finish(error(framed, 401, "Votre session a pris fin. Connectez-vous puis recommencez."));
      }
      if (!who.csrf_token.empty()) {
        auto sent = form.all("csrf");
        if (sent.size() != 1 || !security::constant_time_equal(sent.front(), who.csrf_token)) {
          journal_refusal(accounts, journal::action::kRequestRejected, request, route.pattern, "csrf", &who);
          return finish(error(framed, 403,
                              "Le formulaire a expiré ou ne vient pas de cette page. Revenez en arrière, rechargez "
                              "la page et recommencez."));
        }
      }
    }

    if (route.signed_in && !principal) {
      std::string suite = api::encode_component(path_with_query(request));
      return finish(redirect(pending ? "/espace/connexion/code?suite=" + suite : "/espace/connexion?suite=" + suite));
    }

    // Authorisation, on the object the route names.
    if (route.action) {
      auto target = resolve_target(route, parameters, context);
      if (!target) return finish(error(framed, 404, "Cette page n’existe pas dans l’espace des équipes."));
      try {
        accounts.require(*principal, *route.action, *target);
      } catch (const accounts::AccountError& e) {
        if (e.status() == 401) return finish(detail::reauthenticate(framed, path_with_query(request)));
        return finish(error(framed, 403, e.what()));
      }
    }

    Page page{request, context, accounts, who, form, std::move(parameters)};
    try {
      return finish(entry->code(page, route.pattern, files));
    } catch (const accounts::AccountError& e) {
      if (e.status() == 401 && principal) return finish(detail::reauthenticate(page, path_with_query(request)));
      return finish(error(page, e.status(), e.what()));
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const store::StoreUnavailable&) {
    // The database is restarting or unreachable: say so, and that nothing of
    // this request was saved (every write is one transaction).
    try {
      auto response = error(bare, 503,
                            "La base de données est momentanément injoignable. Rien n’a été enregistré par cette "
                            "demande : réessayez dans une minute.");
      response.headers.emplace_back("Retry-After", "30");
      return finish(std::move(response));
    } catch (const std::exception&) {
      auto response = detail::html(503, "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
                                        "Indisponible</title></head><body><p>Service momentanément indisponible."
                                        "</p></body></html>");
      response.headers.emplace_back("Retry-After", "30");
      return finish(std::move(response));
    }
  } catch (const std::exception&) {
    try {
      return finish(error(bare, 500, "Ce n’est pas de votre faute. Réessayez dans quelques minutes."));
    } catch (const std::exception&) {
      auto response = detail::html(500, "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur"
                                        "</title></head><body><p>Une erreur est survenue.</p></body></html>");
      return finish(std::move(response));
    }
  }
}

}  // namespace relais::staff
