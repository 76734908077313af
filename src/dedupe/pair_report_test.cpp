#include "dedupe/pair_report.h"

#include <sstream>

#include <gtest/gtest.h>

namespace relais::dedupe {
namespace {

TEST(DedupePairReport, HeaderAndOneLinePerPair) {
  std::vector<Place> places(2);
  places[0].nom = "Esp@ce; info";
  places[0].adresse = "5 rue \"Croix\"";
  places[0].source = "cr93";
  places[0].typologie = {Typologie::MUNI, Typologie::EPN};
  places[0].coordinates = Coordinates{43.5, 5.25};
  places[1].nom = "Espace Informatique";
  places[1].adresse = "5 rue Croix";
  places[1].source = "dora";
  ScoredPair pair;
  pair.a = 0;
  pair.b = 1;
  pair.score = 96;
  pair.nom_score = 95;
  pair.adresse_score = 94;
  pair.distance_score = 100;
  std::ostringstream out;
  write_pair_report(out, places, std::vector<ScoredPair>{pair});
  EXPECT_EQ(out.str(),
            "Score;Typologie 1;Typologie 2;Score Nom;Nom 1;Nom 2;Score Adresse;Adresse 1;Adresse 2;"
            "Score Distance;Localisation 1;Localisation 2;Source 1;Source 2\n"
            "96;MUNI|EPN;;95;\"Esp@ce; info\";Espace Informatique;94;\"5 rue \"\"Croix\"\"\";5 rue Croix;"
            "100;43.5,5.25;;cr93;dora\n");
}

}  // namespace
}  // namespace relais::dedupe
