// Urlencoded form bodies: media type, charset, limits, decoding.
#include "web/form.h"

#include <gtest/gtest.h>

namespace relais::web {
namespace {

TEST(FormTest, MediaTypeIsLowercasedWithoutParameters) {
  EXPECT_EQ(media_type("Multipart/Form-Data; boundary=x"), "multipart/form-data");
  EXPECT_EQ(media_type("  application/x-www-form-urlencoded  "), "application/x-www-form-urlencoded");
  EXPECT_EQ(media_type(""), "");
}

TEST(FormTest, DecodesFields) {
  auto form = parse_form("application/x-www-form-urlencoded; charset=UTF-8", "nom=Jos%C3%A9+Dupont&csrf=abc");
  ASSERT_TRUE(std::holds_alternative<api::Params>(form));
  const auto& params = std::get<api::Params>(form);
  EXPECT_EQ(params.all("nom").front(), "José Dupont");
  EXPECT_EQ(params.all("csrf").front(), "abc");
}

TEST(FormTest, RefusesOtherMediaTypesAndCharsets) {
  EXPECT_EQ(std::get<FormError>(parse_form("text/plain", "a=1")).status, 415);
  EXPECT_EQ(std::get<FormError>(parse_form("", "a=1")).status, 415);
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded; charset=iso-8859-1", "a=1")).status,
            415);
}

TEST(FormTest, LimitsGive413AndMalformedGives400) {
  std::string big(300 * 1024, 'a');
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded", "a=" + big)).status, 413);
  std::string many;
  for (int i = 0; i < 600; ++i) many += "f=1&";
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded", many)).status, 400);
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded", "a=%G1")).status, 400);
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded", "a=%00")).status, 400);
  EXPECT_EQ(std::get<FormError>(parse_form("application/x-www-form-urlencoded", "a=%FF")).status, 400);
}

}  // namespace
}  // namespace relais::web
