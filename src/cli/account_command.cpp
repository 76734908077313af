// relais compte … / relais structure …: staff accounts and structures from the
// command line (accounts/accounts.h). The operator at the machine is trusted:
// whoever can run this can read and write the database and the keys anyway.
// These commands act without a signed-in principal, are journalled with no
// actor, and print invitation links instead of e-mailing them (the operator
// passes them on).
//   compte admin --email E                       invitation link of an instance admin
//   compte lister [--json]                       accounts, roles and structures
//   compte inviter --structure ID --email E --role mediateur|referent
//   compte coordinateur --email E --territoire departement:69
//   structure creer --nom N --type T --commune INSEE [--siret S] [--adresse A]
//   structure lister [--json]
//   structure rattacher --structure ID --lieu SOURCE:ID
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/instance_settings.h"
#include "store/account_store.h"
#include "store/store.h"

namespace relais::cli {
namespace {

struct AccountOptions {
  std::string email, role = "mediateur", territory, name, siret, type, commune, address, place;
  std::int64_t structure = 0;
  bool json = false;
};

// Settings from the same environment as `relais serve`, so links and
// journal entries match the server's.
std::unique_ptr<accounts::Accounts> open_accounts(Context& context) {
  const auto instance = instance_settings_from_environment();
  accounts::Settings settings;
  settings.base_url = instance.base_url;
  return std::make_unique<accounts::Accounts>(context.store(), context.key_ring(), settings, accounts::MailSender{},
                                              instance.journal, [] { return now(); });
}

// Runs `f`, turning the module's refusals into a message and exit code 1.
template <typename F>
int guarded(F&& f) {
  try {
    return f();
  } catch (const accounts::AccountError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }
}

int run_admin(Context& context, const AccountOptions& o) {
  return guarded([&] {
    const std::string link = open_accounts(context)->bootstrap_admin(o.email);
    std::cerr << "Invitation d'administration pour " << o.email << " (valable 72 heures) :\n";
    std::cout << link << "\n";
    return kSuccess;
  });
}

int run_invite(Context& context, const AccountOptions& o) {
  return guarded([&] {
    const std::string link = open_accounts(context)->operator_invite(o.structure, o.email, o.role);
    std::cerr << "Invitation de " << o.email << " comme " << o.role << " de la structure " << o.structure
              << " (valable 72 heures) :\n";
    std::cout << link << "\n";
    return kSuccess;
  });
}

int run_coordinator(Context& context, const AccountOptions& o) {
  const auto colon = o.territory.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == o.territory.size()) {
    throw CommandError(kUsage, "--territoire: expected LEVEL:CODE, e.g. departement:69");
  }
  return guarded([&] {
    const std::string link = open_accounts(context)->operator_grant_territory(
        o.email, {0, o.territory.substr(0, colon), o.territory.substr(colon + 1)});
    std::cerr << o.email << " est coordinateur·rice de " << o.territory << ".\n";
    if (!link.empty()) {
      std::cerr << "Le compte n'existait pas : lien d'invitation (valable 72 heures) :\n";
      std::cout << link << "\n";
    }
    return kSuccess;
  });
}

int run_list_accounts(Context& context, bool json) {
  auto& a = context.store().accounts();
  std::map<std::int64_t, std::string> structure_names;
  for (const auto& s : a.list_structures()) structure_names[s.id] = s.name;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& u : a.list_users()) {
    nlohmann::json roles = nlohmann::json::array();
    for (const auto& m : a.memberships_of_user(u.id)) {
      roles.push_back({{"structure_id", m.structure_id}, {"structure", structure_names[m.structure_id]},
                       {"role", m.role}, {"active", m.active}});
    }
    nlohmann::json territories = nlohmann::json::array();
    for (const auto& t : a.territory_roles_of_user(u.id)) territories.push_back(t.level + ":" + t.code);
    out.push_back({{"id", u.id}, {"email", u.email}, {"name", u.display_name}, {"status", u.status},
                   {"admin", u.is_admin}, {"second_factor", !u.totp_enrolled_at.empty()},
                   {"last_login_at", u.last_login_at}, {"memberships", roles}, {"territories", territories}});
  }
  if (json) {
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kSuccess;
  }
  if (out.empty()) std::cerr << "no accounts\n";
  for (const auto& u : out) {
    std::string roles;
    if (u["admin"].get<bool>()) roles += " admin";
    for (const auto& m : u["memberships"]) {
      roles += fmt::format(" {}@{}{}", m["role"].get<std::string>(), m["structure_id"].get<std::int64_t>(),
                           m["active"].get<bool>() ? "" : "(inactif)");
    }
    for (const auto& t : u["territories"]) roles += " coordinateur@" + t.get<std::string>();
    std::cout << fmt::format("#{} {} [{}]{}{} — dernière connexion : {}\n", u["id"].get<std::int64_t>(),
                             u["email"].get<std::string>(), u["status"].get<std::string>(), roles,
                             u["second_factor"].get<bool>() ? "" : " (sans second facteur)",
                             u["last_login_at"].get<std::string>().empty() ? "jamais"
                                                                           : u["last_login_at"].get<std::string>());
  }
  return kSuccess;
}

int run_create_structure(Context& context, const AccountOptions& o) {
  return guarded([&] {
    store::Structure s;
    s.name = o.name;
    s.siret = o.siret;
    s.type = o.type;
    s.code_insee = o.commune;
    s.address = o.address;
    const auto id = open_accounts(context)->operator_create_structure(s);
    std::cerr << "Structure créée (validée) : ";
    std::cout << id << "\n";
    return kSuccess;
  });
}

int run_list_structures(Context& context, bool json) {
  auto& a = context.store().accounts();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : a.list_structures()) {
    nlohmann::json places = nlohmann::json::array();
    for (const auto& p : a.places_of_structure(s.id)) places.push_back(p.source + ":" + p.place_id);
    std::size_t active_members = 0;
    for (const auto& m : a.members_of_structure(s.id)) active_members += m.active ? 1 : 0;
    out.push_back({{"id", s.id}, {"name", s.name}, {"siret", s.siret}, {"type", s.type},
                   {"address", s.address}, {"code_postal", s.code_postal}, {"commune", s.commune},
                   {"code_insee", s.code_insee}, {"status", s.status}, {"places", places},
                   {"active_members", active_members}});
  }
  if (json) {
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kSuccess;
  }
  if (out.empty()) std::cerr << "no structures\n";
  for (const auto& s : out) {
    std::cout << fmt::format("#{} {} ({}, {} {}) [{}] {} lieu(x), {} membre(s) actif(s)\n", s["id"].get<std::int64_t>(),
                             s["name"].get<std::string>(), s["type"].get<std::string>(),
                             s["code_insee"].get<std::string>(), s["commune"].get<std::string>(),
                             s["status"].get<std::string>(), s["places"].size(),
                             s["active_members"].get<std::size_t>());
  }
  return kSuccess;
}

int run_attach(Context& context, const AccountOptions& o) {
  const auto colon = o.place.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == o.place.size()) {
    throw CommandError(kUsage, "--lieu: expected SOURCE:ID, e.g. Hinaura:155");
  }
  return guarded([&] {
    open_accounts(context)->operator_attach_place(o.structure, {o.place.substr(0, colon), o.place.substr(colon + 1)});
    std::cerr << "Lieu " << o.place << " rattaché à la structure " << o.structure << ".\n";
    return kSuccess;
  });
}

}  // namespace

void add_account_command(CLI::App& app, Context& context, int& result) {
  auto o = std::make_shared<AccountOptions>();

  auto* compte = app.add_subcommand("compte", "Staff accounts: admin invitation, list, invitations, coordinateurs "
                                              "(the operator at the machine is trusted; links are printed)");
  compte->require_subcommand(1);
  auto* admin = compte->add_subcommand("admin", "Print an invitation link for an instance admin (72 h)");
  admin->add_option("--email", o->email, "E-mail of the admin")->required();
  admin->callback([&context, &result, o] { result = run_admin(context, *o); });

  auto* list = compte->add_subcommand("lister", "List accounts with their roles");
  list->add_flag("--json", o->json, "JSON array");
  list->callback([&context, &result, o] { result = run_list_accounts(context, o->json); });

  auto* invite = compte->add_subcommand("inviter", "Print an invitation link to join a structure (72 h)");
  invite->add_option("--structure", o->structure, "Structure id (relais structure lister)")->required();
  invite->add_option("--email", o->email, "E-mail of the person invited")->required();
  invite->add_option("--role", o->role, "mediateur or referent")
      ->check(CLI::IsMember({"mediateur", "referent"}));
  invite->callback([&context, &result, o] { result = run_invite(context, *o); });

  auto* coordinator = compte->add_subcommand(
      "coordinateur", "Make an account coordinateur of a territory (creates it and prints its invitation link if new)");
  coordinator->add_option("--email", o->email, "E-mail of the coordinateur")->required();
  coordinator->add_option("--territoire", o->territory, "commune:69123, epci:200046977, departement:69 or region:84")
      ->required();
  coordinator->callback([&context, &result, o] { result = run_coordinator(context, *o); });

  auto* structure = app.add_subcommand("structure", "Structures that run places: create, list, attach places");
  structure->require_subcommand(1);
  auto* create = structure->add_subcommand("creer", "Create a structure (validated at once)");
  create->add_option("--nom", o->name, "Name")->required();
  std::vector<std::string> types;
  for (const auto& [value, label] : accounts::structure_types()) types.push_back(value);
  create->add_option("--type", o->type, "Type: france_services, ccas, collectivite, association, centre_social, "
                                        "mediatheque, tiers_lieu, autre")
      ->required()
      ->check(CLI::IsMember(types));
  create->add_option("--commune", o->commune, "INSEE code of its commune")->required();
  create->add_option("--siret", o->siret, "SIRET (14 digits)");
  create->add_option("--adresse", o->address, "Postal address");
  create->callback([&context, &result, o] { result = run_create_structure(context, *o); });

  auto* list_structures = structure->add_subcommand("lister", "List structures with their places and members");
  list_structures->add_flag("--json", o->json, "JSON array");
  list_structures->callback([&context, &result, o] { result = run_list_structures(context, o->json); });

  auto* attach = structure->add_subcommand("rattacher", "Attach a place to a structure (its team then edits it)");
  attach->add_option("--structure", o->structure, "Structure id")->required();
  attach->add_option("--lieu", o->place, "Place reference SOURCE:ID")->required();
  attach->callback([&context, &result, o] { result = run_attach(context, *o); });
}

}  // namespace relais::cli
