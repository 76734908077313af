#include "pages/templates.h"

#include <gtest/gtest.h>

#include <kainjow/mustache.hpp>

namespace relais::pages::detail {
namespace {

TEST(PagesTemplates, AllTemplatesAreEmbedded) {
  std::vector<std::string> names;
  for (const auto& t : embedded_templates()) names.emplace_back(t.name);
  for (const char* expected : {"layout", "home", "results", "place", "report", "report_sent", "error"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
}

// Data must always be escaped: no `{{&` anywhere, and a triple mustache only
// for a variable named *_html, which the code fills with HTML it rendered
// from another template (the results page's filter form).
TEST(PagesTemplates, NoUnescapedTags) {
  for (const auto& t : embedded_templates()) {
    for (auto at = t.text.find("{{{"); at != std::string_view::npos; at = t.text.find("{{{", at + 3)) {
      auto end = t.text.find("}}}", at);
      ASSERT_NE(end, std::string_view::npos) << t.name;
      auto name = t.text.substr(at + 3, end - at - 3);
      EXPECT_TRUE(name.size() > 5 && name.ends_with("_html") &&
                  name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string_view::npos)
          << t.name << ": {{{" << name << "}}}";
    }
    EXPECT_EQ(t.text.find("{{&"), std::string_view::npos) << t.name;
    EXPECT_EQ(t.text.find("{{="), std::string_view::npos) << t.name << ": delimiter changes hide tags";
  }
}

TEST(PagesTemplates, LayoutWrapsEveryPageAndParses) {
  for (const char* page : {"home", "results", "place", "report", "report_sent", "error"}) {
    auto text = expanded_template("layout", page);
    EXPECT_EQ(text.find("{{>"), std::string::npos) << page;
    EXPECT_NE(text.find("<html lang=\"fr\">"), std::string::npos) << page;
    kainjow::mustache::mustache parsed{text};
    EXPECT_TRUE(parsed.is_valid()) << page << ": " << parsed.error_message();
  }
}

TEST(PagesTemplates, UnknownTemplateIsAProgrammingError) {
  EXPECT_THROW(expanded_template("nope"), std::logic_error);
  EXPECT_THROW(expanded_template("layout", "nope"), std::logic_error);
}

}  // namespace
}  // namespace relais::pages::detail
