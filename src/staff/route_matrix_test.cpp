// The route × role matrix (issue 5, ASVS V8): generated from routes(), every
// route is called by every role, with the ids of the role's own structure's
// objects and of another structure's (IDOR), on a real SQLite store with real
// accounts. The expected outcome comes from accounts::allowed for the route's
// action on the object, so a route that skipped the check fails here; POSTs
// without the CSRF token, or with a wrong one, are refused and journalled.
#include "staff/handler.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "accounts/policy.h"
#include "staff/testing.h"
#include "store/journal_store.h"

namespace relais::staff {
namespace {

struct Role {
  std::string name;
  testing::Browser browser;
  bool complete = false;  // has a complete session
  bool pending = false;   // has a session at the first factor (with its own CSRF token)
};

// The objects of one structure, as the route's {…} parameters name them.
struct Objects {
  std::int64_t structure = 0, member = 0, report = 0;
  std::string place;  // "src:a1"
  std::string departement, code_insee, region, epci;
};

class RouteMatrixTest : public testing::StaffFixture {
 protected:
  void SetUp() override {
    a.structure = add_structure("Association A", "69266");
    b.structure = add_structure("Centre B", "13055");
    a.place = "src:a1";
    b.place = "src:b1";
    a.departement = "69", a.code_insee = "69266", a.region = "84", a.epci = "200046977";
    b.departement = "13", b.code_insee = "13055", b.region = "93", b.epci = "200054807";
    accounts().operator_attach_place(a.structure, {"src", "a1"});
    accounts().operator_attach_place(b.structure, {"src", "b1"});
    a.report = store().add_place_report({.id = 0, .received_at = "", .place_ref = "src:a1", .categories = {"horaires"},
                                         .message = "Fermé le lundi", .email = "", .status = "nouveau"});
    b.report = store().add_place_report({.id = 0, .received_at = "", .place_ref = "src:b1", .categories = {"horaires"},
                                         .message = "Fermé le mardi", .email = "", .status = "nouveau"});

    auto person = [&](const std::string& link, const std::string& email) { return join(link, email, email); };
    auto admin = person(accounts().bootstrap_admin("admin@relais.test"), "admin@relais.test");
    auto med_a = person(accounts().operator_invite(a.structure, "med@a.fr", "mediateur"), "med@a.fr");
    auto ref_a = person(accounts().operator_invite(a.structure, "ref@a.fr", "referent"), "ref@a.fr");
    auto med_b = person(accounts().operator_invite(b.structure, "med@b.fr", "mediateur"), "med@b.fr");
    auto coord_69 = person(accounts().operator_grant_territory("coord@69.fr", {0, "departement", "69"}), "coord@69.fr");
    auto coord_13 = person(accounts().operator_grant_territory("coord@13.fr", {0, "departement", "13"}), "coord@13.fr");
    auto gone = person(accounts().operator_invite(a.structure, "parti@a.fr", "mediateur"), "parti@a.fr");
    // Members named by the member routes (never one of the roles above).
    a.member = person(accounts().operator_invite(a.structure, "cible@a.fr", "mediateur"), "cible@a.fr").id;
    b.member = person(accounts().operator_invite(b.structure, "cible@b.fr", "mediateur"), "cible@b.fr").id;

    // The référent deactivates `gone` through the page: its session ends at once.
    auto members = get(ref_a.browser, fmt::format("/espace/structures/{}/membres", a.structure));
    auto deactivated = post(ref_a.browser, fmt::format("/espace/structures/{}/membres/{}/desactiver", a.structure, gone.id),
                            "csrf=" + csrf_of(members.body));
    EXPECT_EQ(deactivated.status, 303) << deactivated.body;

    // A session at the first factor only.
    testing::Browser pending;
    auto first = post(pending, "/espace/connexion",
                      "courriel=med%40a.fr&mot_de_passe=" + api::encode_component(testing::kPassword));
    EXPECT_EQ(first.status, 303);

    roles = {{"anonyme", {}, false},
             {"premier facteur", pending, false, true},
             {"médiateur A", med_a.browser, true},
             {"référent A", ref_a.browser, true},
             {"médiateur B", med_b.browser, true},
             {"coordinateur 69", coord_69.browser, true},
             {"coordinateur 13", coord_13.browser, true},
             {"admin", admin.browser, true},
             {"membre désactivé", gone.browser, false}};
  }

  std::string path_for(const Route& route, const Objects& o) {
    std::string path = route.pattern;
    auto put = [&](std::string_view name, const std::string& value) {
      auto at = path.find(name);
      if (at != std::string::npos) path.replace(at, name.size(), value);
    };
    put("{structure}", std::to_string(o.structure));
    put("{membre}", std::to_string(o.member));
    put("{lieu}", api::encode_component(o.place));
    put("{signalement}", std::to_string(o.report));
    put("{niveau}", "departement");
    put("{code}", o.departement);
    put("{jeton}", "jeton-inconnu");
    put("{session}", "0000000000000000");
    return path;
  }

  // The object the route names, built from what the test set up (not from
  // the handler's resolution).
  accounts::Target target_for(const Route& route, const Objects& o) {
    accounts::Target t;
    std::string_view pattern = route.pattern;
    bool on_structure = pattern.find("{structure}") != std::string_view::npos;
    bool on_place = pattern.find("{lieu}") != std::string_view::npos ||
                    pattern.find("{signalement}") != std::string_view::npos;
    if (on_structure || on_place) {
      t.structure_id = o.structure;
      t.code_insee = o.code_insee;
      t.code_departement = o.departement;
      t.code_region = o.region;
      t.code_epci = o.epci;
    }
    if (on_place) {
      auto colon = o.place.find(':');
      t.place = store::PlaceKey{o.place.substr(0, colon), o.place.substr(colon + 1)};
    }
    if (pattern.find("{niveau}") != std::string_view::npos) t.code_departement = o.departement;
    return t;
  }

  // The role's CSRF token, read from a page it can see ("" without a session).
  std::string token_of(Role& role) {
    if (role.pending) return csrf_of(get(role.browser, "/espace/connexion/code").body);
    if (!role.complete) return "";
    return csrf_of(get(role.browser, "/espace").body);
  }

  Objects a, b;
  std::vector<Role> roles;
};

bool has_object(const Route& route) {
  std::string_view p = route.pattern;
  return p.find("{structure}") != std::string_view::npos || p.find("{lieu}") != std::string_view::npos ||
         p.find("{signalement}") != std::string_view::npos || p.find("{niveau}") != std::string_view::npos;
}

TEST_F(RouteMatrixTest, EveryRoleOnEveryRouteGetsWhatThePolicyAllows) {
  ASSERT_GT(routes().size(), 30u);
  int checked = 0;
  for (auto& role : roles) {
    auto token = token_of(role);
    auto principal = role.complete ? accounts().authenticate(
                                         role.browser.cookie.substr(role.browser.cookie.find('=') + 1),
                                         {role.browser.ip, "TestBrowser/1.0"})
                                   : std::nullopt;
    ASSERT_EQ(principal.has_value(), role.complete) << role.name;
    for (const auto& route : routes()) {
      if (std::string_view(route.pattern) == "/espace/deconnexion") continue;  // ends the session: tested last
      std::vector<const Objects*> objects{&a};
      if (has_object(route)) objects.push_back(&b);
      for (const auto* o : objects) {
        auto path = path_for(route, *o);
        std::string label = fmt::format("{} {} as {}", route.method, path, role.name);
        bool is_post = std::string_view(route.method) == "POST";
        auto before = store().journal().entry_count();
        auto response = is_post ? post(role.browser, path, token.empty() ? "" : "csrf=" + token)
                                : get(role.browser, path);
        ++checked;
        auto location = header(response, "Location");
        bool sent_to_sign_in = response.status == 303 && location.rfind("/espace/connexion", 0) == 0;
        if (route.signed_in && !role.complete) {
          if (is_post) {
            EXPECT_EQ(response.status, 401) << label;
          } else {
            EXPECT_TRUE(sent_to_sign_in) << label << " -> " << response.status << " " << location;
          }
          continue;
        }
        bool allowed = !route.action || accounts::allowed(*principal, *route.action, target_for(route, *o));
        if (allowed) {
          EXPECT_NE(response.status, 403) << label << "\n" << response.body.substr(0, 2000);
          EXPECT_NE(response.status, 401) << label;
          EXPECT_FALSE(sent_to_sign_in && route.signed_in) << label;
        } else {
          EXPECT_EQ(response.status, 403) << label;
          EXPECT_GT(store().journal().entry_count(), before) << label << ": refusal not journalled";
          EXPECT_EQ(store().journal().last_entry()->action, journal::action::kAccessDenied) << label;
        }
      }
    }
  }
  EXPECT_GT(checked, 9 * 40);
}

TEST_F(RouteMatrixTest, PostsWithoutOrWithAWrongTokenAreRefusedAndJournalled) {
  for (auto& role : roles) {
    if (!role.complete) continue;
    auto token = token_of(role);
    ASSERT_FALSE(token.empty()) << role.name;
    for (const auto& route : routes()) {
      if (std::string_view(route.method) != "POST") continue;
      auto path = path_for(route, a);
      for (const std::string& body : {std::string(""), std::string("csrf=" + std::string(token.size(), 'x')),
                                      std::string("csrf=" + token + "&csrf=" + token)}) {
        auto before = store().journal().entry_count();
        auto response = post(role.browser, path, body);
        EXPECT_EQ(response.status, 403) << route.pattern << " as " << role.name << " with '" << body << "'";
        ASSERT_EQ(store().journal().entry_count(), before + 1) << route.pattern;
        EXPECT_EQ(store().journal().last_entry()->action, journal::action::kRequestRejected);
      }
    }
    // Signing out with the token ends the session.
    EXPECT_EQ(post(role.browser, "/espace/deconnexion", "csrf=" + token).status, 303);
    EXPECT_EQ(get(role.browser, "/espace").status, 303) << role.name;
  }
}

}  // namespace
}  // namespace relais::staff
