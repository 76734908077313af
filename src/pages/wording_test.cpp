#include "pages/wording.h"

#include <gtest/gtest.h>

#include "hours/paris_time.h"

namespace relais::pages {
namespace {

using namespace std::chrono;

TEST(PagesWording, EveryServiceHasPlainWords) {
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) {
    auto w = service_wording(static_cast<Service>(i));
    EXPECT_FALSE(w.title.empty()) << i;
    EXPECT_FALSE(w.examples.empty()) << i;
    EXPECT_NE(w.title, label(static_cast<Service>(i))) << "plain title should differ from the standard label";
  }
  EXPECT_EQ(service_wording(Service::AideDemarchesAdministratives).title, "Faire une démarche administrative");
  EXPECT_NE(service_wording(Service::AideDemarchesAdministratives).examples.find("CAF"), std::string_view::npos);
}

TEST(PagesWording, EveryEnumerationValueHasALabel) {
  for (std::size_t i = 0; i < enum_count<Public>(); ++i) EXPECT_FALSE(plain_label(static_cast<Public>(i)).empty());
  for (std::size_t i = 0; i < enum_count<PriseEnCharge>(); ++i)
    EXPECT_FALSE(plain_label(static_cast<PriseEnCharge>(i)).empty());
  for (std::size_t i = 0; i < enum_count<ModaliteAcces>(); ++i)
    EXPECT_FALSE(plain_label(static_cast<ModaliteAcces>(i)).empty());
  for (std::size_t i = 0; i < enum_count<ModaliteAccompagnement>(); ++i)
    EXPECT_FALSE(plain_label(static_cast<ModaliteAccompagnement>(i)).empty());
  for (std::size_t i = 0; i < enum_count<Itinerance>(); ++i)
    EXPECT_FALSE(plain_label(static_cast<Itinerance>(i)).empty());
  EXPECT_EQ(plain_label(Frais::GratuitSousCondition), "Gratuit sous condition");
  EXPECT_EQ(plain_label(Dispositif::FranceServices), "France Services");
}

TEST(PagesWording, FrenchDates) {
  EXPECT_EQ(day_and_month(year{2026} / November / 24), "mardi 24 novembre");
  EXPECT_EQ(day_and_month(year{2027} / January / 1), "vendredi 1er janvier");
  EXPECT_EQ(full_date(year{2024} / March / 12), "12 mars 2024");
  EXPECT_EQ(full_date(year{2024} / August / 1), "1er août 2024");
  EXPECT_EQ(weekday_name(Sunday), "dimanche");
  EXPECT_EQ(month_name(December), "décembre");
}

TEST(PagesWording, FrenchTimes) {
  EXPECT_EQ(clock_time(9 * 60), "9 h");
  EXPECT_EQ(clock_time(9 * 60 + 30), "9 h 30");
  EXPECT_EQ(clock_time(14 * 60 + 5), "14 h 05");
  EXPECT_EQ(clock_time(0), "0 h");
  EXPECT_EQ(clock_time(1440), "minuit");
}

TEST(PagesWording, Distances) {
  EXPECT_EQ(distance(0), "0 m");
  EXPECT_EQ(distance(347), "350 m");
  EXPECT_EQ(distance(994), "990 m");
  EXPECT_EQ(distance(1000), "1,0 km");
  EXPECT_EQ(distance(1250), "1,3 km");
  EXPECT_EQ(distance(9940), "9,9 km");
  EXPECT_EQ(distance(12400), "12 km");
  EXPECT_EQ(distance(-5), "0 m");
}

TEST(PagesWording, Counts) {
  EXPECT_EQ(count(7), "7");
  EXPECT_EQ(count(999), "999");
  EXPECT_EQ(count(1000), "1\u00a0000");
  EXPECT_EQ(decimal(6, 0), "6");
  EXPECT_EQ(decimal(6.25, 1), "6,3");
  EXPECT_EQ(decimal(1.05, 2), "1,05");
  EXPECT_EQ(decimal(1234.56, 1), "1\u00a0234,6");
  EXPECT_EQ(decimal(-0.04, 1), "0,0");
  EXPECT_EQ(decimal(-2.5, 1), "-2,5");
  EXPECT_EQ(count(1234567), "1\u00a0234\u00a0567");
}

TEST(PagesWording, ParisLocalTime) {
  // 09:00 UTC in November is 10:00 in Paris; 23:30 UTC in July is 01:30 the next day.
  auto winter = paris_local(sys_days{year{2026} / November / 24} + std::chrono::hours{9});
  EXPECT_EQ(winter.day, year{2026} / November / 24);
  EXPECT_EQ(winter.minute, 600);
  auto summer = paris_local(sys_days{year{2026} / July / 14} + std::chrono::hours{23} + minutes{30});
  EXPECT_EQ(summer.day, year{2026} / July / 15);
  EXPECT_EQ(summer.minute, 90);
}

TEST(PagesWording, PhoneNumbersAsPeopleReadThem) {
  const std::string nbsp = "\u00a0";
  EXPECT_EQ(phone_for_reading("+33953226107"), "09" + nbsp + "53" + nbsp + "22" + nbsp + "61" + nbsp + "07");
  EXPECT_EQ(phone_for_reading("04 78 00 00 00"), "04" + nbsp + "78" + nbsp + "00" + nbsp + "00" + nbsp + "00");
  EXPECT_EQ(phone_for_reading("04.78.00.00.00"), phone_for_reading("+33478000000"));
  EXPECT_EQ(phone_for_reading("+262262123456"), "02" + nbsp + "62" + nbsp + "12" + nbsp + "34" + nbsp + "56");
  EXPECT_EQ(phone_for_reading("+4420794600"), "+4420794600") << "not French: as written";
  EXPECT_EQ(phone_for_reading("3939"), "3939") << "short numbers as written";
  EXPECT_EQ(phone_for_reading("appeler la mairie"), "appeler la mairie");
}

}  // namespace
}  // namespace relais::pages
