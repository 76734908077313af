#include "store/place_edit_store.h"

#include <gtest/gtest.h>

#include <memory>

#include "store/place_json.h"
#include "store/store.h"
#include "store/test_database.h"

namespace relais::store {
namespace {

using namespace std::chrono;

std::unique_ptr<Store> memory_store() { return open_store({testing::test_database_url(":memory:")}); }

Place place(std::string id, std::string nom) {
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = std::move(nom);
  p.commune = "Villeurbanne";
  p.code_postal = "69100";
  p.code_insee = "69266";
  p.adresse = "1 rue A";
  p.coordinates = Coordinates{45.77, 4.88};
  p.services = {Service::AideDemarchesAdministratives};
  p.horaires = "Mo-Fr 09:00-12:00";
  p.date_maj = year{2024} / 5 / 1;
  return p;
}

// A store with places "a" and "b" imported from source "S", file "f.csv",
// and users 1, 2 of structure 1 (the versions' who).
std::unique_ptr<Store> seeded() {
  auto store = memory_store();
  std::vector<Place> places{place("a", "Médiathèque"), place("b", "Centre social")};
  store->import_places("S", "f.csv", "sha-1", places, "{}");
  Structure s;
  s.name = "Centre social";
  s.type = "association";
  s.created_at = "2026-01-01T10:00:00Z";
  EXPECT_EQ(store->accounts().add_structure(s), 1);
  for (std::string email : {"camille@example.org", "dominique@example.org"}) {
    User u;
    u.email = email;
    u.display_name = "Camille";
    u.status = "actif";
    u.created_at = "2026-01-01T10:00:00Z";
    store->accounts().add_user(u);
  }
  return store;
}

const PlaceKey kA{"S", "a"};

TEST(PlaceEditStore, EditReplacesThePublicRecordAndIsVersioned) {
  auto store = seeded();
  auto& edits = store->place_edits();
  const auto counter = store->change_counter();
  EXPECT_EQ(edits.latest_version(kA), 0);

  Place edited = place("a", "Médiathèque Jean-Jaurès");
  edited.horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";
  edited.coordinates = Coordinates{45.5, 4.5};
  edited.code_insee = "69123";
  edited.date_maj = year{2026} / 11 / 22;
  PlaceVersion v1 = edits.edit_place(kA, edited, 0, 2, 1, "2026-11-22T08:00:00Z");
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.change, "modification");
  EXPECT_EQ(v1.user_id, 2);
  EXPECT_EQ(v1.structure_id, 1);
  EXPECT_EQ(place_from_json(v1.record_json), edited);

  // The public record (what the server reloads) is the team's.
  EXPECT_EQ(store->find_place("S", "a"), edited);
  auto all = store->load_places();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], edited);
  EXPECT_GT(store->change_counter(), counter);

  PlaceVersion v2 = edits.edit_place(kA, place("a", "Médiathèque"), 1, std::nullopt, std::nullopt,
                                     "2026-11-23T08:00:00Z");
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(edits.latest_version(kA), 2);
  auto versions = edits.versions(kA);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0], v1);
  EXPECT_EQ(versions[1], v2);
  EXPECT_EQ(versions[1].user_id, std::nullopt);
  EXPECT_TRUE(edits.versions({"S", "b"}).empty());
}

TEST(PlaceEditStore, ConcurrentEditIsAConflictAndChangesNothing) {
  auto store = seeded();
  auto& edits = store->place_edits();
  edits.edit_place(kA, place("a", "Première"), 0, 1, 1, "2026-11-22T08:00:00Z");
  const auto counter = store->change_counter();
  // A second editor who loaded the form before the first save (version 0).
  EXPECT_THROW(edits.edit_place(kA, place("a", "Seconde"), 0, 2, 1, "2026-11-22T08:01:00Z"), EditConflict);
  EXPECT_EQ(store->find_place("S", "a")->nom, "Première");
  EXPECT_EQ(edits.latest_version(kA), 1);
  EXPECT_EQ(store->change_counter(), counter);
  // Coming from the future is a conflict too.
  EXPECT_THROW(edits.edit_place(kA, place("a", "X"), 5, 2, 1, "2026-11-22T08:01:00Z"), EditConflict);
}

TEST(PlaceEditStore, EditOfAMissingPlaceOrWithAnotherIdIsRefused) {
  auto store = seeded();
  auto& edits = store->place_edits();
  EXPECT_THROW(edits.edit_place({"S", "zz"}, place("zz", "X"), 0, 1, 1, "2026-11-22T08:00:00Z"), StoreError);
  EXPECT_THROW(edits.edit_place(kA, place("b", "X"), 0, 1, 1, "2026-11-22T08:00:00Z"), StoreError);
  EXPECT_EQ(store->find_place("S", "b")->nom, "Centre social");
  EXPECT_THROW(edits.confirm_place({"S", "zz"}, 1, 1, "2026-11-22T08:00:00Z"), StoreError);
}

TEST(PlaceEditStore, ConfirmationSetsTheDayAndFreshness) {
  auto store = seeded();
  auto& edits = store->place_edits();
  auto fresh = edits.freshness();
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].place, kA);
  EXPECT_EQ(fresh[0].confirmed_at, "");
  EXPECT_EQ(fresh[0].last_reminder_at, "");
  const auto counter = store->change_counter();

  PlaceVersion v = edits.confirm_place(kA, 1, 1, "2026-11-22T08:00:00Z");
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.change, "confirmation");
  Place expected = place("a", "Médiathèque");
  expected.date_maj = year{2026} / 11 / 22;
  EXPECT_EQ(store->find_place("S", "a"), expected);
  EXPECT_GT(store->change_counter(), counter);

  edits.record_reminder({"S", "b"}, "2026-06-01T06:00:00Z");
  edits.record_reminder({"S", "b"}, "2026-07-01T06:00:00Z");
  fresh = edits.freshness();
  EXPECT_EQ(fresh[0].confirmed_at, "2026-11-22T08:00:00Z");
  EXPECT_EQ(fresh[0].updated_at, "2026-11-22T08:00:00Z");
  EXPECT_EQ(fresh[1].confirmed_at, "");
  EXPECT_EQ(fresh[1].last_reminder_at, "2026-07-01T06:00:00Z");
}

TEST(PlaceEditStore, ImportKeepsTeamEdits) {
  auto store = seeded();
  Place edited = place("a", "Nom choisi par l’équipe");
  store->place_edits().edit_place(kA, edited, 0, 1, 1, "2026-11-22T08:00:00Z");

  // The file changes "a" and "b".
  std::vector<Place> next{place("a", "Nom du fichier"), place("b", "Centre social rénové")};
  ImportSummary s = store->import_places("S", "f.csv", "sha-2", next, "{}");
  EXPECT_EQ(s.kept_team_edits, 1u);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(store->find_place("S", "a"), edited);
  EXPECT_EQ(store->find_place("S", "b")->nom, "Centre social rénové");

  // Then the file no longer lists them: "b" goes, the team's "a" stays.
  std::vector<Place> none;
  s = store->import_places("S", "f.csv", "sha-3", none, "{}");
  EXPECT_EQ(s.removed, 1u);
  EXPECT_EQ(s.kept_team_edits, 0u);
  EXPECT_EQ(store->find_place("S", "a"), edited);
  EXPECT_FALSE(store->find_place("S", "b"));
}

TEST(PlaceEditStore, ReportsInboxRepliesAndRetention) {
  auto store = seeded();
  auto& edits = store->place_edits();
  PlaceReport r;
  r.place_ref = "S:a";
  r.categories = {"horaires"};
  r.message = "Fermé le mercredi";
  r.email = "camille@example.org";
  const auto first = store->add_place_report(r);
  r.place_ref = "S:b";
  r.email = "";
  const auto second = store->add_place_report(r);
  r.place_ref = "S:a";
  const auto third = store->add_place_report(r);

  std::vector<std::string> refs{"S:a"};
  auto about_a = edits.reports_about(refs);
  ASSERT_EQ(about_a.size(), 2u);
  EXPECT_EQ(about_a[0].id, third);  // newest first
  EXPECT_EQ(about_a[1].id, first);
  EXPECT_TRUE(edits.reports_about(std::span<const std::string>{}).empty());
  std::vector<std::string> both{"S:b", "S:a"};
  EXPECT_EQ(edits.reports_about(both).size(), 3u);

  EXPECT_EQ(edits.find_report(second)->place_ref, "S:b");
  EXPECT_FALSE(edits.find_report(999));

  edits.set_report_status(first, "traite", "2026-11-22T09:00:00Z");
  EXPECT_EQ(edits.find_report(first)->status, "traite");
  EXPECT_THROW(edits.set_report_status(first, "perdu", "2026-11-22T09:00:00Z"), StoreError);
  EXPECT_THROW(edits.set_report_status(999, "traite", "2026-11-22T09:00:00Z"), StoreError);

  ReportReply reply;
  reply.report_id = first;
  reply.user_id = std::nullopt;
  reply.replied_at = "2026-11-22T09:00:00Z";
  reply.message = "Merci, c’est corrigé.";
  reply.emailed = true;
  reply.id = edits.add_reply(reply);
  ReportReply later = reply;
  later.message = "Et les horaires d’été aussi.";
  later.emailed = false;
  later.id = edits.add_reply(later);
  auto replies = edits.replies(first);
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0], reply);
  EXPECT_EQ(replies[1], later);
  EXPECT_TRUE(edits.replies(second).empty());

  // Every report was received "now", so a cut-off in the past forgets nothing
  // and one in the far future forgets the one address given.
  EXPECT_EQ(edits.forget_report_emails_before("2000-01-01T00:00:00Z"), 0u);
  EXPECT_EQ(edits.forget_report_emails_before("9999-01-01T00:00:00Z"), 1u);
  EXPECT_EQ(edits.find_report(first)->email, "");
}

}  // namespace
}  // namespace relais::store
