// How structures come in and get their places: the public registration form
// (a request a coordinateur validates or refuses), structures created by a
// coordinateur or an administrator, the first référent's invitation, and the
// places attached to a structure. Accounts decides and journals; these pages
// render and call.
#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"
#include "staff/responses.h"

namespace relais::staff::detail {
namespace {

constexpr std::size_t kMaxCandidates = 30;

// The form's fields, as typed, for rendering it again.
nlohmann::json form_values(const Page& page) {
  nlohmann::json data = nlohmann::json::object();
  for (const char* name : {"nom", "siret", "adresse", "code_postal", "commune", "contact_nom", "courriel"}) {
    data[name] = field(page, name);
  }
  nlohmann::json types = nlohmann::json::array();
  const std::string chosen = field(page, "type");
  for (const auto& [value, label] : accounts::structure_types()) {
    types.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
  }
  data["types"] = types;
  return data;
}

nlohmann::json registration_data(const Page& page, std::string message) {
  auto data = form_values(page);
  data["heading"] = "Inscrire ma structure";
  data["lead"] = "Votre structure accompagne le public au numérique (France Services, médiathèque, association, "
                 "CCAS…) ? Demandez à tenir à jour vous-même ses lieux sur Relais. La coordination numérique du "
                 "territoire vérifie la demande, puis vous invite comme personne référente.";
  data["action"] = "/espace/inscription";
  data["public"] = true;
  data["person_legend"] = "Vous";
  data["person_help"] = "La personne qui sera référente de la structure sur Relais.";
  data["email_label"] = "Votre adresse e-mail";
  data["submit"] = "Envoyer la demande";
  data["message"] = std::move(message);
  return data;
}

nlohmann::json new_structure_data(const Page& page, std::string message) {
  auto data = form_values(page);
  data["heading"] = "Créer une structure";
  data["lead"] = "La structure est validée dès sa création. Indiquez l’adresse de sa personne référente pour "
                 "l’inviter tout de suite ; vous pourrez aussi le faire plus tard depuis la page du territoire.";
  data["action"] = "/espace/structures";
  data["person_legend"] = "Sa personne référente";
  data["person_help"] = "Facultatif : elle reçoit une invitation valable 72 heures.";
  data["email_label"] = "Adresse e-mail de la personne référente (facultatif)";
  data["submit"] = "Créer la structure";
  data["message"] = std::move(message);
  return data;
}

// The structure described by the form; the commune's code is derived from
// the postcode and the name as for places. Nothing (and `message` set) when
// the commune cannot be found.
std::optional<store::Structure> structure_of_form(const Page& page, std::string& message) {
  store::Structure s;
  s.name = field(page, "nom");
  s.siret = field(page, "siret");
  s.type = field(page, "type");
  s.address = field(page, "adresse");
  s.code_postal = field(page, "code_postal");
  s.commune = field(page, "commune");
  if (s.name.empty() || s.address.empty() || s.code_postal.empty() || s.commune.empty()) {
    message = "Indiquez le nom, l’adresse, le code postal et la commune de la structure.";
    return std::nullopt;
  }
  if (s.name.size() > 200 || s.address.size() > 300 || s.commune.size() > 200) {
    message = "Un des champs est trop long.";
    return std::nullopt;
  }
  if (s.code_postal.size() != 5 || s.code_postal.find_first_not_of("0123456789") != std::string::npos) {
    message = "Le code postal compte 5 chiffres.";
    return std::nullopt;
  }
  if (!page.context.dataset) {
    message = "Le service n’est pas encore prêt. Réessayez dans quelques minutes.";
    return std::nullopt;
  }
  const auto derived = page.context.dataset->catalog().communes().derive_code_insee(s.code_postal, s.commune,
                                                                                      std::nullopt);
  if (!derived) {
    message = "Nous ne trouvons pas la commune « " + s.commune + " » pour le code postal " + s.code_postal +
              " : vérifiez-les.";
    return std::nullopt;
  }
  s.code_insee = derived->code_insee;
  // The commune's own spelling, whatever was typed ("villeurbane").
  if (const auto* commune = page.context.dataset->catalog().communes().find_commune(s.code_insee)) {
    s.commune = commune->nom;
  }
  return s;
}

std::string structure_path(std::int64_t id) { return "/espace/structures/" + std::to_string(id); }

// The territory of catalogue place `i` (codes derived by the catalogue).
accounts::Target place_target(const api::Dataset& dataset, std::size_t i, std::int64_t structure_id) {
  const auto& extras = dataset.catalog().extras(i);
  accounts::Target t;
  t.structure_id = structure_id;
  t.code_insee = extras.code_insee.value_or("");
  t.code_epci = extras.epci.value_or("");
  t.code_departement = extras.departement.value_or("");
  t.code_region = extras.region.value_or("");
  return t;
}

// The catalogue's commune code of a stored place, "" when it is not there.
std::string catalogue_code_insee(const Page& page, const store::PlaceKey& key) {
  if (!page.context.dataset) return "";
  for (auto i : page.context.dataset->find(ref_of(key))) {
    if (auto code = page.context.dataset->catalog().extras(i).code_insee) return *code;
  }
  return "";
}

}  // namespace

api::Response registration_page(const Page& page) {
  return page_response(page, 200, "Inscrire ma structure", "espace_structure_formulaire", registration_data(page, ""));
}

api::Response registration_submit(const Page& page) {
  std::string message;
  auto structure = structure_of_form(page, message);
  if (!structure) {
    return page_response(page, 400, "Inscrire ma structure", "espace_structure_formulaire",
                         registration_data(page, message));
  }
  try {
    page.accounts.request_structure(*structure, field(page, "contact_nom"), field(page, "courriel"),
                                    page.request.client);
  } catch (const accounts::AccountError& e) {
    return page_response(page, e.status(), "Inscrire ma structure", "espace_structure_formulaire",
                         registration_data(page, e.what()));
  }
  return page_response(page, 200, "Demande envoyée", "espace_inscription_envoyee",
                       {{"nom", structure->name}, {"courriel", field(page, "courriel")}});
}

api::Response new_structure_page(const Page& page) {
  return page_response(page, 200, "Créer une structure", "espace_structure_formulaire", new_structure_data(page, ""));
}

api::Response create_structure(const Page& page) {
  std::string message;
  auto structure = structure_of_form(page, message);
  if (!structure) {
    return page_response(page, 400, "Créer une structure", "espace_structure_formulaire",
                         new_structure_data(page, message));
  }
  std::int64_t id = 0;
  try {
    id = page.accounts.create_structure(page.principal, *structure);  // checks CreateStructure on its commune
  } catch (const accounts::AccountError& e) {
    if (e.status() == 403 || e.status() == 401) throw;
    return page_response(page, e.status(), "Créer une structure", "espace_structure_formulaire",
                         new_structure_data(page, e.what()));
  }
  if (const auto email = field(page, "courriel"); !email.empty()) {
    const auto link = page.accounts.invite_first_referent(page.principal, id, email);
    if (!page.context.mail) {
      return link_to_pass_on(page, 201, "Structure créée", "la personne référente", link,
                             structure_path(id) + "/lieux?cree=1");
    }
  }
  return redirect(structure_path(id) + "/lieux?cree=1");
}

api::Response refuse_structure(const Page& page) {
  const auto id = int_parameter(page, 0);
  if (!id) return error(page, 404, "Cette structure n’existe pas.");
  const auto reason = field(page, "motif");
  if (reason.size() > 500) return error(page, 400, "Le motif compte 500 caractères au plus.");
  page.accounts.refuse_structure(page.principal, *id, reason);
  return redirect(safe_return(field(page, "suite")));
}

api::Response invite_referent(const Page& page) {
  const auto id = int_parameter(page, 0);
  if (!id) return error(page, 404, "Cette structure n’existe pas.");
  const auto email = field(page, "courriel");
  if (email.empty()) return error(page, 400, "Indiquez l’adresse e-mail de la personne référente.");
  const auto link = page.accounts.invite_first_referent(page.principal, *id, email);
  if (!page.context.mail) {
    // Without an SMTP relay the link can only be passed on by hand.
    return link_to_pass_on(page, 200, "Invitation créée", "la personne référente", link,
                           safe_return(field(page, "suite")));
  }
  return redirect(safe_return(field(page, "suite")));
}

api::Response structure_places_page(const Page& page) {
  const auto id = int_parameter(page, 0);
  auto structure = id ? page.context.store.accounts().find_structure(*id) : std::nullopt;
  if (!structure) return error(page, 404, "Cette structure n’existe pas.");
  const std::string here = structure_path(structure->id) + "/lieux";
  nlohmann::json places = nlohmann::json::array();
  for (const auto& key : page.context.store.accounts().places_of_structure(structure->id)) {
    const auto place = page.context.store.find_place(key.source, key.place_id);
    places.push_back({{"name", place ? place->nom : ref_of(key)},
                      {"commune", place ? place->commune : ""},
                      {"detach", here + "/" + api::encode_component(ref_of(key)) + "/detacher"}});
  }
  const std::string q = field(page, "q");
  nlohmann::json candidates = nlohmann::json::array();
  if (!q.empty() && page.context.dataset) {
    // Every word of the query in the place's name or commune, folded as the
    // public search folds them; only places of the principal's territories.
    std::vector<std::string> words;
    const std::string folded_query = fold_for_search(q);
    for (std::size_t at = 0; at < folded_query.size();) {
      const auto space = folded_query.find(' ', at);
      const auto word = folded_query.substr(at, space == std::string::npos ? std::string::npos : space - at);
      if (!word.empty()) words.push_back(word);
      if (space == std::string::npos) break;
      at = space + 1;
    }
    const auto& dataset = *page.context.dataset;
    const auto all = dataset.catalog().places();
    for (std::size_t i = 0; i < all.size() && candidates.size() < kMaxCandidates; ++i) {
      const std::string text = fold_for_search(all[i].nom + " " + all[i].commune);
      if (!std::all_of(words.begin(), words.end(),
                       [&](const std::string& w) { return text.find(w) != std::string::npos; })) {
        continue;
      }
      if (!accounts::allowed(page.principal, accounts::Action::AttachPlace, place_target(dataset, i, structure->id))) {
        continue;
      }
      const auto key = key_of(dataset.ref(i));
      if (!key) continue;
      std::string current;
      if (const auto owner = page.context.store.accounts().structure_of_place(*key)) {
        if (*owner == structure->id) continue;
        const auto other = page.context.store.accounts().find_structure(*owner);
        current = other ? other->name : "";
      }
      candidates.push_back({{"name", all[i].nom},
                            {"commune", all[i].commune},
                            {"ref", dataset.ref(i)},
                            {"current", current.empty() ? std::string("aucune") : current}});
    }
  }
  std::string notice;
  if (page.form.has("cree")) notice = "La structure est créée. Rattachez-lui maintenant ses lieux.";
  if (page.form.has("rattache")) notice = "Le lieu est rattaché : les membres de la structure peuvent le mettre à jour.";
  if (page.form.has("detache")) notice = "Le lieu est détaché de la structure.";
  return page_response(page, 200, "Lieux – " + structure->name, "espace_structure_lieux",
                       {{"structure", structure->name},
                        {"here", here},
                        {"places", places},
                        {"q", q},
                        {"searched", !q.empty()},
                        {"candidates", candidates},
                        {"candidate_count", std::to_string(candidates.size())},
                        {"notice", notice}});
}

api::Response attach_place(const Page& page) {
  const auto id = int_parameter(page, 0);
  if (!id) return error(page, 404, "Cette structure n’existe pas.");
  const auto key = key_of(field(page, "lieu"));
  if (!key) return error(page, 400, "Choisissez un lieu dans la liste.");
  page.accounts.attach_place(page.principal, *id, *key, catalogue_code_insee(page, *key));
  return redirect(structure_path(*id) + "/lieux?rattache=1");
}

api::Response detach_place(const Page& page) {
  const auto id = int_parameter(page, 0);
  if (!id || page.path_parameters.size() < 2) return error(page, 404, "Cette structure n’existe pas.");
  const auto key = key_of(page.path_parameters[1]);
  if (!key) return error(page, 404, "Ce lieu n’existe pas.");
  page.accounts.detach_place(page.principal, *id, *key);
  return redirect(structure_path(*id) + "/lieux?detache=1");
}

}  // namespace relais::staff::detail
