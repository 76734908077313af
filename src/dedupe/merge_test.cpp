#include "dedupe/merge.h"

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr year_month_day kToday{year{2024}, month{6}, day{30}};

Place place(std::string id, year_month_day date) {
  Place p;
  p.id = std::move(id);
  p.pivot = std::string(kUnknownPivot);
  p.nom = p.id;
  p.date_maj = date;
  return p;
}

TEST(DedupeMerge, MergedIdSortsJoinsAndStripsMediationNumerique) {
  EXPECT_EQ(merged_id("b", "a"), "a__b");
  EXPECT_EQ(merged_id("hinaura-mediation-numerique-12", "cnfs-3"), "cnfs-3__hinaura12");
  EXPECT_EQ(merged_id("mediation-numerique-x", "y"), "x__y");
}

TEST(DedupeMerge, SixMonthRule) {
  // 365 / 2 = 182.5 days: 182 days before is recent, 183 is old.
  auto days_before = [](int n) {
    return year_month_day{std::chrono::sys_days{kToday} - std::chrono::days{n}};
  };
  EXPECT_FALSE(is_old(days_before(182), kToday));
  EXPECT_TRUE(is_old(days_before(183), kToday));
  EXPECT_FALSE(is_old(kToday, kToday));
}

TEST(DedupeMerge, NewerWinsScalarsOlderFillsGaps) {
  Place newer = place("n", year_month_day{year{2024}, month{6}, day{1}});
  Place older = place("o", year_month_day{year{2024}, month{5}, day{1}});
  newer.telephone = "+33100000001";
  older.telephone = "+33100000002";
  older.horaires = "Mo-Fr 09:00-12:00";
  older.pivot = "12345678901234";
  Place merged = merge_two(newer, older, kToday);
  EXPECT_EQ(merged.telephone, "+33100000001");
  EXPECT_EQ(merged.horaires, "Mo-Fr 09:00-12:00");
  EXPECT_EQ(merged.pivot, "12345678901234");  // placeholder pivot replaced
  EXPECT_EQ(merged.nom, "n");
  EXPECT_EQ(merged.id, "n__o");
  newer.pivot = "99999999999999";
  EXPECT_EQ(merge_two(newer, older, kToday).pivot, "99999999999999");
}

TEST(DedupeMerge, ListsUnionedWithoutDuplicates) {
  Place newer = place("n", year_month_day{year{2024}, month{6}, day{1}});
  Place older = place("o", year_month_day{year{2024}, month{5}, day{1}});
  newer.services = {Service::AideDemarchesAdministratives};
  older.services = {Service::LoisirsCreations, Service::AideDemarchesAdministratives};
  older.courriels = {"a@b.fr"};
  newer.dispositif_programmes_nationaux = {Dispositif::FranceServices};
  older.dispositif_programmes_nationaux = {Dispositif::ConseillersNumeriques};
  Place merged = merge_two(newer, older, kToday);
  EXPECT_EQ(merged.services,
            (std::vector<Service>{Service::AideDemarchesAdministratives, Service::LoisirsCreations}));
  EXPECT_EQ(merged.courriels, std::vector<std::string>{"a@b.fr"});
  EXPECT_EQ(merged.dispositif_programmes_nationaux,
            (std::vector<Dispositif>{Dispositif::FranceServices, Dispositif::ConseillersNumeriques}));
}

TEST(DedupeMerge, OldRecordKeepsNewerWholeExceptDispositifs) {
  Place newer = place("n", year_month_day{year{2024}, month{6}, day{1}});
  Place older = place("o", year_month_day{year{1970}, month{1}, day{1}});
  older.telephone = "+33100000002";
  older.services = {Service::LoisirsCreations};
  older.pivot = "12345678901234";
  older.dispositif_programmes_nationaux = {Dispositif::AidantsConnect};
  Place merged = merge_two(newer, older, kToday);
  EXPECT_FALSE(merged.telephone.has_value());
  EXPECT_TRUE(merged.services.empty());
  EXPECT_EQ(merged.pivot, kUnknownPivot);
  EXPECT_EQ(merged.dispositif_programmes_nationaux, std::vector<Dispositif>{Dispositif::AidantsConnect});
  EXPECT_EQ(merged.id, "n__o");
}

TEST(DedupeMerge, GroupFoldsFromNewestThenById) {
  std::vector<Place> places = {place("c", year_month_day{year{2024}, month{5}, day{1}}),
                               place("b", year_month_day{year{2024}, month{6}, day{1}}),
                               place("a", year_month_day{year{2024}, month{6}, day{1}})};
  places[0].telephone = "+33100000003";
  Group group{"g", {0, 1, 2}};
  auto merged = merge_group(places, group, kToday);
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(merged->nom, "a");  // newest date, then smallest id
  EXPECT_EQ(merged->telephone, "+33100000003");
  EXPECT_EQ(merged->id, "a__b__c");
}

TEST(DedupeMerge, OversizedMergedIdIsDropped) {
  std::vector<Place> places = {place(std::string(1400, 'a'), kToday), place(std::string(1400, 'b'), kToday)};
  EXPECT_FALSE(merge_group(places, Group{"g", {0, 1}}, kToday).has_value());
  places[1].id = "b";
  EXPECT_TRUE(merge_group(places, Group{"g", {0, 1}}, kToday).has_value());
}

}  // namespace
}  // namespace relais::dedupe
