// Runs the evaluation of both rule sets on the labelled PACA pairs
// (data/dedupe-labels/paca_pairs.csv); figures are recomputed on every run
// (docs/deduplication.md quotes them with the command that prints them).
#include <filesystem>

#include <gtest/gtest.h>

#include "paca_loader.h"

namespace relais::dedupe {
namespace {

const std::filesystem::path kShared = RELAIS_SHARED_DATA_DIR;
const std::filesystem::path kLabels = std::filesystem::path(RELAIS_SOURCE_DIR) / "data/dedupe-labels/paca_pairs.csv";

TEST(DedupeEvaluation, RelaisRulesAtLeastAsGoodAsPipelineOnLabelledPairs) {
  auto paca = kShared / "lieux/cartonat_v0.1_20230516_hub-du-sud_paca.json";
  auto laposte = kShared / "territoires/laposte_hexasmal_d4g_2020.csv";
  if (!std::filesystem::exists(paca) || !std::filesystem::exists(laposte)) GTEST_SKIP() << "no shared data";
  auto places = eval::load_v01_json(paca);
  ASSERT_EQ(places.size(), 792u);
  EXPECT_GT(eval::derive_code_insee(places, laposte), 700u);
  auto labels = eval::read_labels(kLabels);
  ASSERT_GE(labels.size(), 150u);
  const std::chrono::year_month_day today{std::chrono::year{2023}, std::chrono::month{5}, std::chrono::day{16}};
  eval::Metrics metrics[2];
  for (int r = 0; r < 2; ++r) {
    Rules rules = r == 0 ? Rules::Pipeline : Rules::Relais;
    auto cross = deduplicate(places, Options{rules, today, false});
    auto internal = deduplicate(places, Options{rules, today, true});
    int skipped = -1;
    metrics[r] = eval::evaluate(places, labels, cross, internal, true, &skipped);
    EXPECT_EQ(skipped, 0);  // every labelled id is in the file
    const auto& m = metrics[r];
    EXPECT_EQ(m.true_positives + m.false_positives + m.false_negatives + m.true_negatives,
              static_cast<int>(labels.size()));
    std::printf("%s: precision %.3f recall %.3f F1 %.3f\n", r == 0 ? "pipeline" : "relais",
                m.precision(), m.recall(), m.f1());
  }
  EXPECT_GE(metrics[1].f1(), metrics[0].f1());
}

TEST(DedupeEvaluation, MetricsFormulas) {
  eval::Metrics m;
  m.true_positives = 3;
  m.false_positives = 1;
  m.false_negatives = 3;
  EXPECT_DOUBLE_EQ(m.precision(), 0.75);
  EXPECT_DOUBLE_EQ(m.recall(), 0.5);
  EXPECT_DOUBLE_EQ(m.f1(), 0.6);
}

}  // namespace
}  // namespace relais::dedupe
