#include "dedupe/pair_report.h"

#include <fmt/format.h>

namespace relais::dedupe {
namespace {

std::string field(std::string_view text) {
  if (text.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string typologies(const Place& p) {
  std::string out;
  for (Typologie t : p.typologie) {
    if (!out.empty()) out += '|';
    out += label(t);
  }
  return out;
}

std::string localisation(const Place& p) {
  if (!p.coordinates) return {};
  return fmt::format("{},{}", p.coordinates->latitude, p.coordinates->longitude);
}

}  // namespace

void write_pair_report(std::ostream& out, std::span<const Place> places,
                       std::span<const ScoredPair> pairs) {
  out << "Score;Typologie 1;Typologie 2;Score Nom;Nom 1;Nom 2;Score Adresse;Adresse 1;Adresse 2;"
         "Score Distance;Localisation 1;Localisation 2;Source 1;Source 2\n";
  for (const ScoredPair& pair : pairs) {
    const Place& a = places[pair.a];
    const Place& b = places[pair.b];
    out << pair.score << ';' << field(typologies(a)) << ';' << field(typologies(b)) << ';'
        << pair.nom_score << ';' << field(a.nom) << ';' << field(b.nom) << ';' << pair.adresse_score
        << ';' << field(a.adresse) << ';' << field(b.adresse) << ';' << pair.distance_score << ';'
        << field(localisation(a)) << ';' << field(localisation(b)) << ';'
        << field(a.source.value_or("")) << ';' << field(b.source.value_or("")) << '\n';
  }
}

}  // namespace relais::dedupe
