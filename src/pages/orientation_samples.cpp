// Writes one rendered sample of every orientation page into a directory, for
// the HTML validity check (check_html.sh) and the one-page print check
// (orientation_pdf_test.sh), plus the stylesheet as fiche.css.
// Usage: relais_orientation_samples DIR [DSFR_PREFIX]
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pages/orientation.h"
#include "pages/orientation_sample_data.h"
#include "pages/sample_data.h"

using namespace relais;
using namespace relais::pages;

namespace {

void write(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
  std::ofstream out(dir / name, std::ios::binary);
  out << text;
}

OrientationState full_state() {
  OrientationState s;
  s.services = {Service::AideDemarchesAdministratives, Service::MaitriseOutilsNumeriques};
  s.half_days = {{0, false}, {1, true}, {3, true}};
  s.where = "Villeurbanne";
  s.radius_km = 5;
  s.place = "Hinaura:155";
  s.prises_en_charge = {PriseEnCharge::Surdite, PriseEnCharge::LanguesEtrangeresAutres};
  s.first_name = "Élodie";
  s.worker = "Camille Martin";
  s.structure = "CCAS de Villeurbanne";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: relais_orientation_samples DIR [DSFR_PREFIX]\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  Site site;
  if (argc == 3) site.dsfr_prefix = argv[2];
  auto state = full_state();

  write(dir, "need.html", render_orientation_need({site, {}, ""}));
  write(dir, "need-filled.html", render_orientation_need({site, state, ""}));
  write(dir, "availability.html", render_orientation_availability({site, state, ""}));
  OrientationPlacesPage places{{site, state, ""}, "Villeurbanne (69100)", "", {}, 2, 1};
  for (auto place : {samples::france_services(), samples::mediatheque()}) {
    places.places.push_back({summarize(place, 850.0, samples::now()), {{1, true}}});
  }
  write(dir, "places.html", render_orientation_places(places));
  write(dir, "places-unknown.html",
        render_orientation_places({{site, state, ""}, "", "Nous n’avons pas trouvé « Xyz ».", {}, 0, 0}));
  write(dir, "access.html", render_orientation_access({{site, state, ""}, samples::france_services()}));

  OrientationSheet sheet{site, state, samples::france_services(), samples::now(), "Villeurbanne (69100)", 850.0,
                         true, "", ""};
  write(dir, "sheet.html", render_orientation_sheet(sheet));
  sheet.recipient = "pas-une-adresse";
  sheet.recipient_error = "L’adresse e-mail n’est pas valide. Exemple : prenom.nom@exemple.fr";
  write(dir, "sheet-error.html", render_orientation_sheet(sheet));
  // The heaviest sheet Relais can print: every field at its longest.
  write(dir, "sheet-longest.html", render_orientation_sheet(samples::longest_sheet(site)));
  write(dir, "sent.html", render_orientation_sent({site, "camille@example.org", "/orientation/fiche?lieu=x"}));
  write(dir, "fiche.css", std::string(orientation_css()));
  return 0;
}
