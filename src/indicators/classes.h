// The arithmetic of the IFN v3 methodology (../shared/reference/ifn.md §5):
// each indicator's values over a population of territories become classes
// 1..10 by rank (10 = most fragile), and a territory's total is the mean of
// its classes. Also the rank correlation used to compare an index computed
// here with the published one. Pure functions; missing values stay missing.
#pragma once

#include <optional>
#include <vector>

namespace relais::indicators {

// Fractional ranks 1..n of the present values (ties get the mean of the
// ranks they span); nullopt where the value is missing.
std::vector<std::optional<double>> fractional_ranks(const std::vector<std::optional<double>>& values);

// Classes 1..`classes` by rank: class = ceil(classes × rank / n) with the
// fractional rank (so a tie group gets the class of its middle), n the
// number of present values. `higher_is_more_fragile` false reverses the
// order (a coverage rate: more coverage, less fragile). Missing stays missing.
std::vector<std::optional<double>> rank_classes(const std::vector<std::optional<double>>& values, int classes = 10,
                                                bool higher_is_more_fragile = true);

// Mean of the present values of one territory's scores; nullopt when fewer
// than `minimum_present` are present (the published IFN gives no total
// without its five scores).
std::optional<double> mean_of_present(const std::vector<std::optional<double>>& scores,
                                      std::size_t minimum_present);

// Spearman's rank correlation over the pairs where both are present (ties
// with fractional ranks, then Pearson on the ranks); nullopt below 3 pairs or
// when one side is constant. `pairs` receives the number of pairs used.
std::optional<double> spearman(const std::vector<std::optional<double>>& x,
                               const std::vector<std::optional<double>>& y, std::size_t* pairs = nullptr);

}  // namespace relais::indicators
