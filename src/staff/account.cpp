// The person's own account: sessions, recovery codes, password, second
// factor, data download and deletion (GDPR art. 15, 17, 20).
#include <string>

#include "staff/responses.h"

namespace relais::staff::detail {
namespace {

nlohmann::json account_data(const Page& page) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : page.accounts.sessions(page.principal)) {
    sessions.push_back({{"id", s.id},
                        {"created", s.created_at},
                        {"seen", s.last_seen_at},
                        {"agent", s.user_agent},
                        {"ip", s.ip},
                        {"current", s.current},
                        {"revoke", "/espace/compte/sessions/" + api::encode_component(s.id) + "/revoquer"}});
  }
  return {{"email", page.principal.email}, {"display_name", page.principal.display_name}, {"sessions", sessions}};
}

api::Response account_with(const Page& page, int status, std::string notice, std::string problem) {
  auto data = account_data(page);
  data["notice"] = std::move(notice);
  data["problem"] = std::move(problem);
  return page_response(page, status, "Mon compte", "espace_compte", std::move(data));
}

}  // namespace

api::Response account_page(const Page& page) {
  std::string notice;
  if (page.form.has("session")) notice = "La session a été fermée.";
  if (page.form.has("mot_de_passe")) notice = "Votre mot de passe a été changé.";
  if (page.form.has("nom")) notice = "Votre nom a été changé.";
  return account_with(page, 200, notice, "");
}

api::Response revoke_session(const Page& page) {
  page.accounts.revoke_session(page.principal, page.path_parameters.at(0));
  return redirect("/espace/compte?session=1");
}

api::Response renew_recovery_codes(const Page& page) {
  if (!page.principal.second_factor_fresh) return reauthenticate(page, "/espace/compte");
  auto codes = page.accounts.renew_recovery_codes(page.principal);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : codes) list.push_back(c);
  return page_response(page, 200, "Vos nouveaux codes de secours", "espace_codes_secours",
                       {{"codes", list}, {"renewed", true}});
}

api::Response change_password(const Page& page) {
  auto current = field(page, "actuel");
  auto next = field(page, "nouveau");
  if (next.empty()) return account_with(page, 400, "", "Saisissez le nouveau mot de passe.");
  try {
    page.accounts.change_password(page.principal, current, next);
  } catch (const accounts::AccountError& e) {
    if (e.status() != 400) throw;
    return account_with(page, 400, "", e.what());
  }
  return redirect("/espace/compte?mot_de_passe=1");
}

api::Response change_display_name(const Page& page) {
  try {
    page.accounts.change_display_name(page.principal, field(page, "nom"));
  } catch (const accounts::AccountError& e) {
    if (e.status() != 400) throw;
    return account_with(page, 400, "", e.what());
  }
  return redirect("/espace/compte?nom=1");
}

// A new authenticator app: the enrolment page for the signed-in person
// (fresh second factor required: it replaces the current one once confirmed).
api::Response re_enrol(const Page& page) {
  if (!page.principal.second_factor_fresh) return reauthenticate(page, "/espace/compte");
  auto enrolment = page.accounts.begin_enrolment(session_token(page));
  std::string grouped;
  for (std::size_t i = 0; i < enrolment.secret_base32.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped.push_back(' ');
    grouped.push_back(enrolment.secret_base32[i]);
  }
  return page_response(page, 200, "Changer d’application d’authentification", "espace_enrolement",
                       {{"qr_svg_html", enrolment.qr_svg}, {"secret", grouped}, {"issuer", page.context.settings.issuer}});
}

api::Response export_data(const Page& page) {
  if (!page.principal.second_factor_fresh) return reauthenticate(page, "/espace/compte");
  auto data = page.accounts.export_account_data(page.principal);
  api::Response response;
  response.status = 200;
  response.content_type = "application/json; charset=utf-8";
  response.body = data.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"mes-donnees-relais.json\"");
  return response;
}

api::Response delete_confirmation_page(const Page& page) {
  return page_response(page, 200, "Supprimer mon compte", "espace_suppression", {{"email", page.principal.email}});
}

api::Response delete_account(const Page& page) {
  if (field(page, "confirmation") != "SUPPRIMER") {
    return page_response(page, 400, "Supprimer mon compte", "espace_suppression",
                         {{"email", page.principal.email},
                          {"problem", "Pour confirmer, écrivez SUPPRIMER en majuscules dans le champ."}});
  }
  if (!page.principal.second_factor_fresh) return reauthenticate(page, "/espace/compte/suppression");
  page.accounts.delete_account(page.principal);
  accounts::Principal nobody;
  Page after{page.request, page.context, page.accounts, nobody, page.form, page.path_parameters};
  auto response = page_response(after, 200, "Compte supprimé", "espace_supprime", nlohmann::json::object());
  set_session_cookie(response, page.context, "");
  return response;
}

}  // namespace relais::staff::detail
