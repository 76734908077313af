// How structures come in, through the pages on a real SQLite store: the
// public registration form, its validation by the territory's coordinateur
// (the requester then joins as référente), a refusal, a structure created by
// the coordinateur with its first référent, and its places attached and
// detached from the catalogue's search.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "staff/handler.h"
#include "staff/testing.h"
#include "store/journal_store.h"

namespace relais::staff {
namespace {

class StructureAdminTest : public testing::StaffFixture {
 protected:
  void SetUp() override {
    coordinator = join(accounts().operator_grant_territory("coord@69.fr", {0, "departement", "69"}), "coord@69.fr",
                       "Claire Coordinatrice");
    mails.clear();
  }

  static std::string registration(const std::string& name, const std::string& email) {
    return api::to_query_string(std::vector<std::pair<std::string, std::string>>{
        {"nom", name},
        {"type", "tiers_lieu"},
        {"siret", ""},
        {"adresse", "12 rue Léon Blum"},
        {"code_postal", "69100"},
        {"commune", "Villeurbanne"},
        {"contact_nom", "Inès Martin"},
        {"courriel", email}});
  }

  // The /espace/invitation/… link of an e-mail ("" when it has none).
  static std::string invitation_link(const mail::Message& message) {
    const auto at = message.text.find("/espace/invitation/");
    if (at == std::string::npos) return "";
    return message.text.substr(at, message.text.find_first_of(" \n", at) - at);
  }

  std::optional<store::Structure> structure_named(const std::string& name) {
    for (auto& s : store().accounts().list_structures()) {
      if (s.name == name) return s;
    }
    return std::nullopt;
  }

  Person coordinator;
};

TEST_F(StructureAdminTest, RegistrationIsValidatedAndTheRequesterJoinsAsReferente) {
  testing::Browser visitor;
  auto form = get(visitor, "/espace/inscription");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("autocomplete=\"postal-code\""), std::string::npos);
  EXPECT_NE(form.body.find("Tiers-lieu"), std::string::npos);
  // The sign-in page leads there.
  EXPECT_NE(get(visitor, "/espace/connexion").body.find("href=\"/espace/inscription\""), std::string::npos);

  auto sent = post(visitor, "/espace/inscription", registration("Espace numérique des Buers", "ines@buers.fr"));
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_NE(sent.body.find("Demande envoyée"), std::string::npos);
  auto requested = structure_named("Espace numérique des Buers");
  ASSERT_TRUE(requested);
  EXPECT_EQ(requested->status, "en_attente");
  EXPECT_EQ(requested->code_insee, "69266");  // derived from postcode and name
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "coord@69.fr");

  // The coordinateur sees the request with what to check, and validates it.
  auto territory = get(coordinator.browser, "/espace/territoires/departement/69");
  ASSERT_EQ(territory.status, 200) << territory.body;
  EXPECT_NE(territory.body.find("Demandes d’inscription à traiter"), std::string::npos);
  EXPECT_NE(territory.body.find("ines@buers.fr"), std::string::npos);
  EXPECT_NE(territory.body.find(fmt::format("/espace/structures/{}/refuser", requested->id)), std::string::npos);
  mails.clear();
  auto validated = post(coordinator.browser, fmt::format("/espace/structures/{}/valider", requested->id),
                        "csrf=" + csrf_of(territory.body) + "&suite=%2Fespace%2Fterritoires%2Fdepartement%2F69");
  ASSERT_EQ(validated.status, 303) << validated.body;
  EXPECT_EQ(header(validated, "Location"), "/espace/territoires/departement/69");
  EXPECT_EQ(store().accounts().find_structure(requested->id)->status, "validee");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "ines@buers.fr");
  const auto link = invitation_link(mails[0]);
  ASSERT_FALSE(link.empty());

  // Inès accepts and is the structure's référente: she manages its members.
  auto ines = join(link, "ines@buers.fr", "Inès Martin");
  auto members = get(ines.browser, fmt::format("/espace/structures/{}/membres", requested->id));
  EXPECT_EQ(members.status, 200) << members.body;
  // The coordinateur still never sees the member list.
  EXPECT_EQ(get(coordinator.browser, fmt::format("/espace/structures/{}/membres", requested->id)).status, 403);
}

TEST_F(StructureAdminTest, RegistrationErrorsAreShownAndNothingIsStored) {
  testing::Browser visitor;
  auto body = registration("Nulle part", "ines@buers.fr");
  body.replace(body.find("code_postal=69100"), 17, "code_postal=99999");
  body.replace(body.find("commune=Villeurbanne"), 20, "commune=Atlantide");
  auto refused = post(visitor, "/espace/inscription", body);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("Nous ne trouvons pas la commune"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Nulle part\""), std::string::npos);  // what was typed stays
  auto bad_mail = post(visitor, "/espace/inscription", registration("Nulle part", "pas-une-adresse"));
  EXPECT_EQ(bad_mail.status, 400);
  EXPECT_FALSE(structure_named("Nulle part"));
  // From another site: refused before anything (CSRF).
  testing::Browser foreign;
  foreign.origin = "https://ailleurs.example";
  EXPECT_EQ(post(foreign, "/espace/inscription", registration("Nulle part", "ines@buers.fr")).status, 403);
  EXPECT_FALSE(structure_named("Nulle part"));
}

TEST_F(StructureAdminTest, RefusalTellsTheRequester) {
  testing::Browser visitor;
  ASSERT_EQ(post(visitor, "/espace/inscription", registration("À refuser", "jo@exemple.fr")).status, 200);
  auto requested = structure_named("À refuser");
  ASSERT_TRUE(requested);
  auto territory = get(coordinator.browser, "/espace/territoires/departement/69");
  mails.clear();
  auto refused = post(coordinator.browser, fmt::format("/espace/structures/{}/refuser", requested->id),
                      "csrf=" + csrf_of(territory.body) + "&motif=D%C3%A9j%C3%A0+inscrite" +
                          "&suite=%2Fespace%2Fterritoires%2Fdepartement%2F69");
  ASSERT_EQ(refused.status, 303) << refused.body;
  EXPECT_EQ(store().accounts().find_structure(requested->id)->status, "desactivee");
  EXPECT_TRUE(store().accounts().find_structure(requested->id)->contact_email.empty());
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].text.find("Déjà inscrite"), std::string::npos);
}

TEST_F(StructureAdminTest, CoordinatorCreatesAStructureAttachesAPlaceAndInvitesItsReferent) {
  auto form = get(coordinator.browser, "/espace/structures/nouvelle");
  ASSERT_EQ(form.status, 200) << form.body;
  auto body = registration("Médiathèque créée", "") + "&csrf=" + csrf_of(form.body);
  body.replace(body.find("courriel="), 9, "courriel=ref%40mediatheque.fr");
  mails.clear();
  auto created = post(coordinator.browser, "/espace/structures", body);
  ASSERT_EQ(created.status, 303) << created.body;
  auto structure = structure_named("Médiathèque créée");
  ASSERT_TRUE(structure);
  EXPECT_EQ(structure->status, "validee");
  EXPECT_EQ(header(created, "Location"), fmt::format("/espace/structures/{}/lieux?cree=1", structure->id));
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "ref@mediatheque.fr");

  // Its places: the search offers the Rhône's place, never Marseille's.
  const auto places_url = fmt::format("/espace/structures/{}/lieux", structure->id);
  auto search = get(coordinator.browser, places_url + "?q=centre");
  ASSERT_EQ(search.status, 200) << search.body;
  EXPECT_EQ(search.body.find("Centre social B"), std::string::npos);
  search = get(coordinator.browser, places_url + "?q=m%C3%A9diath%C3%A8que+a");
  ASSERT_NE(search.body.find("Médiathèque A"), std::string::npos) << search.body;
  EXPECT_NE(search.body.find("value=\"src:a1\""), std::string::npos);
  auto attached = post(coordinator.browser, places_url, "csrf=" + csrf_of(search.body) + "&lieu=src%3Aa1");
  ASSERT_EQ(attached.status, 303) << attached.body;
  EXPECT_EQ(store().accounts().structure_of_place({"src", "a1"}), structure->id);
  // Marseille's place cannot be attached by a coordinateur of the Rhône.
  auto foreign = post(coordinator.browser, places_url, "csrf=" + csrf_of(search.body) + "&lieu=src%3Ab1");
  EXPECT_EQ(foreign.status, 403);
  EXPECT_FALSE(store().accounts().structure_of_place({"src", "b1"}).has_value());
  // Detached again.
  auto page = get(coordinator.browser, places_url);
  EXPECT_NE(page.body.find("Détacher Médiathèque A"), std::string::npos);
  auto detached = post(coordinator.browser, places_url + "/src%3Aa1/detacher", "csrf=" + csrf_of(page.body));
  ASSERT_EQ(detached.status, 303) << detached.body;
  EXPECT_FALSE(store().accounts().structure_of_place({"src", "a1"}).has_value());
  // A médiateur opens none of this.
  auto member = join(invitation_link(mails[0]), "ref@mediatheque.fr", "Réf");
  EXPECT_EQ(get(member.browser, "/espace/structures/nouvelle").status, 403);
  EXPECT_EQ(get(member.browser, places_url).status, 403);
}

}  // namespace
}  // namespace relais::staff
