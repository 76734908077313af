// relais_validation_agree: the C++ half of the agreement test with the
// reference JS library (see run.sh and docs/validation.md).
//
//   relais_validation_agree OUT_DIR FILE...
//
// For every record of every FILE (v0.1 records are mapped to v1 first, with
// the same code as the import pipeline), plus a set of edge-case records made
// by replacing one field of the official example row, writes
//   OUT_DIR/records.json  [{"set","index","record":{field: text}}]  (what the JS side validates)
//   OUT_DIR/cpp.json      [{"set","index","rejected":[field...]}]   (fields with an Error)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "standard/reader.h"
#include "standard/v01.h"
#include "validation/validate.h"

using namespace relais;
using nlohmann::json;

namespace {

// Edge cases per field, applied one at a time to the official example row.
const std::vector<std::pair<std::string, std::vector<std::string>>> kEdgeCases{
    {"id", {"", "x"}},
    {"nom", {"", " "}},
    {"pivot", {"43493312300029", "00000000000000", "W123456789", "w123456789", "434 933 123 00", "4349331230002",
               "RIDET12", "123456789012\xF0\x9F\x98\x80", "1234567890123\xF0\x9F\x98\x80", "12345678901234 "}},
    {"commune", {"Saint-Étienne", "L'Haÿ-les-Roses", "L\u2019Haÿ", "Bœurs-en-Othe", "Reims (51)", "×", "Aix\u00A0en Provence",
                 "Reims\n", "Nouméa", "CAYENNE", "St-Denis 1er", "Ŕeims"}},
    {"code_postal", {"51100", "5110", "51100 ", "2A004", "97400"}},
    {"code_insee", {"51454", "2A004", "2B033", "20004", "980123", "988001", "98-8-01-001", "97411", "7505"}},
    {"adresse", {"12 BIS RUE DE LECLERCQ", "Place du 8 mai 1945 – Bât. A, n°3", "1 rue #2", "12 rue \"du\" port",
                 "BP 12 ; 3 rue: x & y + z / w", "Rue d\u2019Alsace", "\t", "12 rue _x_", "Lieu-dit « Le Bourg »"}},
    {"latitude", {"43.5", "-90", "90.0001", "43,5", "abc", " 43.5 ", "1e1", "0"}},
    {"longitude", {"5.4", "180", "-180.5", "0", "5,4"}},
    {"telephone", {"+33180059880", "0180059880", "01 80 05 98 80", "01.80.05.98.80", "01-80-05-98-80",
                   "+33 (0)1 80 05 98 80", "0033180059880", "+687 123456", "+687 12 34 56", "+44 20 7946 0958",
                   "3949", "01 80 05 98", "tel: 0180059880", "+262262123456", "0 800 123 456", "01\u00A080 05 98 80",
                   "+33180059880\n"}},
    {"courriels", {"contact@laquincaillerie.tl", "ab@example.fr;cd@example.fr", "a@example.fr", "chambéry@accorderie.fr",
                   "contact@localhost", "contact@example.fr ", "x_y@mairie-reims.fr|contact@example.fr",
                   "contact@example.fr|bad", "prenom.nom@sub.domaine.gouv.fr", "Contact@Example.FR"}},
    {"site_web", {"https://www.laquincaillerie.tl/", "www.example.fr", "http://example.fr/a/b?x=1&y=2#top",
                  "https://example.fr/é", "https://www.example.fr/@user", "https://exa mple.fr",
                  "https://a.fr|www.b.fr", "ftp://files.example.fr/x", "https://example.fr/page.html?id=3&t=a%20b",
                  "https://www.facebook.com/groups/123/?ref=share"}},
    {"fiche_acces_libre", {"https://acceslibre.beta.gouv.fr/app/1/", "acceslibre.beta.gouv.fr/app/1"}},
    {"prise_rdv", {"https://www.rdv-solidarites.fr/", "rdv", "https://rdv.fr/a b"}},
    {"presentation_resume", {std::string(280, 'a'), std::string(281, 'a')}},
    {"date_maj", {"2024-04-02", "2024-04-02T10:00:00Z", "2024-04-02T23:30:00-02:00", "02/04/2024", "2024-02-30",
                  "2024-13-01", "1970-01-01", "20240402", "2024-4-2", "hier"}},
    {"services", {"Aide aux démarches administratives", "Aide aux démarches administratives|Numérique", "",
                  "Loisirs et créations numériques|Loisirs et créations numériques", "aide aux démarches administratives"}},
    {"typologie", {"TIERS_LIEUX|ASSO", "Autre", "AUTRE", "Mairie"}},
    {"publics_specifiquement_adresses", {"Jeunes|Femmes", "Jeunes |Femmes", "Étudiants"}},
    {"prise_en_charge_specifique", {"Surdité", "surdité", "Déficience visuelle"}},
    {"frais_a_charge", {"Gratuit", "Gratuit;Payant", "Gratuit sous condition"}},
    {"itinerance", {"Fixe", "Mobile", "Itinérant|Fixe"}},
    {"dispositif_programmes_nationaux", {"France Services", "CNFS", "Point d'accès numérique CAF"}},
    {"formations_labels", {"Étapes numériques (La Poste)", "Étapes numériques(La Poste)", "ORDI 3.0", "ORDI 3x0"}},
    {"modalites_acces", {"Se présenter", "Se présenter||Téléphoner", "Ce lieu n'accueille pas de public", "Sur RDV"}},
    {"modalites_accompagnement", {"À distance", "Seul", "En autonomie|En autonomie"}},
};

std::vector<std::string> rejected_fields(const RawRecord& record) {
  Problems problems;
  (void)validation::to_place(record, "agree", problems, {});
  std::vector<std::string> fields;
  for (const auto& p : problems)
    if (p.severity == Severity::Error && !p.field.empty() &&
        std::find(fields.begin(), fields.end(), p.field) == fields.end())
      fields.push_back(p.field);
  return fields;
}

void add(json& records, json& cpp, const std::string& set, std::size_t index, const RawRecord& record) {
  json fields = json::object();
  for (const auto& [k, v] : record.fields) fields[k] = v;
  records.push_back({{"set", set}, {"index", index}, {"record", std::move(fields)}});
  cpp.push_back({{"set", set}, {"index", index}, {"rejected", rejected_fields(record)}});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: relais_validation_agree OUT_DIR OFFICIAL_V1_CSV [FILE...]\n";
    return 2;
  }
  std::filesystem::path out_dir = argv[1];
  std::filesystem::create_directories(out_dir);
  json records = json::array(), cpp = json::array();

  // The official example row, and the edge cases made from it.
  auto official = standard::read_file(argv[2]);
  if (official.fatal || official.records.empty()) {
    std::cerr << "cannot read " << argv[2] << '\n';
    return 2;
  }
  const RawRecord base = official.records.front();
  add(records, cpp, "official", 0, base);
  std::size_t index = 0;
  for (const auto& [field, values] : kEdgeCases)
    for (const auto& value : values) {
      RawRecord r = base;
      r.set(field, value);
      add(records, cpp, "edge", index++, r);
    }

  for (int i = 3; i < argc; ++i) {
    auto read = standard::read_file(argv[i]);
    std::string set = std::filesystem::path(argv[i]).filename().string();
    Problems mapping;
    for (const auto& record : read.records) {
      RawRecord v1 = read.layout == standard::Layout::V0_1 ? standard::map_v01_to_v1(record, set, mapping) : record;
      add(records, cpp, set, record.index, v1);
    }
  }
  std::ofstream(out_dir / "records.json") << records.dump(-1, ' ', false, json::error_handler_t::replace);
  std::ofstream(out_dir / "cpp.json") << cpp.dump(-1, ' ', false, json::error_handler_t::replace);
  std::cout << "relais_validation_agree: " << records.size() << " records written to " << out_dir << '\n';
  return 0;
}
