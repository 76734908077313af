#include "pages/slotted_text.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace relais::pages::detail {
namespace {

TEST(PagesSlottedText, FillsEveryMarkerWithItsValue) {
  SlottedText text("<input" + SlottedText::marker(1) + " value=\"" + SlottedText::marker(0) + "\">" +
                   SlottedText::marker(1));
  EXPECT_EQ(text.slot_count(), 2u);
  std::vector<std::string> values{"Lyon &amp; alentours", " checked"};
  std::string out = "<p>";
  text.append_to(out, values);
  EXPECT_EQ(out, "<p><input checked value=\"Lyon &amp; alentours\"> checked");
  values = {"", ""};
  out.clear();
  text.append_to(out, values);
  EXPECT_EQ(out, "<input value=\"\">");
}

TEST(PagesSlottedText, TextWithoutMarkersIsCopied) {
  SlottedText text("<p>rien à remplir</p>");
  EXPECT_EQ(text.slot_count(), 0u);
  std::string out;
  text.append_to(out, {});
  EXPECT_EQ(out, "<p>rien à remplir</p>");
}

TEST(PagesSlottedText, MarkersAreNumberedAndLeftUnchangedByHtmlEscaping) {
  EXPECT_EQ(SlottedText::marker(12), "\x1e"
                                     "12\x1f");
  for (char c : SlottedText::marker(1234567)) EXPECT_TRUE(c != '&' && c != '<' && c != '>' && c != '"' && c != '\'');
}

TEST(PagesSlottedText, MalformedMarkersAndMissingValuesAreProgrammingErrors) {
  EXPECT_THROW(SlottedText("a\x1e" "1"), std::logic_error);
  EXPECT_THROW(SlottedText("a\x1e\x1f"), std::logic_error);
  EXPECT_THROW(SlottedText("a\x1e" "x\x1f"), std::logic_error);
  SlottedText text(SlottedText::marker(2));
  std::vector<std::string> two{"a", "b"};
  std::string out;
  EXPECT_THROW(text.append_to(out, two), std::logic_error);
}

}  // namespace
}  // namespace relais::pages::detail
