#include "pages/wording.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "hours/paris_time.h"

namespace relais::pages {
namespace {

template <typename E, std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& table, E value) {
  static_assert(N > 0);
  auto i = static_cast<std::size_t>(value);
  return i < N ? table[i] : std::string_view{};
}

}  // namespace

ServiceWording service_wording(Service service) {
  // In enumerator order (core/enums.h). Examples in everyday words; the
  // national map's orientation wizard (standard-lieux §13.1) groups the same
  // nine services.
  static constexpr std::array<ServiceWording, 9> kWordings{{
      {"Faire une démarche administrative",
       "Faire une démarche en ligne : CAF, impôts, retraite, France Travail (ex-Pôle emploi), Ameli, carte grise…"},
      {"Apprendre à utiliser un ordinateur ou un téléphone",
       "Envoyer un e-mail, prendre un rendez-vous en ligne, utiliser une tablette ou un smartphone…"},
      {"Chercher un emploi ou une formation",
       "Faire son CV, répondre à une offre d’emploi, trouver une formation…"},
      {"Se protéger sur internet",
       "Choisir ses mots de passe, éviter les arnaques, protéger ses données…"},
      {"Accompagner ses enfants avec le numérique",
       "Suivre la scolarité en ligne, gérer les écrans à la maison, découvrir des applications éducatives…"},
      {"Créer et se divertir avec le numérique",
       "Retoucher des photos, monter une vidéo, découvrir un fablab…"},
      {"Mieux comprendre le numérique",
       "Repérer les fausses informations, comprendre l’usage de ses données, l’intelligence artificielle…"},
      {"Utiliser un ordinateur ou internet sur place",
       "Ordinateur, imprimante, scanner, wifi mis à disposition…"},
      {"S’équiper à petit prix",
       "Acheter un ordinateur, un téléphone ou un forfait internet à prix solidaire…"},
  }};
  auto i = static_cast<std::size_t>(service);
  return i < kWordings.size() ? kWordings[i] : ServiceWording{};
}

std::string_view plain_label(Public value) {
  static constexpr std::array<std::string_view, 5> k{
      "Jeunes", "Étudiants", "Familles et enfants", "Seniors", "Femmes"};
  return pick(k, value);
}

std::string_view plain_label(PriseEnCharge value) {
  static constexpr std::array<std::string_view, 7> k{
      "Personnes sourdes ou malentendantes",
      "Personnes en situation de handicap moteur",
      "Personnes en situation de handicap mental",
      "Personnes qui ont du mal à lire ou à écrire",
      "Aide en anglais",
      "Aide dans d’autres langues étrangères",
      "Personnes aveugles ou malvoyantes"};
  return pick(k, value);
}

std::string_view plain_label(Frais value) { return label(value); }

std::string_view plain_label(ModaliteAcces value) {
  static constexpr std::array<std::string_view, 6> k{
      "Venir sur place",
      "Appeler par téléphone",
      "Écrire un e-mail",
      "Prendre rendez-vous en ligne",
      "Ce lieu n’accueille pas de public",
      "Être envoyé par un professionnel (fiche de prescription par e-mail)"};
  return pick(k, value);
}

std::string_view plain_label(ModaliteAccompagnement value) {
  static constexpr std::array<std::string_view, 4> k{
      "Seul, avec du matériel à disposition",
      "Avec une personne, en individuel",
      "En atelier de groupe",
      "À distance (téléphone, visio)"};
  return pick(k, value);
}

std::string_view plain_label(Dispositif value) { return label(value); }
std::string_view plain_label(FormationLabel value) { return label(value); }

std::string_view plain_label(Itinerance value) {
  static constexpr std::array<std::string_view, 2> k{"Se déplace (lieu itinérant)", "Lieu fixe"};
  return pick(k, value);
}

std::string_view weekday_name(std::chrono::weekday day) {
  static constexpr std::array<std::string_view, 7> k{
      "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
  return day.ok() ? k[day.c_encoding()] : std::string_view{};
}

std::string_view month_name(std::chrono::month month) {
  static constexpr std::array<std::string_view, 12> k{
      "janvier", "février", "mars", "avril", "mai", "juin",
      "juillet", "août", "septembre", "octobre", "novembre", "décembre"};
  return month.ok() ? k[static_cast<unsigned>(month) - 1] : std::string_view{};
}

namespace {
std::string day_number(std::chrono::day d) {
  unsigned n = static_cast<unsigned>(d);
  return n == 1 ? std::string("1er") : std::to_string(n);
}
}  // namespace

std::string day_and_month(std::chrono::year_month_day day) {
  std::string out(weekday_name(std::chrono::weekday{std::chrono::sys_days{day}}));
  out += ' ';
  out += day_number(day.day());
  out += ' ';
  out += month_name(day.month());
  return out;
}

std::string full_date(std::chrono::year_month_day day) {
  std::string out = day_number(day.day());
  out += ' ';
  out += month_name(day.month());
  out += ' ';
  out += std::to_string(static_cast<int>(day.year()));
  return out;
}

std::string clock_time(int minutes) {
  if (minutes >= 1440) return "minuit";
  if (minutes < 0) minutes = 0;
  std::string out = std::to_string(minutes / 60) + " h";
  if (int m = minutes % 60; m != 0) {
    out += ' ';
    if (m < 10) out += '0';
    out += std::to_string(m);
  }
  return out;
}

std::string distance(double metres) {
  if (!std::isfinite(metres) || metres < 0) metres = 0;
  char buffer[32];
  if (metres < 995) {
    long rounded = std::lround(metres / 10.0) * 10;
    std::snprintf(buffer, sizeof buffer, "%ld m", rounded);
    return buffer;
  }
  double km = metres / 1000.0;
  if (km < 9.95) {
    long tenths = std::lround(km * 10.0);
    std::snprintf(buffer, sizeof buffer, "%ld,%ld km", tenths / 10, tenths % 10);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%ld km", std::lround(km));
  return buffer;
}

std::string count(std::size_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u00a0";
    out += digits[i];
  }
  return out;
}

// By hand rather than with libphonenumber (Debian libphonenumber-dev): the
// standard already validates numbers as E.164, only French ones need this
// display rule, and the library would bring protobuf and abseil for it.
std::string phone_for_reading(std::string_view phone) {
  std::string digits;
  bool plus = false;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '+' && digits.empty()) plus = true;
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '\xc2' && c != '\xa0') return std::string(phone);
  }
  std::string national;
  if (plus) {
    for (std::string_view code : {"33", "262", "590", "594", "596"}) {
      if (digits.size() == code.size() + 9 && digits.starts_with(code)) {
        // The 9 digits after the country code, behind a 0: +33 9… -> 09…, +262 262… -> 0262….
        national = "0" + digits.substr(code.size());
        break;
      }
    }
  } else if (digits.size() == 10 && digits[0] == '0') {
    national = digits;
  }
  if (national.size() != 10) return std::string(phone);
  std::string out;
  for (std::size_t i = 0; i < national.size(); i += 2) {
    if (i) out += "\u00a0";
    out += national.substr(i, 2);
  }
  return out;
}

LocalTime paris_local(std::chrono::sys_seconds t) {
  long long local = hours::paris_local_seconds(t);
  long long days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  long long seconds = local - days * 86400;
  std::chrono::sys_days day{std::chrono::days{days}};
  return {std::chrono::year_month_day{day}, static_cast<int>(seconds / 60)};
}

std::string decimal(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  const double rounded = std::round(std::abs(value) * scale);
  const auto whole = static_cast<std::size_t>(rounded / scale);
  std::string out = (value < 0 && rounded > 0 ? "-" : "") + count(whole);
  if (digits > 0) {
    auto fraction = static_cast<std::size_t>(rounded - static_cast<double>(whole) * scale);
    std::string tail = std::to_string(fraction);
    out += ',' + std::string(static_cast<std::size_t>(digits) - std::min<std::size_t>(tail.size(), digits), '0') + tail;
  }
  return out;
}

}  // namespace relais::pages
