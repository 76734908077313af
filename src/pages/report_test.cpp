#include "pages/report.h"

#include <gtest/gtest.h>

namespace relais::pages {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

TEST(PagesReport, NationalCategories) {
  auto all = report_categories();
  ASSERT_EQ(all.size(), 8u);
  EXPECT_EQ(all[0].label, "Horaires");
  EXPECT_EQ(all[1].label, "Services proposés");
  EXPECT_EQ(all[7].label, "Le lieu n'existe plus");
  for (const auto& info : all) {
    EXPECT_EQ(report_category_from_value(info.value), info.category);
    EXPECT_EQ(&report_category_info(info.category), &info);
  }
  EXPECT_FALSE(report_category_from_value("Horaires").has_value());
}

TEST(PagesReport, ReadsAValidForm) {
  Fields fields{{"categories", "adresse"}, {"categories", "horaires"}, {"categories", "adresse"},
                {"precision", "  Le lieu a déménagé au 3 rue Colin.\n"}, {"courriel", " marie@exemple.fr "},
                {"autre", "ignoré"}};
  auto form = read_report_form("Hinaura:155", fields);
  EXPECT_EQ(form.report.place_id, "Hinaura:155");
  EXPECT_EQ(form.report.categories, (std::vector{ReportCategory::Horaires, ReportCategory::Adresse}));
  EXPECT_EQ(form.report.message, "Le lieu a déménagé au 3 rue Colin.");
  EXPECT_EQ(form.report.email, "marie@exemple.fr");
  EXPECT_TRUE(validate_report_form(form).empty());
}

TEST(PagesReport, EmptyFormHasTwoErrorsInFrench) {
  auto form = read_report_form("x", Fields{});
  auto errors = validate_report_form(form);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "categories");
  EXPECT_EQ(errors[0].message, "Cochez au moins une case : qu’est-ce qui est faux ?");
  EXPECT_EQ(errors[1].field, "precision");
  EXPECT_EQ(errors[1].message, "Expliquez l’erreur en quelques mots.");
}

TEST(PagesReport, UnknownCategoryIsReportedOnce) {
  auto form = read_report_form("x", Fields{{"categories", "<script>"}, {"precision", "ok"}});
  auto errors = validate_report_form(form);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "categories");
  EXPECT_NE(errors[0].message.find("n’existe pas"), std::string::npos);
}

TEST(PagesReport, MessageLengthIsCountedInCharacters) {
  ErrorReport report{"x", {ReportCategory::Contacts}, std::string(kReportMessageMax, 'a'), ""};
  EXPECT_TRUE(validate_report(report).empty());
  // 2000 "é" are 4000 bytes but 2000 characters: accepted.
  report.message.clear();
  for (std::size_t i = 0; i < kReportMessageMax; ++i) report.message += "é";
  EXPECT_TRUE(validate_report(report).empty());
  report.message += "é";
  auto errors = validate_report(report);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "precision");
  EXPECT_EQ(errors[0].message, "Le texte est trop long : 2000 caractères au plus.");
  report.message = "\xff\xfe";
  ASSERT_EQ(validate_report(report).size(), 1u);
}

TEST(PagesReport, EmailIsOptionalButChecked) {
  ErrorReport report{"x", {ReportCategory::LieuFerme}, "Fermé depuis juin.", ""};
  EXPECT_TRUE(validate_report(report).empty());
  for (const char* bad : {"marie", "marie@", "@exemple.fr", "marie@exemple", "ma rie@exemple.fr",
                          "a@b@exemple.fr", "marie@exemple.fr>", "marie@exemple."}) {
    report.email = bad;
    auto errors = validate_report(report);
    ASSERT_EQ(errors.size(), 1u) << bad;
    EXPECT_EQ(errors[0].field, "courriel") << bad;
  }
  report.email = "jean-pierre.durand+relais@mairie-villeurbanne.fr";
  EXPECT_TRUE(validate_report(report).empty());
  report.email = std::string(250, 'a') + "@exemple.fr";
  EXPECT_EQ(validate_report(report).size(), 1u);
}

}  // namespace
}  // namespace relais::pages
