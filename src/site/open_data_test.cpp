#include "site/open_data.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/representation.h"
#include "catalog/testing.h"
#include "core/field.h"
#include "standard/reader.h"
#include "standard/writer.h"

namespace relais::site {
namespace {

using namespace std::chrono;
using catalog::testing::place;

class OpenDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = place("1", "Médiathèque, \"Jean-Jaurès\"", 45.77, 4.88, "69266");
    a.horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";
    a.courriels = {"a@example.org", "b@example.org"};
    a.date_maj = 2026y / 11 / 22;  // the latest: edited by its team
    auto b = place("2", "France services Lyon", 45.76, 4.83, "69123");
    b.dispositif_programmes_nationaux = {Dispositif::FranceServices};
    b.date_maj = 2024y / 3 / 1;
    std::vector<store::StoredPlace> stored{{"A", a}, {"A", b}};
    places_ = {a, b};
    dataset_ = api::Dataset::make(
        catalog::Catalog(stored, {}, {catalog::testing::lyon(), catalog::testing::villeurbanne()},
                         {.today = 2026y / 11 / 24}),
        {}, "42");
  }

  static std::string body_of(api::Response& r) {
    std::string out = r.body;
    if (r.stream) {
      while (r.stream(out)) {
      }
    }
    return out;
  }
  static std::string header(const api::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  std::vector<Place> places_;
  std::shared_ptr<const api::Dataset> dataset_;
};

TEST_F(OpenDataTest, Paths) {
  EXPECT_TRUE(is_open_data_path("/donnees"));
  EXPECT_TRUE(is_open_data_path("/donnees/lieux.csv"));
  EXPECT_FALSE(is_open_data_path("/donneesx"));
  EXPECT_FALSE(is_open_data_path("/api/v1/export/lieux.csv"));
  EXPECT_EQ(handle_open_data({.method = "GET", .path = "/donnees/autre.csv", .if_none_match = ""}, dataset_).status, 404);
  auto post = handle_open_data({.method = "POST", .path = "/donnees/lieux.csv", .if_none_match = ""}, dataset_);
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_EQ(handle_open_data({.method = "GET", .path = "/donnees", .if_none_match = ""}, nullptr).status, 503);
}

TEST_F(OpenDataTest, CsvParsesBackWithTheStandardReader) {
  auto r = handle_open_data({.method = "GET", .path = "/donnees/lieux.csv", .if_none_match = ""}, dataset_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  const std::string csv = body_of(r);
  auto read = standard::read_buffer(csv, "lieux.csv", standard::Format::Csv);
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.layout, standard::Layout::V1);
  ASSERT_EQ(read.records.size(), 2u);
  // Field for field the flat v1 record of each place (standard/writer.h's to_raw).
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(read.records[i].fields, standard::to_raw(places_[i]).fields);
  // The same bytes as the API's export of the whole catalogue.
  std::string api_csv = api::csv_header();
  for (const Place& p : places_) api::append_csv_row(api_csv, p);
  EXPECT_EQ(csv, api_csv);
}

TEST_F(OpenDataTest, JsonHasTheSchemaFields) {
  auto r = handle_open_data({.method = "GET", .path = "/donnees/lieux.json", .if_none_match = ""}, dataset_);
  ASSERT_EQ(r.status, 200);
  auto json = nlohmann::json::parse(body_of(r));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  for (const auto& record : json) {
    for (const auto& [key, value] : record.items()) EXPECT_TRUE(field_from_name(key)) << key;
    for (Field f : {Field::id, Field::pivot, Field::nom, Field::commune, Field::code_postal, Field::adresse,
                    Field::date_maj}) {
      EXPECT_TRUE(record.contains(std::string(field_name(f)))) << field_name(f);
    }
  }
  EXPECT_EQ(json[0]["horaires"], "Mo-Fr 09:00-12:00,14:00-17:00; PH off");
  EXPECT_EQ(json[0]["courriels"], "a@example.org|b@example.org");
  EXPECT_EQ(json[0]["latitude"], 45.77);
  // And it reads back with the standard's JSON reader.
  auto read = standard::read_buffer(body_of(r), "lieux.json", standard::Format::Json);
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.records.size(), 2u);
}

TEST_F(OpenDataTest, IndexDatesAndValidators) {
  auto r = handle_open_data({.method = "GET", .path = "/donnees", .if_none_match = ""}, dataset_);
  ASSERT_EQ(r.status, 200);
  auto index = nlohmann::json::parse(r.body);
  EXPECT_EQ(index["schema"]["version"], "1.0.2");
  EXPECT_EQ(index["date_mise_a_jour"], "2026-11-22");
  EXPECT_EQ(index["nombre_lieux"], 2);
  ASSERT_EQ(index["fichiers"].size(), 2u);
  EXPECT_EQ(index["fichiers"][0]["url"], "/donnees/lieux.csv");
  EXPECT_EQ(header(r, "Last-Modified"), "Sun, 22 Nov 2026 00:00:00 GMT");

  auto csv = handle_open_data({.method = "GET", .path = "/donnees/lieux.csv", .if_none_match = ""}, dataset_);
  const std::string etag = header(csv, "ETag");
  EXPECT_EQ(etag, "\"donnees-42-csv\"");
  EXPECT_NE(etag, header(r, "ETag"));
  auto again = handle_open_data({.method = "GET", .path = "/donnees/lieux.csv", .if_none_match = etag}, dataset_);
  EXPECT_EQ(again.status, 304);
  EXPECT_FALSE(again.stream);
  EXPECT_EQ(handle_open_data({.method = "GET", .path = "/donnees/lieux.csv", .if_none_match = "W/" + etag}, dataset_).status, 200);
  auto head = handle_open_data({.method = "HEAD", .path = "/donnees/lieux.json", .if_none_match = ""}, dataset_);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

}  // namespace
}  // namespace relais::site
