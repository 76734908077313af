#include "geo/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include <date/date.h>

#include "core/text.h"
#include "geo/distance.h"
#include "geo/weekend.h"

namespace relais::geo {
namespace {

using namespace std::chrono;

// Schedule open on fixed UTC intervals: a real (if trivial) OpenSchedule.
class IntervalSchedule final : public OpenSchedule {
 public:
  explicit IntervalSchedule(std::vector<std::pair<sys_seconds, sys_seconds>> iv) : iv_(std::move(iv)) {}
  bool is_open(sys_seconds t) const override {
    return std::any_of(iv_.begin(), iv_.end(), [&](auto& i) { return i.first <= t && t < i.second; });
  }
  bool is_open_during(sys_seconds from, sys_seconds to) const override {
    return std::any_of(iv_.begin(), iv_.end(), [&](auto& i) { return i.first < to && from < i.second; });
  }

 private:
  std::vector<std::pair<sys_seconds, sys_seconds>> iv_;
};

template <typename E>
std::vector<E> random_subset(std::mt19937& rng, double p) {
  std::vector<E> out;
  std::bernoulli_distribution keep(p);
  for (std::size_t i = 0; i < enum_count<E>(); ++i)
    if (keep(rng)) out.push_back(static_cast<E>(i));
  return out;
}

std::vector<Place> random_places(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lat(42.3, 51.1), lon(-4.8, 8.2);
  std::vector<Place> places(n);
  for (std::size_t i = 0; i < n; ++i) {
    Place& p = places[i];
    char id[32];
    std::snprintf(id, sizeof id, "lieu-%05u", static_cast<unsigned>((i * 7919) % 100000));
    p.id = id;
    p.nom = "Lieu " + std::to_string(i);
    if (i % 50 == 0) p.coordinates = std::nullopt;
    else p.coordinates = Coordinates{lat(rng), lon(rng)};
    if (i % 97 == 3 && i > 0 && places[i - 1].coordinates) p.coordinates = places[i - 1].coordinates;  // exact ties
    p.services = random_subset<Service>(rng, 0.3);
    p.publics_specifiquement_adresses = random_subset<Public>(rng, 0.2);
    p.prise_en_charge_specifique = random_subset<PriseEnCharge>(rng, 0.15);
    p.frais_a_charge = random_subset<Frais>(rng, 0.4);
    p.modalites_acces = random_subset<ModaliteAcces>(rng, 0.3);
    p.modalites_accompagnement = random_subset<ModaliteAccompagnement>(rng, 0.3);
    p.dispositif_programmes_nationaux = random_subset<Dispositif>(rng, 0.1);
    p.formations_labels = random_subset<FormationLabel>(rng, 0.05);
    p.itinerance = random_subset<Itinerance>(rng, 0.5);
    if (i % 7 == 0) p.prise_rdv = "https://rdv.example/" + std::to_string(i);
  }
  return places;
}

template <typename E>
bool any_of_in(const std::vector<E>& wanted, const std::vector<E>& have) {
  if (wanted.empty()) return true;
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](E w) { return std::find(have.begin(), have.end(), w) != have.end(); });
}

// Reference implementation of the enum filters, straight from the Place.
bool brute_enum_match(const Query& q, const Place& p) {
  const bool booking = p.prise_rdv.has_value() ||
                       std::count(p.modalites_acces.begin(), p.modalites_acces.end(),
                                  ModaliteAcces::PrendreRdvEnLigne) > 0;
  return any_of_in(q.services, p.services) && any_of_in(q.publics, p.publics_specifiquement_adresses) &&
         any_of_in(q.prises_en_charge, p.prise_en_charge_specifique) && any_of_in(q.frais, p.frais_a_charge) &&
         any_of_in(q.modalites_acces, p.modalites_acces) &&
         any_of_in(q.modalites_accompagnement, p.modalites_accompagnement) &&
         any_of_in(q.dispositifs, p.dispositif_programmes_nationaux) &&
         any_of_in(q.formations_labels, p.formations_labels) && any_of_in(q.itinerance, p.itinerance) &&
         (!q.online_booking || booking);
}

struct Expected {
  std::uint32_t place;
  double distance;
};

std::vector<Expected> brute_spatial(const std::vector<Place>& places, const Query& q) {
  std::vector<Expected> all;
  for (std::uint32_t i = 0; i < places.size(); ++i) {
    if (!places[i].coordinates || !brute_enum_match(q, places[i])) continue;
    const double d = haversine_metres(*q.near, *places[i].coordinates);
    if (q.radius_metres && d > *q.radius_metres) continue;
    all.push_back({i, d});
  }
  std::sort(all.begin(), all.end(), [&](const Expected& a, const Expected& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return places[a.place].id < places[b.place].id;
  });
  return all;
}

void expect_same(const std::vector<Place>& places, const Results& got, const std::vector<Expected>& want,
                 std::size_t offset, std::size_t limit) {
  const std::size_t end = std::min(want.size(), offset + limit);
  const std::size_t expected_count = offset < end ? end - offset : 0;
  ASSERT_EQ(got.hits.size(), expected_count);
  for (std::size_t i = 0; i < expected_count; ++i) {
    const Expected& w = want[offset + i];
    ASSERT_TRUE(got.hits[i].distance_metres.has_value());
    EXPECT_NEAR(*got.hits[i].distance_metres, w.distance, 1e-3) << "rank " << i;
    // Equal distances may differ in the last bits between chord and haversine.
    if (got.hits[i].place != w.place) {
      EXPECT_NEAR(haversine_metres(*places[got.hits[i].place].coordinates, *places[w.place].coordinates), 0, 1e-6)
          << "rank " << i;
    }
  }
}

class GeoIndexRandom : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    places_ = new std::vector<Place>(random_places(20000, 42));
    index_ = new Index(Index::build(*places_));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete places_;
  }
  static std::vector<Place>* places_;
  static Index* index_;
};
std::vector<Place>* GeoIndexRandom::places_ = nullptr;
Index* GeoIndexRandom::index_ = nullptr;

std::vector<Query> sample_queries(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lat(42.0, 51.5), lon(-5.0, 8.5);
  std::vector<Query> out;
  for (int i = 0; i < 40; ++i) {
    Query q;
    q.near = Coordinates{lat(rng), lon(rng)};
    switch (i % 5) {
      case 0: break;
      case 1: q.services = {Service::AideDemarchesAdministratives}; q.frais = {Frais::Gratuit}; break;
      case 2: q.dispositifs = {Dispositif::FranceServices, Dispositif::ConseillersNumeriques}; break;
      case 3: q.formations_labels = {FormationLabel::Ordi3}; q.itinerance = {Itinerance::Itinerant}; break;
      case 4: q.online_booking = true; q.publics = {Public::Seniors}; break;
    }
    out.push_back(q);
  }
  return out;
}

TEST_F(GeoIndexRandom, KNearestMatchesBruteForce) {
  for (Query q : sample_queries(7)) {
    q.limit = 20;
    expect_same(*places_, index_->search(q), brute_spatial(*places_, q), 0, 20);
  }
}

TEST_F(GeoIndexRandom, RadiusMatchesBruteForceWithTotal) {
  for (Query q : sample_queries(8)) {
    q.radius_metres = 40000;
    q.limit = 100000;
    const auto want = brute_spatial(*places_, q);
    const Results got = index_->search(q);
    ASSERT_TRUE(got.total.has_value());
    EXPECT_EQ(*got.total, want.size());
    expect_same(*places_, got, want, 0, q.limit);
  }
}

TEST_F(GeoIndexRandom, KNearestWithMaxRadius) {
  for (Query q : sample_queries(9)) {
    q.radius_metres = 15000;
    q.limit = 5;
    expect_same(*places_, index_->search(q), brute_spatial(*places_, q), 0, 5);
  }
}

TEST_F(GeoIndexRandom, PaginationIsASliceOfTheFullOrder) {
  for (Query q : sample_queries(10)) {
    const auto want = brute_spatial(*places_, q);
    q.offset = 13;
    q.limit = 9;
    expect_same(*places_, index_->search(q), want, 13, 9);
  }
}

TEST_F(GeoIndexRandom, NonSpatialIncludesPlacesWithoutCoordinatesSortedById) {
  Query q;
  q.services = {Service::LoisirsCreations};
  q.limit = 1000000;
  const Results got = index_->search(q);
  std::vector<std::uint32_t> want;
  for (std::uint32_t i = 0; i < places_->size(); ++i)
    if (brute_enum_match(q, (*places_)[i])) want.push_back(i);
  std::stable_sort(want.begin(), want.end(),
                   [&](auto a, auto b) { return (*places_)[a].id < (*places_)[b].id; });
  ASSERT_EQ(got.hits.size(), want.size());
  ASSERT_EQ(got.total, want.size());
  bool saw_without_coordinates = false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got.hits[i].place, want[i]);
    EXPECT_FALSE(got.hits[i].distance_metres.has_value());
    saw_without_coordinates |= !(*places_)[want[i]].coordinates.has_value();
  }
  EXPECT_TRUE(saw_without_coordinates);
}

TEST_F(GeoIndexRandom, EachEnumFilterAlone) {
  const Coordinates centre{46.5, 2.5};
  auto check = [&](Query q) {
    q.near = centre;
    q.limit = 30;
    expect_same(*places_, index_->search(q), brute_spatial(*places_, q), 0, 30);
  };
  for (std::size_t v = 0; v < enum_count<Service>(); ++v) { Query q; q.services = {Service(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<Public>(); ++v) { Query q; q.publics = {Public(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<PriseEnCharge>(); ++v) { Query q; q.prises_en_charge = {PriseEnCharge(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<Frais>(); ++v) { Query q; q.frais = {Frais(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<ModaliteAcces>(); ++v) { Query q; q.modalites_acces = {ModaliteAcces(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<ModaliteAccompagnement>(); ++v) { Query q; q.modalites_accompagnement = {ModaliteAccompagnement(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<Dispositif>(); ++v) { Query q; q.dispositifs = {Dispositif(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<FormationLabel>(); ++v) { Query q; q.formations_labels = {FormationLabel(v)}; check(q); }
  for (std::size_t v = 0; v < enum_count<Itinerance>(); ++v) { Query q; q.itinerance = {Itinerance(v)}; check(q); }
  Query booking; booking.online_booking = true; check(booking);
}

TEST_F(GeoIndexRandom, ConcurrentQueriesGiveTheSequentialAnswers) {
  const auto queries = sample_queries(11);
  std::vector<std::vector<std::uint32_t>> sequential;
  for (const Query& q : queries) {
    std::vector<std::uint32_t> ids;
    for (const Hit& h : index_->search(q).hits) ids.push_back(h.place);
    sequential.push_back(ids);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
          std::vector<std::uint32_t> ids;
          for (const Hit& h : index_->search(queries[i]).hits) ids.push_back(h.place);
          mismatches[t] += ids != sequential[i];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(GeoIndexRandom, MatchedValuesAreTheIntersection) {
  Query q;
  q.near = Coordinates{46.5, 2.5};
  q.services = {Service::AideDemarchesAdministratives, Service::LoisirsCreations};
  q.frais = {Frais::Gratuit};
  for (const Hit& hit : index_->search(q).hits) {
    const Place& p = (*places_)[hit.place];
    for (const Match& m : describe_matches(hit)) {
      if (m.field == "services") {
        const auto s = from_label<Service>(m.value);
        ASSERT_TRUE(s);
        EXPECT_NE(std::find(p.services.begin(), p.services.end(), *s), p.services.end());
        EXPECT_NE(std::find(q.services.begin(), q.services.end(), *s), q.services.end());
      } else {
        EXPECT_EQ(m.field, "frais_a_charge");
        EXPECT_EQ(m.value, "Gratuit");
      }
    }
  }
}

std::vector<Place> named_places() {
  std::vector<Place> places(4);
  places[0].id = "a"; places[0].nom = "Médiathèque Émile Zola"; places[0].commune = "Montpellier";
  places[0].adresse = "218 Boulevard de l'Aéroport International"; places[0].code_insee = "34172";
  places[0].coordinates = Coordinates{43.6085, 3.8925};
  places[1].id = "b"; places[1].nom = "France services"; places[1].commune = "Saint-Étienne";
  places[1].adresse = "1 rue de la Médiathèque"; places[1].code_insee = "42218";
  places[2].id = "c"; places[2].nom = "EPN"; places[2].commune = "Ajaccio"; places[2].adresse = "Cours Napoléon";
  places[2].code_insee = "2A004"; places[2].coordinates = Coordinates{41.9192, 8.7386};
  places[3].id = "d"; places[3].nom = "Bus numérique"; places[3].commune = "Pointe-à-Pitre";
  places[3].adresse = "Place de la Victoire"; places[3].code_insee = "97120";
  return places;
}

std::vector<std::uint32_t> ids(const Results& r) {
  std::vector<std::uint32_t> out;
  for (const Hit& h : r.hits) out.push_back(h.place);
  return out;
}

TEST(GeoIndexText, AccentAndCaseInsensitiveAllWords) {
  const auto places = named_places();
  const Index index = Index::build(places);
  Query q;
  q.text = "mediatheque";
  const Results r = index.search(q);
  EXPECT_EQ(ids(r), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(r.hits[0].text_fields, kTextNom);
  EXPECT_EQ(r.hits[1].text_fields, kTextAdresse);
  q.text = "MÉDIATHÈQUE montp";  // words may match different fields, as substrings
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  q.text = "saint etienne";
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{1});
  q.text = "mediatheque ajaccio";
  EXPECT_TRUE(index.search(q).hits.empty());
  q.text = "  ";  // blank = inactive
  EXPECT_EQ(index.search(q).hits.size(), 4u);
}

TEST(GeoIndexTerritory, DefaultExtrasDeriveDepartementFromInsee) {
  const auto places = named_places();
  const Index index = Index::build(places);
  Query q;
  q.territory.departements = {"2A", "971"};
  EXPECT_EQ(ids(index.search(q)), (std::vector<std::uint32_t>{2, 3}));
  q.territory = {};
  q.territory.communes = {"42218"};
  q.territory.departements = {"34"};  // OR across levels
  EXPECT_EQ(ids(index.search(q)), (std::vector<std::uint32_t>{0, 1}));
  q.territory = {};
  q.territory.regions = {"76"};  // no région without a provider
  EXPECT_TRUE(index.search(q).hits.empty());
}

TEST(GeoIndexTerritory, ProviderGivesEpciAndRegion) {
  const auto places = named_places();
  const Index index = Index::build(places, [](std::size_t i, const Place& p) {
    PlaceExtras e = extras_from_place(p);
    if (i == 0) { e.region = "76"; e.epci = "243400017"; }
    if (i == 1) e.region = "84";
    return e;
  });
  Query q;
  q.territory.regions = {"76", "84"};
  q.near = Coordinates{43.6, 3.9};  // spatial: place 1 has no coordinates
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  q.near.reset();
  EXPECT_EQ(ids(index.search(q)), (std::vector<std::uint32_t>{0, 1}));
  q.territory = {};
  q.territory.epcis = {"243400017"};
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  q.territory.epcis = {"unknown"};
  EXPECT_TRUE(index.search(q).hits.empty());
}

TEST(GeoIndexHours, OpenAtAndWeekendUseTheSchedules) {
  const auto places = named_places();
  const sys_seconds monday_10h = date::sys_days{date::year{2026} / 6 / 8} + hours{8};  // 10:00 Paris
  const TimeWindow weekend = coming_weekend(monday_10h);
  const Index index = Index::build(places, [&](std::size_t i, const Place& p) {
    PlaceExtras e = extras_from_place(p);
    if (i == 0) e.schedule = std::make_shared<IntervalSchedule>(
        std::vector<std::pair<sys_seconds, sys_seconds>>{{monday_10h - hours{1}, monday_10h + hours{1}}});
    if (i == 2) e.schedule = std::make_shared<IntervalSchedule>(
        std::vector<std::pair<sys_seconds, sys_seconds>>{{weekend.end - hours{1}, weekend.end}});
    // place 1, 3: no schedule (absent or unparsable hours) = never open
    return e;
  });
  Query q;
  q.open_at = monday_10h;
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{0});
  q.open_at.reset();
  q.open_weekend_after = monday_10h;
  EXPECT_EQ(ids(index.search(q)), std::vector<std::uint32_t>{2});
  q.open_at = monday_10h;  // AND
  EXPECT_TRUE(index.search(q).hits.empty());
}

TEST(GeoIndex, EmptyAndMemory) {
  const Index empty = Index::build({});
  Query q;
  q.near = Coordinates{45, 5};
  EXPECT_TRUE(empty.search(q).hits.empty());
  q.radius_metres = 1000;
  EXPECT_EQ(empty.search(q).total, 0u);
  const auto some = random_places(100, 2);
  const Index small = Index::build(some);
  q.near = Coordinates{std::nan(""), 5};
  EXPECT_EQ(small.search(q).total, 0u);
  q.near = Coordinates{45, 5};
  q.radius_metres = 1e9;  // whole Earth
  EXPECT_EQ(small.search(q).total, 98u);  // 2 of 100 have no coordinates
  const auto places = random_places(1000, 1);
  const Index index = Index::build(places);
  EXPECT_GT(index.memory_bytes(), 1000u * 60);
  EXPECT_EQ(index.size(), 1000u);
}

}  // namespace
}  // namespace relais::geo

namespace relais::geo {
namespace {

TEST(GeoIndexOrder, EqualDistancesAreOrderedById) {
  std::vector<Place> places(5);
  const char* ids_in_span[] = {"c", "a", "e", "b", "d"};
  for (std::size_t i = 0; i < places.size(); ++i) {
    places[i].id = ids_in_span[i];
    places[i].coordinates = Coordinates{45.0, 5.0};
  }
  places[4].coordinates = Coordinates{45.0, 5.001};  // "d" is farther
  const Index index = Index::build(places);
  Query q;
  q.near = Coordinates{45.0, 4.999};
  q.limit = 3;
  EXPECT_EQ(ids(index.search(q)), (std::vector<std::uint32_t>{1, 3, 0}));  // a, b, c
  q.offset = 3;
  EXPECT_EQ(ids(index.search(q)), (std::vector<std::uint32_t>{2, 4}));  // e, then d
}

}  // namespace
}  // namespace relais::geo
