// The per-commune table of the diagnosis as CSV (RFC 4180, UTF-8, `,`),
// for élus and agents to open in a spreadsheet. Columns, in French (the
// people who read it): code_insee, commune, population, indice, lieux,
// france_services, conseillers_numeriques, aidants_connect,
// distance_lieu_km, then for each service of the standard (its label):
// "<label> : lieux", "<label> : distance km", "<label> : demi-journées",
// "<label> : ouvert assez". Missing values are empty cells, never 0;
// distances in km with one decimal, index with two.
#pragma once

#include <ostream>

#include "diagnosis/offer.h"

namespace relais::diagnosis {

void write_offer_csv(std::ostream& out, const OfferReport& report);

}  // namespace relais::diagnosis
