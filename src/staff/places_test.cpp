// The places' routes end to end through the staff handler, on a real SQLite
// store: a team edits its place's hours, the public record changes, a
// concurrent edit is refused, confirmation, history, the reports inbox of the
// structure's places only, and replies e-mailed to the reporter.
#include "staff/places.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "staff/testing.h"
#include "store/place_edit_store.h"

namespace relais::staff {
namespace {

using namespace std::chrono_literals;

class PlacesTest : public testing::StaffFixture {
 protected:
  void SetUp() override {
    structure_a = add_structure("Association A", "69266");
    accounts().operator_attach_place(structure_a, {"src", "a1"});
    auto link = accounts().operator_invite(structure_a, "mediatrice@a.fr", "mediateur");
    member = join(link, "mediatrice@a.fr", "Camille Médiatrice");
  }

  // The edit form's fields as a browser would send them back, with `changes`.
  std::string form_body(const std::string& html, std::vector<std::pair<std::string, std::string>> changes) {
    std::vector<std::pair<std::string, std::string>> items;
    items.emplace_back("csrf", csrf_of(html));
    auto version_at = html.find("name=\"version\" value=\"");
    items.emplace_back("version", html.substr(version_at + 22, html.find('"', version_at + 22) - version_at - 22));
    // Required fields and what the page shows for them.
    auto value_of = [&](const std::string& name) {
      auto at = html.find("name=\"" + name + "\" value=\"");
      if (at == std::string::npos) return std::string();
      at += name.size() + 15;
      return html.substr(at, html.find('"', at) - at);
    };
    for (const char* name : {"nom", "adresse", "code_postal", "commune", "code_insee", "latitude", "longitude"}) {
      items.emplace_back(name, value_of(name));
    }
    items.emplace_back("services", "Aide aux démarches administratives");
    // A change of a field already sent replaces its value (a browser sends
    // each text input once).
    for (auto& c : changes) {
      auto same = std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.first == c.first; });
      if (same != items.end()) {
        same->second = std::move(c.second);
      } else {
        items.push_back(std::move(c));
      }
    }
    return api::to_query_string(items);
  }

  std::int64_t structure_a = 0;
  Person member;
};

TEST_F(PlacesTest, ListShowsOnlyOwnPlacesWithFreshness) {
  auto list = get(member.browser, "/espace/lieux");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("Médiathèque A"), std::string::npos);
  EXPECT_EQ(list.body.find("Centre social B"), std::string::npos);
  EXPECT_NE(list.body.find("jamais confirmée"), std::string::npos);
  EXPECT_NE(list.body.find("à confirmer"), std::string::npos);
  // Another structure's place: refused by the handler's authorisation.
  EXPECT_EQ(get(member.browser, "/espace/lieux/src%3Ab1").status, 403);
}

TEST_F(PlacesTest, EditHoursThenPublicRecordVersionsAndConflict) {
  auto form = get(member.browser, "/espace/lieux/src%3Aa1");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("<legend"), std::string::npos);
  EXPECT_NE(form.body.find("for=\"horaires_lundi_1_debut\""), std::string::npos);
  const auto counter = store().change_counter();

  auto saved = post(member.browser, "/espace/lieux/src%3Aa1",
                    form_body(form.body, {{"horaires_lundi_1_debut", "09:00"},
                                          {"horaires_lundi_1_fin", "12:00"},
                                          {"horaires_mardi_1_debut", "09:00"},
                                          {"horaires_mardi_1_fin", "12:00"},
                                          {"horaires_exceptions", "PH off"}}));
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto place = store().find_place("src", "a1");
  ASSERT_TRUE(place);
  EXPECT_EQ(place->horaires, "Mo-Tu 09:00-12:00; PH off");
  EXPECT_EQ(place->date_maj, std::chrono::year{2026} / 11 / 23);
  EXPECT_GT(store().change_counter(), counter);
  auto versions = store().place_edits().versions({"src", "a1"});
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].user_id, member.id);
  EXPECT_EQ(versions[0].structure_id, structure_a);
  EXPECT_EQ(store().journal().last_entry()->action, journal::action::kPlaceEdited);

  // The same old form sent again (version 0): someone else saved in between.
  auto conflict = post(member.browser, "/espace/lieux/src%3Aa1", form_body(form.body, {{"nom", "Autre nom"}}));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("Recharger la fiche"), std::string::npos);
  EXPECT_EQ(store().find_place("src", "a1")->nom, "Médiathèque A");

  // Invalid input: 400 with the summary linking to the field.
  auto fresh = get(member.browser, "/espace/lieux/src%3Aa1");
  auto invalid = post(member.browser, "/espace/lieux/src%3Aa1", form_body(fresh.body, {{"code_postal", "691"}}));
  EXPECT_EQ(invalid.status, 400);
  EXPECT_NE(invalid.body.find("href=\"#code_postal\""), std::string::npos);
  EXPECT_NE(invalid.body.find("5 chiffres"), std::string::npos);

  auto history = get(member.browser, "/espace/lieux/src%3Aa1/historique");
  ASSERT_EQ(history.status, 200);
  EXPECT_NE(history.body.find("Camille Médiatrice"), std::string::npos);
}

TEST_F(PlacesTest, ConfirmationMakesTheRecordFresh) {
  auto list = get(member.browser, "/espace/lieux");
  auto confirmed = post(member.browser, "/espace/lieux/src%3Aa1/confirmer", "csrf=" + csrf_of(list.body));
  ASSERT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(store().place_edits().versions({"src", "a1"}).at(0).change, "confirmation");
  // Weeks later: the session has long expired; the médiatrice signs in again.
  now += std::chrono::days{40};
  sign_in(member);
  list = get(member.browser, "/espace/lieux");
  EXPECT_NE(list.body.find("confirmée il y a 1 mois"), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("fr-badge--warning"), std::string::npos);
  now += std::chrono::days{200};
  sign_in(member);
  list = get(member.browser, "/espace/lieux");
  EXPECT_NE(list.body.find("fr-badge--warning"), std::string::npos);
}

TEST_F(PlacesTest, ReportsInboxAndEmailedReply) {
  store::PlaceReport mine;
  mine.place_ref = "src:a1";
  mine.categories = {"horaires"};
  mine.message = "Fermé le lundi matin";
  mine.email = "usager@example.org";
  const auto mine_id = store().add_place_report(mine);
  store::PlaceReport other = mine;
  other.place_ref = "src:b1";
  other.message = "Message sur un autre lieu";
  const auto other_id = store().add_place_report(other);

  auto inbox = get(member.browser, "/espace/signalements");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("Fermé le lundi matin"), std::string::npos);
  EXPECT_EQ(inbox.body.find("autre lieu"), std::string::npos);
  EXPECT_NE(get(member.browser, "/espace/signalements/" + std::to_string(other_id)).status, 200);

  auto page = get(member.browser, "/espace/signalements/" + std::to_string(mine_id));
  ASSERT_EQ(page.status, 200) << page.body;
  const auto mails_before = mails.size();
  auto replied = post(member.browser, "/espace/signalements/" + std::to_string(mine_id),
                      "csrf=" + csrf_of(page.body) + "&reponse=" + api::encode_component("C’est corrigé, merci.") +
                          "&statut=traite");
  ASSERT_EQ(replied.status, 303) << replied.body;
  ASSERT_EQ(mails.size(), mails_before + 1);
  EXPECT_EQ(mails.back().to, "usager@example.org");
  EXPECT_NE(mails.back().text.find("C’est corrigé, merci."), std::string::npos);
  auto replies = store().place_edits().replies(mine_id);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_TRUE(replies[0].emailed);
  EXPECT_EQ(store().place_edits().find_report(mine_id)->status, "traite");

  // Without an address: stored only.
  store::PlaceReport anonymous = mine;
  anonymous.email = "";
  const auto anonymous_id = store().add_place_report(anonymous);
  page = get(member.browser, "/espace/signalements/" + std::to_string(anonymous_id));
  replied = post(member.browser, "/espace/signalements/" + std::to_string(anonymous_id),
                 "csrf=" + csrf_of(page.body) + "&reponse=Vu");
  ASSERT_EQ(replied.status, 303);
  EXPECT_EQ(mails.size(), mails_before + 1);
  EXPECT_FALSE(store().place_edits().replies(anonymous_id).at(0).emailed);
}

// The routes called directly (without the handler's sign-in), as the handler
// calls them once it has authorised the request.
class PlacesDirectTest : public testing::StaffFixture {
 protected:
  void SetUp() override {
    structure_a = add_structure("Association A", "69266");
    accounts().operator_attach_place(structure_a, {"src", "a1"});
    store::User u;
    u.email = "direct@a.fr";
    u.display_name = "Alex Direct";
    u.status = "actif";
    u.created_at = "2026-01-01T10:00:00Z";
    principal.user_id = store().accounts().add_user(u);
    principal.display_name = u.display_name;
    principal.csrf_token = "jeton";
    store::Membership m;
    m.user_id = principal.user_id;
    m.structure_id = structure_a;
    m.role = "mediateur";
    m.created_at = u.created_at;
    store().accounts().put_membership(m);
    principal.memberships = {m};
    principal.second_factor_fresh = true;
  }

  api::Response call_route(std::string_view method, std::string path, std::string_view route,
                           std::vector<std::string> parameters, std::string body = "") {
    Request request;
    request.method = method;
    request.path = path;
    auto parsed = api::parse_query_string(body, {.max_length = 1 << 20, .max_parameters = 1000});
    api::Params form = std::get<api::Params>(parsed);
    auto acc = accounts();
    Page page{request, context(), acc, principal, form, std::move(parameters)};
    return handle_places(page, route);
  }

  std::int64_t structure_a = 0;
  accounts::Principal principal;
};

TEST_F(PlacesDirectTest, EditFormSaveHistoryAndReports) {
  auto list = call_route("GET", "/espace/lieux", "/espace/lieux", {});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("Médiathèque A"), std::string::npos);
  EXPECT_EQ(list.body.find("Centre social B"), std::string::npos);
  EXPECT_NE(list.body.find("jamais confirmée"), std::string::npos);

  auto form = call_route("GET", "/espace/lieux/src%3Aa1", "/espace/lieux/{lieu}", {"src:a1"});
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("<legend class=\"fr-fieldset__legend\"><h2 class=\"fr-h4 fr-mb-0\">Adresse</h2>"),
            std::string::npos);
  EXPECT_NE(form.body.find("for=\"horaires_lundi_1_debut\""), std::string::npos);
  EXPECT_NE(form.body.find("name=\"version\" value=\"0\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"Aide aux démarches administratives\" checked"), std::string::npos);

  const std::string body =
      "version=0&nom=M%C3%A9diath%C3%A8que+A&adresse=1+rue+de+la+R%C3%A9publique&code_postal=69100&commune="
      "Villeurbanne&services=Aide+aux+d%C3%A9marches+administratives&horaires_lundi_1_debut=9h&"
      "horaires_lundi_1_fin=12h&horaires_exceptions=PH+off";
  auto saved = call_route("POST", "/espace/lieux/src%3Aa1", "/espace/lieux/{lieu}", {"src:a1"}, body);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(store().find_place("src", "a1")->horaires, "Mo 09:00-12:00; PH off");
  auto conflict = call_route("POST", "/espace/lieux/src%3Aa1", "/espace/lieux/{lieu}", {"src:a1"}, body);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("Recharger la fiche"), std::string::npos);
  auto invalid = call_route("POST", "/espace/lieux/src%3Aa1", "/espace/lieux/{lieu}", {"src:a1"},
                            "version=1&nom=&adresse=1+rue&code_postal=691&commune=Villeurbanne");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_NE(invalid.body.find("href=\"#code_postal\""), std::string::npos);
  EXPECT_NE(invalid.body.find("href=\"#nom\""), std::string::npos);

  auto history = call_route("GET", "/espace/lieux/src%3Aa1/historique", "/espace/lieux/{lieu}/historique", {"src:a1"});
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_NE(history.body.find("Alex Direct"), std::string::npos);

  auto confirmed = call_route("POST", "/espace/lieux/src%3Aa1/confirmer", "/espace/lieux/{lieu}/confirmer", {"src:a1"});
  EXPECT_EQ(confirmed.status, 303);
  history = call_route("GET", "/espace/lieux/src%3Aa1/historique", "/espace/lieux/{lieu}/historique", {"src:a1"});
  EXPECT_NE(history.body.find("Première version enregistrée"), std::string::npos) << history.body;
  EXPECT_NE(history.body.find("Fiche confirmée à jour"), std::string::npos);
  // A later edit shows what changed, field by field.
  std::string renamed = body;
  renamed.replace(0, 9, "version=2");
  renamed.replace(renamed.find("nom=") + 4, renamed.find('&', renamed.find("nom=")) - renamed.find("nom=") - 4,
                  "M%C3%A9diath%C3%A8que+du+centre");
  ASSERT_EQ(call_route("POST", "/x", "/espace/lieux/{lieu}", {"src:a1"}, renamed).status, 303);
  history = call_route("GET", "/x", "/espace/lieux/{lieu}/historique", {"src:a1"});
  EXPECT_NE(history.body.find("<th scope=\"row\">Nom du lieu</th><td>Médiathèque A</td><td>Médiathèque du centre</td>"),
            std::string::npos) << history.body;

  store::PlaceReport report;
  report.place_ref = "src:a1";
  report.message = "Fermé le lundi";
  report.email = "usager@example.org";
  const auto id = store().add_place_report(report);
  report.place_ref = "src:b1";
  report.message = "Autre lieu";
  const auto other = store().add_place_report(report);
  auto inbox = call_route("GET", "/espace/signalements", "/espace/signalements", {});
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_NE(inbox.body.find("Fermé le lundi"), std::string::npos);
  EXPECT_EQ(inbox.body.find("Autre lieu"), std::string::npos);
  EXPECT_EQ(call_route("GET", "/x", "/espace/signalements/{signalement}", {std::to_string(other)}).status, 404);
  auto one = call_route("GET", "/x", "/espace/signalements/{signalement}", {std::to_string(id)});
  ASSERT_EQ(one.status, 200) << one.body;
  auto replied = call_route("POST", "/x", "/espace/signalements/{signalement}", {std::to_string(id)},
                            "reponse=C%E2%80%99est+corrig%C3%A9&statut=traite");
  ASSERT_EQ(replied.status, 303) << replied.body;
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "usager@example.org");
  EXPECT_NE(mails[0].text.find("C’est corrigé"), std::string::npos);
  EXPECT_TRUE(store().place_edits().replies(id).at(0).emailed);
  EXPECT_EQ(store().place_edits().find_report(id)->status, "traite");
}

}  // namespace
}  // namespace relais::staff
