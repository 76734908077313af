// multipart/form-data bodies (RFC 7578) with their limits and errors.
#include "web/multipart.h"

#include <gtest/gtest.h>

namespace relais::web {
namespace {

const std::string kType = "multipart/form-data; boundary=----relais42";

std::string body_of(const std::vector<std::string>& parts) {
  std::string body;
  for (const auto& part : parts) body += "------relais42\r\n" + part + "\r\n";
  return body + "------relais42--\r\n";
}

std::string field(std::string name, std::string value) {
  return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
}

std::string file(std::string name, std::string filename, std::string content) {
  return "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename +
         "\"\r\nContent-Type: text/csv\r\n\r\n" + content;
}

TEST(MultipartTest, ReadsFieldsAndFiles) {
  auto body = body_of({field("csrf", "tok"), file("fichier", "lieux.csv", "id,nom\r\n1,Médiathèque\r\n")});
  auto parsed = parse_multipart(kType, body);
  ASSERT_TRUE(std::holds_alternative<std::vector<MultipartPart>>(parsed)) << std::get<MultipartError>(parsed).message;
  const auto& parts = std::get<std::vector<MultipartPart>>(parsed);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].name, "csrf");
  EXPECT_FALSE(parts[0].filename);
  EXPECT_EQ(parts[0].body, "tok");
  EXPECT_EQ(parts[1].name, "fichier");
  EXPECT_EQ(parts[1].filename, "lieux.csv");
  EXPECT_EQ(parts[1].content_type, "text/csv");
  EXPECT_EQ(parts[1].body, "id,nom\r\n1,Médiathèque\r\n");
}

TEST(MultipartTest, BoundaryFromTheContentType) {
  EXPECT_EQ(std::get<std::string>(multipart_boundary("multipart/form-data; boundary=abc")), "abc");
  EXPECT_EQ(std::get<std::string>(multipart_boundary("Multipart/Form-Data; boundary=\"a b\"")), "a b");
  EXPECT_EQ(std::get<MultipartError>(multipart_boundary("application/json")).status, 415);
  EXPECT_EQ(std::get<MultipartError>(multipart_boundary("multipart/form-data")).status, 400);
  EXPECT_EQ(std::get<MultipartError>(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')))
                .status,
            400);
}

TEST(MultipartTest, MalformedBodiesAre400) {
  auto status = [](std::string_view body) {
    auto parsed = parse_multipart(kType, body);
    return std::holds_alternative<MultipartError>(parsed) ? std::get<MultipartError>(parsed).status : 0;
  };
  EXPECT_EQ(status(""), 400);
  EXPECT_EQ(status("no boundary at all"), 400);
  EXPECT_EQ(status("------relais42\r\n" + field("a", "1") + "\r\n"), 400);  // never closed
  EXPECT_EQ(status(body_of({"Content-Type: text/plain\r\n\r\nx"})), 400);     // no disposition
  EXPECT_EQ(status(body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\nx"})), 400);
  EXPECT_EQ(status(body_of({"Content-Disposition: form-data\r\n\r\nx"})), 400);  // no name
}

TEST(MultipartTest, LimitsAre413) {
  MultipartLimits limits{.max_body_bytes = 4096, .max_part_bytes = 1000, .max_parts = 3, .max_text_field_bytes = 100};
  auto status = [&](const std::string& body) {
    auto parsed = parse_multipart(kType, body, limits);
    return std::holds_alternative<MultipartError>(parsed) ? std::get<MultipartError>(parsed).status : 0;
  };
  EXPECT_EQ(status(body_of({file("f", "a.csv", std::string(5000, 'x'))})), 413);  // body
  EXPECT_EQ(status(body_of({file("f", "a.csv", std::string(1001, 'x'))})), 413);  // part
  EXPECT_EQ(status(body_of({file("f", "a.csv", std::string(1000, 'x'))})), 0);
  EXPECT_EQ(status(body_of({field("f", std::string(101, 'x'))})), 413);            // text field
  EXPECT_EQ(status(body_of({field("a", "1"), field("b", "2"), field("c", "3"), field("d", "4")})), 413);
}

}  // namespace
}  // namespace relais::web
