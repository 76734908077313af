// The orientation path's state in the URL, availability by half-days, the
// needs in families, and what the sheet and its e-mail say.
#include "pages/orientation.h"

#include <gtest/gtest.h>

#include <set>

#include "pages/orientation_sample_data.h"

namespace relais::pages {
namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

TEST(OrientationState, RoundTripsThroughTheUrl) {
  auto sheet = samples::longest_sheet();
  auto query = orientation_query(sheet.state);
  // Decode the query string the simple way (the server uses api::parse_query_string).
  Items items;
  std::size_t pos = 0;
  auto decode = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') out += ' ';
      else if (s[i] == '%') { out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)); i += 2; }
      else out += s[i];
    }
    return out;
  };
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    auto piece = std::string_view(query).substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    auto eq = piece.find('=');
    items.emplace_back(decode(piece.substr(0, eq)), decode(piece.substr(eq + 1)));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  auto read = read_orientation_state(items);
  ASSERT_TRUE(std::holds_alternative<OrientationState>(read)) << std::get<std::string>(read);
  const auto& s = std::get<OrientationState>(read);
  EXPECT_EQ(s.services, sheet.state.services);
  EXPECT_EQ(s.half_days, sheet.state.half_days);
  EXPECT_EQ(s.prises_en_charge, sheet.state.prises_en_charge);
  EXPECT_EQ(s.first_name, sheet.state.first_name);
  EXPECT_EQ(s.worker, sheet.state.worker);
  EXPECT_EQ(s.where, sheet.state.where);
  EXPECT_TRUE(s.open_now);
}

TEST(OrientationState, RefusesWhatItDoesNotKnow) {
  for (const auto& items : std::vector<Items>{{{"services", "Cuisine"}},
                                              {{"dispo", "lundi-soir"}},
                                              {{"radius", "7km"}},
                                              {{"open_now", "yes"}},
                                              {{"prenom", std::string(41, 'a')}},
                                              {{"prenom", "a\r\nb"}},
                                              {{"lieu", "a"}, {"lieu", "b"}},
                                              {{"prise_en_charge", "Tout"}},
                                              {{"destinataire", "a@b.fr"}}}) {
    EXPECT_TRUE(std::holds_alternative<std::string>(read_orientation_state(items))) << items.front().first;
  }
  std::string_view ignored[] = {"destinataire"};
  EXPECT_TRUE(std::holds_alternative<OrientationState>(read_orientation_state({{"destinataire", "a@b.fr"}}, ignored)));
  // 40 characters with accents are 40, not 80 bytes.
  auto accents = read_orientation_state({{"prenom", "Éléonore-Hélène-Ève-Bérénice-Zoé-Célestè"}});
  EXPECT_TRUE(std::holds_alternative<OrientationState>(accents));
}

TEST(OrientationHalfDays, OpenDuringAChosenHalfDayThisWeek) {
  // Tuesday 24 November 2026, 10:00. Tu,Th 14:00-19:00; We,Sa 10:00-18:00.
  auto hours = *compile_hours(std::string("Tu,Th 14:00-19:00; We,Sa 10:00-18:00"));
  auto now = samples::now();
  std::vector<HalfDay> monday_morning{{0, false}};
  EXPECT_TRUE(available_half_days(hours, monday_morning, now).empty());
  std::vector<HalfDay> wanted{{0, false}, {1, true}, {2, false}, {4, true}};
  auto got = available_half_days(hours, wanted, now);
  EXPECT_EQ(got, (std::vector<HalfDay>{{1, true}, {2, false}}));
  // Today's morning is already over at 13:00 for a place open 9-12.
  auto morning = *compile_hours(std::string("Tu 09:00-12:00"));
  std::vector<HalfDay> tuesday_morning{{1, false}};
  EXPECT_EQ(available_half_days(morning, tuesday_morning, now).size(), 1u);
  EXPECT_TRUE(available_half_days(morning, tuesday_morning, now + std::chrono::hours(3)).empty());
}

TEST(OrientationNeeds, EveryServiceInExactlyOneFamily) {
  std::multiset<Service> seen;
  for (const auto& family : need_families()) {
    EXPECT_FALSE(family.title.empty());
    EXPECT_FALSE(family.explanation.empty());
    for (auto s : family.services) seen.insert(s);
  }
  EXPECT_EQ(seen.size(), enum_count<Service>());
  for (std::size_t i = 0; i < enum_count<Service>(); ++i) EXPECT_EQ(seen.count(static_cast<Service>(i)), 1u);
  auto html = render_orientation_need({{}, {}, ""});
  for (const auto& family : need_families()) EXPECT_NE(html.find(std::string(family.title)), std::string::npos);
  EXPECT_NE(html.find("Étape 1 sur 4"), std::string::npos);
  EXPECT_NE(html.find("action=\"/orientation/disponibilite\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(OrientationSheet, SaysWhatTheWorkerNeedsAndHidesTheRestInPrint) {
  auto sheet = samples::longest_sheet();
  sheet.state.first_name = "Élodie <b>";
  auto html = render_orientation_sheet(sheet);
  for (std::string want : {"Fiche d’orientation pour Élodie &lt;b&gt;", "Faire une démarche administrative",
                           "Lundi", "04\u00a078\u00a003\u00a067\u00a067", "openstreetmap.org/?mlat=", "Orientation réalisée par",
                           "Centre communal d’action sociale", "à vol d’oiseau du centre de",
                           "n’est pas enregistré", "action=\"/orientation/envoyer\"",
                           "name=\"destinataire\"", "href=\"/orientation/fiche.css\"", "Ce lieu se déplace"}) {
    EXPECT_NE(html.find(want), std::string::npos) << want;
  }
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  sheet.mail_enabled = false;
  EXPECT_EQ(render_orientation_sheet(sheet).find("/orientation/envoyer"), std::string::npos);
  auto css = orientation_css();
  EXPECT_NE(css.find("@page{size:A4 portrait"), std::string_view::npos);
  EXPECT_NE(css.find(".fr-header,.fr-skiplinks,.fr-footer,.fr-no-print"), std::string_view::npos);
}

TEST(OrientationSheet, MailHasTheSameContentInBothParts) {
  auto sheet = samples::longest_sheet();
  auto mail = orientation_mail(sheet);
  EXPECT_EQ(mail.subject, "Fiche d’orientation : " + sheet.place.nom);
  for (const auto* body : {&mail.html, &mail.text}) {
    for (std::string want : {"Marie-Bernadette", "Faire une démarche administrative", "04\u00a078\u00a003\u00a067\u00a067",
                             "openstreetmap.org", "Centre communal d’action sociale"}) {
      EXPECT_NE(body->find(want), std::string::npos) << want;
    }
  }
  EXPECT_NE(mail.html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_EQ(mail.html.find("<link"), std::string::npos);  // self-contained
  EXPECT_EQ(mail.text.find('<'), std::string::npos);
}

}  // namespace
}  // namespace relais::pages
