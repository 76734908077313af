// Population-weighted aggregation of territory values (issue 4, "The
// index"): sub-communal units (IRIS) to communes, arrondissements municipaux
// to their whole commune, communes to EPCI, département and région.
//
// Rule everywhere: the value of a territory is sum(p_i × v_i) / sum(p_i)
// over its parts i that have a value and a population p_i > 0; parts with a
// missing value or no population are left out (a missing value is never read
// as 0), and a territory with no such part has no value.
//
// These code-keyed functions are the reference statement of the rules; the
// index engine (index_engine.h) applies the same rules to columns held by
// commune position, in one pass per column, and its tests check that both
// give the same tables.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "territory/commune.h"

namespace relais::indicators {

using CodeValues = std::map<std::string, double>;  // territory code -> value (missing: absent)

// True for an IRIS code: 9 characters, the commune's code then 4 digits
// ("751010101", "2A0040000"). An EPCI SIREN has 9 digits too: only ask it
// of codes of commune-level sets.
bool is_iris_code(const std::string& code);

// Puts a set's values on communes. Commune-level codes are kept as they are;
// IRIS codes are averaged into their commune (first 5 characters) weighted by
// `population` (same IRIS codes), unless the commune has its own value, which
// wins. IRIS without a population > 0 are left out. `iris_without_population`
// receives how many IRIS values were left out for that reason.
CodeValues iris_to_communes(const CodeValues& values, const CodeValues& population,
                            std::size_t* iris_without_population = nullptr);

// Population-weighted means of commune values over territories of `level`
// (Epci: by SIREN, Departement, Region), with the populations of the commune
// index. Values of arrondissements count for their commune's territory and
// the whole commune's own value is then not counted again (Paris, Lyon,
// Marseille are not counted twice). Communes outside any EPCI are left out
// of the EPCI level. Level Commune returns `commune_values` unchanged.
CodeValues aggregate_communes(const CodeValues& commune_values, const territory::CommuneIndex& communes,
                              territory::TerritoryLevel level);

// Gives each whole commune with arrondissements (75056, 69123, 13055) with
// no value of its own the population-weighted mean of its arrondissements'
// values; other codes unchanged.
CodeValues fill_whole_communes(const CodeValues& commune_values, const territory::CommuneIndex& communes);

// Weighted mean of the present values; nullopt when fewer than
// `minimum_present` are present (or none). Weights are parallel to values.
std::optional<double> weighted_mean_of_present(const std::vector<std::optional<double>>& values,
                                               const std::vector<double>& weights, std::size_t minimum_present);

}  // namespace relais::indicators
