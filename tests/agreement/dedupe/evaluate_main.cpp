// Prints precision / recall / F1 of both rule sets on the labelled PACA pairs.
// Usage: relais_dedupe_evaluate [SHARED_DATA_DIR [LABELS_CSV]]
#include <cstdio>
#include <filesystem>

#include "paca_loader.h"

using namespace relais::dedupe;

int main(int argc, char** argv) {
  std::filesystem::path shared = argc > 1 ? argv[1] : RELAIS_SHARED_DATA_DIR;
  std::filesystem::path labels_csv =
      argc > 2 ? argv[2] : std::filesystem::path(RELAIS_SOURCE_DIR) / "data/dedupe-labels/paca_pairs.csv";
  auto places = eval::load_v01_json(shared / "lieux/cartonat_v0.1_20230516_hub-du-sud_paca.json");
  std::size_t filled = eval::derive_code_insee(places, shared / "territoires/laposte_hexasmal_d4g_2020.csv");
  auto labels = eval::read_labels(labels_csv);
  std::printf("places %zu, code_insee derived for %zu, labelled pairs %zu\n", places.size(), filled,
              labels.size());
  const auto today = std::chrono::year_month_day{std::chrono::year{2023}, std::chrono::month{5}, std::chrono::day{16}};
  std::printf("| rules | by | flagged pairs (cross-source) | groups (cross-source) | TP | FP | FN | TN | precision | recall | F1 |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (Rules rules : {Rules::Pipeline, Rules::Relais}) {
    DedupeResult result = deduplicate(places, Options{rules, today, false});
    DedupeResult internal = deduplicate(places, Options{rules, today, true});
    for (bool by_group : {true, false}) {
      int skipped = 0;
      auto m = eval::evaluate(places, labels, result, internal, by_group, &skipped);
      std::printf("| %s | %s | %zu | %zu | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n",
                  rules == Rules::Pipeline ? "pipeline" : "relais", by_group ? "group" : "pair",
                  result.pairs.size(), result.groups.size(), m.true_positives, m.false_positives,
                  m.false_negatives, m.true_negatives, m.precision(), m.recall(), m.f1());
      if (skipped) std::printf("(%d labelled pairs skipped: ids not found)\n", skipped);
    }
  }
  return 0;
}
