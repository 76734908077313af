// Signing in and out: password or e-mailed link (first factor), TOTP or
// recovery code (second factor, also to re-authenticate), TOTP enrolment,
// invitation acceptance. Accounts decides; these pages render and call.
#include <string>

#include "staff/responses.h"

namespace relais::staff::detail {
namespace {

// The secret in groups of 4 ("ABCD EFGH …"), easier to type by hand.
std::string grouped(std::string_view secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(secret[i]);
  }
  return out;
}

std::string suite_of(const Page& page) { return safe_return(field(page, "suite")); }

nlohmann::json sign_in_data(const Page& page, std::string message, std::string email) {
  return {{"suite", suite_of(page)}, {"message", std::move(message)}, {"email", std::move(email)},
          {"signed_out", page.form.has("deconnecte")}};
}

// Where a first-factor result leads, with the new session cookie.
api::Response after_first_factor(const Page& page, const accounts::SignInResult& result, std::string_view form_template,
                                 nlohmann::json form_data) {
  using accounts::SignInStage;
  switch (result.stage) {
    case SignInStage::Refused:
    case SignInStage::Throttled: {
      form_data["message"] = result.message;
      int status = result.stage == SignInStage::Throttled ? 429 : 400;
      auto response = page_response(page, status, "Se connecter", form_template, std::move(form_data));
      if (status == 429) response.headers.emplace_back("Retry-After", std::to_string(result.retry_after.count()));
      return response;
    }
    case SignInStage::SecondFactorNeeded: {
      auto response = redirect("/espace/connexion/code?suite=" + api::encode_component(suite_of(page)));
      set_session_cookie(response, page.context, result.session_token);
      return response;
    }
    case SignInStage::EnrolmentNeeded: {
      auto response = redirect("/espace/enrolement");
      set_session_cookie(response, page.context, result.session_token);
      return response;
    }
    case SignInStage::SignedIn: {
      auto response = redirect(suite_of(page));
      set_session_cookie(response, page.context, result.session_token);
      return response;
    }
  }
  return error(page, 500, "Ce n’est pas de votre faute. Réessayez dans quelques minutes.");
}

bool has_enrolled_second_factor(const Page& page, std::int64_t user_id) {
  auto user = page.context.store.accounts().find_user(user_id);
  return user && !user->totp_enrolled_at.empty();
}

nlohmann::json code_data(const Page& page, std::string suite, std::string message, bool recovery, bool reauth) {
  (void)page;
  auto query = api::encode_component(suite);
  return {{"suite", std::move(suite)}, {"message", std::move(message)}, {"recovery", recovery},
          {"reauth", reauth}, {"suite_query", std::move(query)}};
}

}  // namespace

api::Response reauthenticate(const Page& page, std::string suite) {
  return page_response(page, 401, "Confirmer votre identité", "espace_code",
                       code_data(page, safe_return(suite), "", false, true));
}

api::Response sign_in_page(const Page& page) {
  if (page.principal.user_id != 0) return redirect(suite_of(page));
  return page_response(page, 200, "Se connecter", "espace_connexion", sign_in_data(page, "", ""));
}

api::Response sign_in_password(const Page& page) {
  auto email = field(page, "courriel");
  auto password = field(page, "mot_de_passe");
  if (email.empty() || password.empty()) {
    return page_response(page, 400, "Se connecter", "espace_connexion",
                         sign_in_data(page, "Indiquez votre adresse e-mail et votre mot de passe.", email));
  }
  auto result = page.accounts.sign_in_with_password(email, password, page.request.client);
  return after_first_factor(page, result, "espace_connexion", sign_in_data(page, "", email));
}

api::Response link_request_page(const Page& page) {
  return page_response(page, 200, "Recevoir un lien de connexion", "espace_lien", {{"suite", suite_of(page)}});
}

api::Response link_request(const Page& page) {
  auto email = field(page, "courriel");
  if (email.empty()) {
    return page_response(page, 400, "Recevoir un lien de connexion", "espace_lien",
                         {{"message", "Indiquez votre adresse e-mail."}});
  }
  auto message = page.accounts.send_sign_in_link(email, page.request.client);
  return page_response(page, 200, "Lien de connexion envoyé", "espace_lien_envoye", {{"message", message}});
}

api::Response link_landing(const Page& page) {
  return page_response(page, 200, "Se connecter avec le lien reçu", "espace_lien_arrivee",
                       {{"action", "/espace/connexion/lien/" + api::encode_component(page.path_parameters.at(0))}});
}

api::Response link_sign_in(const Page& page) {
  auto result = page.accounts.sign_in_with_link(page.path_parameters.at(0), page.request.client);
  if (result.stage == accounts::SignInStage::Refused) {
    return page_response(page, 400, "Se connecter", "espace_connexion",
                         sign_in_data(page, result.message.empty()
                                                ? "Ce lien de connexion n’est plus valable. Demandez-en un nouveau."
                                                : result.message,
                                      ""));
  }
  return after_first_factor(page, result, "espace_connexion", sign_in_data(page, "", ""));
}

api::Response code_page(const Page& page) {
  auto token = session_token(page);
  bool reauth = page.principal.user_id != 0;
  if (!reauth) {
    auto user = token.empty() ? std::nullopt : page.accounts.pending_user(token);
    if (!user) return redirect("/espace/connexion");
    if (!has_enrolled_second_factor(page, *user)) return redirect("/espace/enrolement");
  }
  return page_response(page, 200, "Code de vérification", "espace_code",
                       code_data(page, suite_of(page), "", page.form.has("secours"), reauth));
}

api::Response code_submit(const Page& page) {
  auto token = session_token(page);
  bool reauth = page.principal.user_id != 0;
  if (!reauth && (token.empty() || !page.accounts.pending_user(token))) return redirect("/espace/connexion");
  auto code = field(page, "code");
  bool recovery = page.form.has("secours");
  if (code.empty()) {
    return page_response(page, 400, "Code de vérification", "espace_code",
                         code_data(page, suite_of(page), "Saisissez le code.", recovery, reauth));
  }
  auto result = page.accounts.verify_second_factor(token, code, page.request.client);
  switch (result.stage) {
    case accounts::SignInStage::SignedIn: {
      auto response = redirect(suite_of(page));
      set_session_cookie(response, page.context, result.session_token);
      return response;
    }
    case accounts::SignInStage::EnrolmentNeeded:
      return redirect("/espace/enrolement");
    case accounts::SignInStage::Throttled: {
      auto response = page_response(page, 429, "Code de vérification", "espace_code",
                                    code_data(page, suite_of(page), result.message, recovery, reauth));
      response.headers.emplace_back("Retry-After", std::to_string(result.retry_after.count()));
      return response;
    }
    default:
      return page_response(page, 400, "Code de vérification", "espace_code",
                           code_data(page, suite_of(page),
                                     result.message.empty() ? "Ce code n’est pas valable. Réessayez." : result.message,
                                     recovery, reauth));
  }
}

// Enrolment page for a first-factor session that has no second factor yet.
api::Response enrolment_page(const Page& page) {
  auto token = session_token(page);
  if (page.principal.user_id != 0) return redirect("/espace/compte");
  auto user = token.empty() ? std::nullopt : page.accounts.pending_user(token);
  if (!user) return redirect("/espace/connexion");
  // A password alone must never replace an enrolled second factor.
  if (has_enrolled_second_factor(page, *user)) return redirect("/espace/connexion/code");
  auto enrolment = page.accounts.begin_enrolment(token);
  return page_response(page, 200, "Activer la validation en deux étapes", "espace_enrolement",
                       {{"qr_svg_html", enrolment.qr_svg},
                        {"secret", grouped(enrolment.secret_base32)},
                        {"issuer", page.context.settings.issuer}});
}

api::Response enrolment_confirm(const Page& page) {
  auto token = session_token(page);
  if (token.empty()) return redirect("/espace/connexion");
  auto code = field(page, "code");
  if (code.empty()) {
    return error(page, 400, "Saisissez le code à 6 chiffres affiché par l’application.");
  }
  accounts::Accounts::EnrolmentDone done;
  try {
    done = page.accounts.confirm_enrolment(token, code, page.request.client);
  } catch (const accounts::AccountError& e) {
    if (e.status() != 400) throw;
    return page_response(page, 400, "Activer la validation en deux étapes", "espace_enrolement_echec",
                         {{"message", e.what()}});
  }
  nlohmann::json codes = nlohmann::json::array();
  for (const auto& c : done.recovery_codes) codes.push_back(c);
  // The page that shows the codes is built with the new session's principal
  // (new token, new CSRF token): authenticate it for the frame.
  auto principal = page.accounts.authenticate(done.session_token, page.request.client);
  accounts::Principal shown = principal ? *principal : page.principal;
  Page next{page.request, page.context, page.accounts, shown, page.form, page.path_parameters};
  auto response = page_response(next, 200, "Vos codes de secours", "espace_codes_secours", {{"codes", codes}});
  set_session_cookie(response, page.context, done.session_token);
  return response;
}

api::Response invitation_page(const Page& page) {
  const auto& token = page.path_parameters.at(0);
  auto invitation = page.accounts.find_invitation(token);
  if (!invitation) {
    return error(page, 404,
                 "Ce lien d’invitation n’est plus valable (il sert une fois et pendant 72 heures). Demandez au "
                 "référent de votre structure de vous inviter à nouveau.");
  }
  std::string structure;
  if (invitation->structure_id) {
    if (auto s = page.context.store.accounts().find_structure(*invitation->structure_id)) structure = s->name;
  }
  return page_response(page, 200, "Rejoindre l’espace des équipes", "espace_invitation",
                       {{"email", invitation->email},
                        {"structure", structure},
                        {"role", invitation->role == "referent" ? "référent·e" : invitation->role == "mediateur"
                                                                                    ? "médiateur·rice"
                                                                                    : ""},
                        {"action", "/espace/invitation/" + api::encode_component(token)}});
}

api::Response invitation_accept(const Page& page) {
  const auto& token = page.path_parameters.at(0);
  auto name = field(page, "nom");
  auto password = field(page, "mot_de_passe");
  auto show_again = [&](std::string message) {
    auto invitation = page.accounts.find_invitation(token);
    if (!invitation) return error(page, 404, "Ce lien d’invitation n’est plus valable.");
    return page_response(page, 400, "Rejoindre l’espace des équipes", "espace_invitation",
                         {{"email", invitation->email},
                          {"name", name},
                          {"message", std::move(message)},
                          {"action", "/espace/invitation/" + api::encode_component(token)}});
  };
  if (name.empty()) return show_again("Indiquez votre nom.");
  accounts::SignInResult result;
  try {
    result = page.accounts.accept_invitation(token, name, password, page.request.client);
  } catch (const accounts::AccountError& e) {
    if (e.status() != 400) throw;
    return show_again(e.what());
  }
  if (result.stage == accounts::SignInStage::Refused) {
    return error(page, 404, result.message.empty() ? "Ce lien d’invitation n’est plus valable." : result.message);
  }
  auto response = redirect(result.stage == accounts::SignInStage::SignedIn ? "/espace" : "/espace/enrolement");
  set_session_cookie(response, page.context, result.session_token);
  return response;
}

api::Response sign_out(const Page& page) {
  auto token = session_token(page);
  if (!token.empty()) page.accounts.sign_out(token);
  auto response = redirect("/espace/connexion?deconnecte=1");
  set_session_cookie(response, page.context, "");
  return response;
}

}  // namespace relais::staff::detail
