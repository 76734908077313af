#include "api/places_query.h"

#include <gtest/gtest.h>

#include "hours/paris_time.h"

namespace relais::api {
namespace {

PlacesQueryOptions options() {
  PlacesQueryOptions o;
  o.now = *hours::parse_paris_local("2026-11-24T10:00");
  return o;
}

std::variant<PlacesRequest, ApiError> parse(std::string_view raw, PlacesQueryOptions o = options()) {
  auto params = parse_query_string(raw);
  if (auto* error = std::get_if<ApiError>(&params)) return *error;
  return parse_places_request(std::get<Params>(params), o);
}

geo::Query ok(std::string_view raw) {
  auto result = parse(raw);
  if (auto* error = std::get_if<ApiError>(&result)) {
    ADD_FAILURE() << raw << ": " << error->code << " " << error->message;
    return {};
  }
  return std::get<PlacesRequest>(result).query;
}

ApiError error(std::string_view raw) {
  auto result = parse(raw);
  if (!std::holds_alternative<ApiError>(result)) {
    ADD_FAILURE() << raw << " was accepted";
    return {};
  }
  return std::get<ApiError>(result);
}

TEST(PlacesQuery, DefaultsToFirstPageOfEverything) {
  auto query = ok("");
  EXPECT_FALSE(query.near);
  EXPECT_EQ(query.limit, 20u);
  EXPECT_EQ(query.offset, 0u);
  EXPECT_TRUE(query.services.empty());
}

TEST(PlacesQuery, FiltersTakeLabelsSeparatedByBarOrRepeated) {
  auto query = ok("services=Aide%20aux%20d%C3%A9marches%20administratives|Accès%20internet%20et%20matériel%20"
                  "informatique&services=aide+aux+demarches+administratives&frais=gratuit&dispositifs=France+"
                  "Services&publics=Jeunes&prise_en_charge=Surdit%C3%A9&modalites_acces=T%C3%A9l%C3%A9phoner"
                  "&modalites_accompagnement=En+autonomie&labels=Mes+Papiers+(M%C3%A9tropole+de+Lyon)&itinerance=Fixe");
  EXPECT_EQ(query.services.size(), 2u);  // the folded duplicate is merged
  ASSERT_EQ(query.frais.size(), 1u);
  EXPECT_EQ(query.frais[0], Frais::Gratuit);
  ASSERT_EQ(query.dispositifs.size(), 1u);
  EXPECT_EQ(query.dispositifs[0], Dispositif::FranceServices);
  EXPECT_EQ(query.publics.size(), 1u);
  EXPECT_EQ(query.prises_en_charge.size(), 1u);
  EXPECT_EQ(query.modalites_acces.size(), 1u);
  EXPECT_EQ(query.modalites_accompagnement.size(), 1u);
  EXPECT_EQ(query.formations_labels.size(), 1u);
  EXPECT_EQ(query.itinerance.size(), 1u);
}

TEST(PlacesQuery, UnknownValuesAndParametersAreErrors) {
  auto e = error("services=Cuisine");
  EXPECT_EQ(e.code, "unknown_value");
  EXPECT_NE(e.message.find("Valeurs possibles"), std::string::npos);
  EXPECT_EQ(error("service=Cuisine").code, "invalid_parameter");  // typo of a name
  EXPECT_EQ(error("frais=Gratuit' OR 1=1 --").code, "unknown_value");
}

TEST(PlacesQuery, CentreRadiusAndPaging) {
  auto query = ok("near=45.76,4.83&radius=5km&limit=50&offset=100");
  ASSERT_TRUE(query.near);
  EXPECT_DOUBLE_EQ(query.near->latitude, 45.76);
  EXPECT_DOUBLE_EQ(*query.radius_metres, 5000);
  EXPECT_EQ(query.limit, 50u);
  EXPECT_EQ(query.offset, 100u);
  EXPECT_DOUBLE_EQ(*ok("near=45.76,4.83&radius=800m").radius_metres, 800);
  EXPECT_DOUBLE_EQ(*ok("near=45.76,4.83&radius=1500").radius_metres, 1500);
  EXPECT_FALSE(ok("near=45.76,4.83").radius_metres);  // k nearest
}

TEST(PlacesQuery, BadCoordinatesRadiusAndPagingAreErrors) {
  for (auto raw : {"near=91,4", "near=45,181", "near=45", "near=abc,def", "near=nan,4", "near=inf,4",
                   "near=1e400,4", "near=45,4&radius=-5km", "near=45,4&radius=0", "near=45,4&radius=1e9",
                   "near=45,4&radius=5miles", "radius=5km", "limit=0", "limit=501", "limit=-1", "limit=abc",
                   "offset=-3", "offset=9990&limit=20", "near=1,2&near=3,4", "format=xml",
                   "open_now=true&open_at=2026-11-24T10:00", "open_at=demain", "open_now=peut-etre",
                   "commune=Lyon", "epci=123", "departement=100", "region=ABC", "territoire=pays:FR",
                   "territoire=departement:999"}) {
    EXPECT_EQ(error(raw).code, "invalid_parameter") << raw;
  }
}

TEST(PlacesQuery, TimeFilters) {
  auto o = options();
  auto now = ok("open_now=true&weekend=true");
  EXPECT_EQ(*now.open_at, o.now);
  EXPECT_EQ(*now.open_weekend_after, o.now);
  EXPECT_TRUE(std::get<PlacesRequest>(parse("open_now=1")).uses_now);
  auto at = std::get<PlacesRequest>(parse("open_at=2026-11-28T15:00&weekend=true"));
  EXPECT_EQ(*at.query.open_at, *hours::parse_paris_local("2026-11-28T15:00"));
  EXPECT_EQ(*at.query.open_weekend_after, *at.query.open_at);
  EXPECT_FALSE(at.uses_now);
  EXPECT_TRUE(ok("prise_rdv=true").online_booking);
  EXPECT_FALSE(ok("prise_rdv=false&open_now=").open_at);  // empty form field = absent
}

TEST(PlacesQuery, Territories) {
  auto query = ok("commune=69123|2A004&epci=200046977&departement=971&region=84&territoire=departement:2B");
  EXPECT_EQ(query.territory.communes, (std::vector<std::string>{"69123", "2A004"}));
  EXPECT_EQ(query.territory.epcis, (std::vector<std::string>{"200046977"}));
  EXPECT_EQ(query.territory.departements, (std::vector<std::string>{"971", "2B"}));
  EXPECT_EQ(query.territory.regions, (std::vector<std::string>{"84"}));
}

TEST(PlacesQuery, TextIsKeptVerbatimButBounded) {
  EXPECT_EQ(ok("text=%27%3B+DROP+TABLE+places%3B+--").text, "'; DROP TABLE places; --");
  EXPECT_EQ(ok("text=%3Cscript%3E").text, "<script>");
  EXPECT_EQ(error("text=" + std::string(201, 'a')).code, "invalid_parameter");
}

TEST(PlacesQuery, ExportsTakeEveryMatchAndNoPaging) {
  auto o = options();
  o.paging = false;
  auto result = parse("departement=69", o);
  ASSERT_TRUE(std::holds_alternative<PlacesRequest>(result));
  EXPECT_EQ(std::get<PlacesRequest>(result).query.limit, o.max_export);
  EXPECT_TRUE(std::holds_alternative<ApiError>(parse("limit=10", o)));
}

TEST(PlacesQuery, FormatParameter) {
  EXPECT_EQ(*std::get<PlacesRequest>(parse("format=geojson")).format, PlacesFormat::GeoJson);
  EXPECT_FALSE(std::get<PlacesRequest>(parse("")).format);
}

}  // namespace
}  // namespace relais::api
