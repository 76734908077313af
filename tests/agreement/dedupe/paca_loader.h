// Test/evaluation support (not product code): loads a v0.1 JSON file of the
// standard into Places with the fields deduplication uses, derives missing
// code_insee from the La Poste postcode file, reads labelled pairs and
// computes precision / recall of a rule set on them.
//
// A minimal loader on purpose: the evaluation must not depend on the
// validation policy of the import pipeline (a dropped record would silently
// remove labelled pairs).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe::eval {

// Reads id, pivot, nom, commune, code_postal, code_insee, adresse,
// latitude/longitude, telephone, courriel, source, date_maj, typologie
// (';'-separated codes) of every record. Throws std::runtime_error on
// unreadable JSON.
std::vector<Place> load_v01_json(const std::filesystem::path& path);

// Fills code_insee where absent: La Poste row with the same postcode and the
// same commune name (folded, "saint"->"st"), else the only commune of the
// postcode, else the postcode row nearest to the place's coordinates.
// Returns how many were filled.
std::size_t derive_code_insee(std::vector<Place>& places, const std::filesystem::path& laposte_csv);

struct LabelledPair {
  std::string id_a, id_b;
  bool duplicate = false;
};

// Reads data/dedupe-labels/paca_pairs.csv (RFC 4180, header line).
std::vector<LabelledPair> read_labels(const std::filesystem::path& csv_path);

struct Metrics {
  int true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// A labelled pair is predicted duplicate when deduplicate() puts both places
// in the same group (`by_group`), or, with by_group = false, when the pair
// itself is among the flagged pairs. As the pipeline deduplicates each source
// internally before comparing sources, pairs of one source are judged on
// `internal` (a run with allow_internal) and the others on `cross`. Pairs
// whose ids are missing from `places` are skipped (counted in `skipped`).
Metrics evaluate(const std::vector<Place>& places, const std::vector<LabelledPair>& labels,
                 const DedupeResult& cross, const DedupeResult& internal, bool by_group,
                 int* skipped = nullptr);

}  // namespace relais::dedupe::eval
