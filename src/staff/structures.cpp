// Home, structures, members and the coordinateur's territory view.
#include <string>

#include "staff/responses.h"

namespace relais::staff::detail {
namespace {

std::string role_label(std::string_view role) {
  if (role == "referent") return "Référent·e";
  if (role == "mediateur") return "Médiateur·rice";
  return std::string(role);
}

std::string status_label(std::string_view status) {
  if (status == "validee") return "Validée";
  if (status == "en_attente") return "En attente de validation";
  if (status == "desactivee") return "Désactivée";
  return std::string(status);
}

std::string level_label(std::string_view level) {
  if (level == "commune") return "Commune";
  if (level == "epci") return "Intercommunalité";
  if (level == "departement") return "Département";
  if (level == "region") return "Région";
  return std::string(level);
}

accounts::Target structure_target(const Page& page, const store::Structure& structure) {
  accounts::Target target;
  target.structure_id = structure.id;
  target.code_insee = structure.code_insee;
  if (page.context.dataset) {
    if (const auto* c = page.context.dataset->catalog().communes().find_commune(structure.code_insee)) {
      target.code_departement = c->code_departement;
      target.code_region = c->code_region;
      target.code_epci = c->code_epci.value_or("");
    }
  }
  return target;
}

bool in_territory(const accounts::Target& t, std::string_view level, std::string_view code) {
  if (level == "commune") return t.code_insee == code;
  if (level == "epci") return t.code_epci == code;
  if (level == "departement") return t.code_departement == code;
  if (level == "region") return t.code_region == code;
  return false;
}

std::string type_label(std::string_view type) {
  for (const auto& [value, label] : accounts::structure_types()) {
    if (value == type) return label;
  }
  return std::string(type);
}

nlohmann::json structure_row(const Page& page, const store::Structure& s) {
  auto target = structure_target(page, s);
  std::size_t active = 0;
  bool has_referent = false;
  for (const auto& m : page.context.store.accounts().members_of_structure(s.id)) {
    active += m.active ? 1 : 0;
    has_referent |= m.active && m.role == "referent";
  }
  const bool may_validate = accounts::allowed(page.principal, accounts::Action::ValidateStructure, target);
  return {{"id", std::to_string(s.id)},
          {"name", s.name},
          {"commune", s.commune},
          {"status", status_label(s.status)},
          {"pending", s.status == "en_attente"},
          {"places", std::to_string(page.context.store.accounts().places_of_structure(s.id).size())},
          {"members", std::to_string(active)},
          {"can_validate", s.status == "en_attente" && may_validate},
          {"can_view", accounts::allowed(page.principal, accounts::Action::ViewStructure, target)},
          {"can_attach", s.status != "desactivee" &&
                             accounts::allowed(page.principal, accounts::Action::AttachPlace, target)},
          {"needs_referent", s.status == "validee" && !has_referent && may_validate}};
}

// What a coordinateur checks before validating a request, added to the
// structure's row (the requester's contact is shown only to those who may
// validate it).
nlohmann::json request_row(nlohmann::json row, const store::Structure& s) {
  row["type"] = type_label(s.type);
  row["address"] = s.address + ", " + s.code_postal + " " + s.commune;
  row["siret"] = s.siret;
  row["created"] = s.created_at.substr(0, 10);
  row["contact_name"] = s.contact_name.empty() ? std::string("—") : s.contact_name;
  row["contact_email"] = s.contact_email.empty() ? std::string("pas d’adresse") : s.contact_email;
  return row;
}

}  // namespace

api::Response home(const Page& page) {
  nlohmann::json memberships = nlohmann::json::array();
  for (const auto& m : page.principal.memberships) {
    auto s = page.context.store.accounts().find_structure(m.structure_id);
    if (!s) continue;
    memberships.push_back({{"id", std::to_string(s->id)},
                           {"name", s->name},
                           {"role", role_label(m.role)},
                           {"referent", m.role == "referent"}});
  }
  nlohmann::json territories = nlohmann::json::array();
  for (const auto& t : page.principal.territories) {
    territories.push_back({{"href", "/espace/territoires/" + api::encode_component(t.level) + "/" +
                                        api::encode_component(t.code)},
                           {"label", level_label(t.level) + " " + t.code}});
  }
  return page_response(page, 200, "Accueil", "espace_accueil",
                       {{"name", page.principal.display_name},
                        {"memberships", memberships},
                        {"territories", territories},
                        {"admin", page.principal.admin}});
}

api::Response structures_page(const Page& page) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : page.accounts.visible_structures(page.principal)) rows.push_back(structure_row(page, s));
  if (rows.size() == 1 && page.principal.territories.empty() && !page.principal.admin) {
    return redirect("/espace/structures/" + rows[0]["id"].get<std::string>());
  }
  nlohmann::json territories = nlohmann::json::array();
  for (const auto& t : page.principal.territories) {
    territories.push_back({{"href", "/espace/territoires/" + api::encode_component(t.level) + "/" +
                                        api::encode_component(t.code)},
                           {"label", level_label(t.level) + " " + t.code}});
  }
  return page_response(page, 200, "Structures", "espace_structures",
                       {{"structures", rows},
                        {"territories", territories},
                        {"can_create", page.principal.admin || !page.principal.territories.empty()}});
}

api::Response structure_page(const Page& page) {
  auto id = int_parameter(page, 0);
  auto structure = id ? page.context.store.accounts().find_structure(*id) : std::nullopt;
  if (!structure) return error(page, 404, "Cette structure n’existe pas.");
  nlohmann::json places = nlohmann::json::array();
  for (const auto& key : page.context.store.accounts().places_of_structure(structure->id)) {
    auto place = page.context.store.find_place(key.source, key.place_id);
    places.push_back({{"name", place ? place->nom : key.place_id},
                      {"href", "/espace/lieux/" + api::encode_component(key.source + ":" + key.place_id)}});
  }
  auto target = structure_target(page, *structure);
  auto row = structure_row(page, *structure);
  row["address"] = structure->address + (structure->code_postal.empty() ? "" : ", " + structure->code_postal) +
                   (structure->commune.empty() ? "" : " " + structure->commune);
  row["siret"] = structure->siret;
  row["place_list"] = places;
  row["can_manage"] = accounts::allowed(page.principal, accounts::Action::ManageMembers, target);
  return page_response(page, 200, structure->name, "espace_structure", row);
}

api::Response members_page(const Page& page) {
  auto id = int_parameter(page, 0);
  auto structure = id ? page.context.store.accounts().find_structure(*id) : std::nullopt;
  if (!structure) return error(page, 404, "Cette structure n’existe pas.");
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : page.accounts.members(page.principal, structure->id)) {
    std::string base = "/espace/structures/" + std::to_string(structure->id) + "/membres/" +
                       std::to_string(m.user.id);
    members.push_back({{"name", m.user.display_name},
                       {"email", m.user.email},
                       {"role", role_label(m.membership.role)},
                       {"active", m.membership.active},
                       {"is_referent", m.membership.role == "referent"},
                       {"self", m.user.id == page.principal.user_id},
                       {"deactivate", base + "/desactiver"},
                       {"change_role", base + "/role"},
                       {"id", std::to_string(m.user.id)}});
  }
  nlohmann::json invitations = nlohmann::json::array();
  for (const auto& t : page.accounts.pending_invitations(page.principal, structure->id)) {
    invitations.push_back({{"email", t.email}, {"role", role_label(t.role)}, {"expires", t.expires_at}});
  }
  std::string notice;
  if (page.form.has("invitation")) notice = "L’invitation a été envoyée.";
  if (page.form.has("modifie")) notice = "La modification est enregistrée.";
  return page_response(page, 200, "Membres – " + structure->name, "espace_membres",
                       {{"structure", structure->name},
                        {"structure_href", "/espace/structures/" + std::to_string(structure->id)},
                        {"invite_action", "/espace/structures/" + std::to_string(structure->id) + "/invitations"},
                        {"members", members},
                        {"invitations", invitations},
                        {"notice", notice},
                        {"mail_off", !page.context.mail}});
}

api::Response invite_member(const Page& page) {
  auto id = int_parameter(page, 0);
  auto email = field(page, "courriel");
  auto role = field(page, "role");
  if (!id) return error(page, 404, "Cette structure n’existe pas.");
  if (email.empty() || (role != "mediateur" && role != "referent")) {
    return error(page, 400, "Indiquez l’adresse e-mail de la personne et son rôle (médiateur·rice ou référent·e).");
  }
  const auto link = page.accounts.invite(page.principal, *id, email, role);
  const std::string back = "/espace/structures/" + std::to_string(*id) + "/membres";
  if (!page.context.mail) {
    // Without an SMTP relay the link can only be passed on by hand.
    return link_to_pass_on(page, 200, "Invitation créée", email, link, back);
  }
  return redirect(back + "?invitation=1");
}

api::Response deactivate_member(const Page& page) {
  auto id = int_parameter(page, 0);
  auto user = int_parameter(page, 1);
  if (!id || !user) return error(page, 404, "Ce membre n’existe pas.");
  page.accounts.deactivate_member(page.principal, *id, *user);
  return redirect("/espace/structures/" + std::to_string(*id) + "/membres?modifie=1");
}

api::Response change_role(const Page& page) {
  auto id = int_parameter(page, 0);
  auto user = int_parameter(page, 1);
  auto role = field(page, "role");
  if (!id || !user) return error(page, 404, "Ce membre n’existe pas.");
  if (role != "mediateur" && role != "referent") {
    return error(page, 400, "Choisissez le rôle : médiateur·rice ou référent·e.");
  }
  page.accounts.change_role(page.principal, *id, *user, role);
  return redirect("/espace/structures/" + std::to_string(*id) + "/membres?modifie=1");
}

api::Response validate_structure(const Page& page) {
  auto id = int_parameter(page, 0);
  if (!id || !page.context.store.accounts().find_structure(*id)) return error(page, 404, "Cette structure n’existe pas.");
  const auto link = page.accounts.validate_structure(page.principal, *id);
  if (!link.empty() && !page.context.mail) {
    // Without an SMTP relay the requester's invitation can only be passed on by hand.
    return link_to_pass_on(page, 200, "Structure validée", "la personne qui a fait la demande", link,
                           safe_return(field(page, "suite")));
  }
  auto back = safe_return(field(page, "suite"));
  return redirect(back == "/espace" ? "/espace/structures" : back);
}

// Aggregates only: counts per structure of the territory, never a person.
api::Response territory_page(const Page& page) {
  const auto& level = page.path_parameters.at(0);
  const auto& code = page.path_parameters.at(1);
  nlohmann::json rows = nlohmann::json::array(), requests = nlohmann::json::array();
  std::size_t places = 0, members = 0, pending = 0;
  for (const auto& s : page.accounts.visible_structures(page.principal)) {
    if (!in_territory(structure_target(page, s), level, code)) continue;
    auto row = structure_row(page, s);
    places += std::stoul(row["places"].get<std::string>());
    members += std::stoul(row["members"].get<std::string>());
    pending += s.status == "en_attente" ? 1 : 0;
    if (row["can_validate"].get<bool>()) requests.push_back(request_row(row, s));
    rows.push_back(std::move(row));
  }
  std::string here = "/espace/territoires/" + api::encode_component(level) + "/" + api::encode_component(code);
  return page_response(page, 200, level_label(level) + " " + code, "espace_territoire",
                       {{"label", level_label(level) + " " + code},
                        {"structures", rows},
                        {"requests", requests},
                        {"can_create", true},
                        {"structure_count", std::to_string(rows.size())},
                        {"place_count", std::to_string(places)},
                        {"member_count", std::to_string(members)},
                        {"pending_count", std::to_string(pending)},
                        {"here", here}});
}

}  // namespace relais::staff::detail
