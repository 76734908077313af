#include "indicators/classes.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace relais::indicators {

std::vector<std::optional<double>> fractional_ranks(const std::vector<std::optional<double>>& values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *values[a] < *values[b]; });
  std::vector<std::optional<double>> ranks(values.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end < order.size() && *values[order[end]] == *values[order[start]]) ++end;
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;  // mean of start+1..end
    for (std::size_t k = start; k < end; ++k) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

std::vector<std::optional<double>> rank_classes(const std::vector<std::optional<double>>& values, int classes,
                                                bool higher_is_more_fragile) {
  if (classes < 1) throw std::invalid_argument("rank_classes: classes must be 1 or more");
  std::vector<std::optional<double>> oriented = values;
  if (!higher_is_more_fragile) {
    for (auto& v : oriented) {
      if (v) *v = -*v;
    }
  }
  auto ranks = fractional_ranks(oriented);
  const auto n = static_cast<double>(std::count_if(values.begin(), values.end(), [](const auto& v) { return v.has_value(); }));
  std::vector<std::optional<double>> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!ranks[i]) continue;
    const double c = std::ceil(static_cast<double>(classes) * *ranks[i] / n);
    out[i] = std::clamp(c, 1.0, static_cast<double>(classes));
  }
  return out;
}

std::optional<double> mean_of_present(const std::vector<std::optional<double>>& scores, std::size_t minimum_present) {
  double sum = 0;
  std::size_t present = 0;
  for (const auto& s : scores) {
    if (s) {
      sum += *s;
      ++present;
    }
  }
  if (present == 0 || present < minimum_present) return std::nullopt;
  return sum / static_cast<double>(present);
}

std::optional<double> spearman(const std::vector<std::optional<double>>& x, const std::vector<std::optional<double>>& y,
                               std::size_t* pairs) {
  if (x.size() != y.size()) throw std::invalid_argument("spearman: x and y differ in length");
  std::vector<std::optional<double>> xs, ys;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] && y[i]) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
    }
  }
  if (pairs) *pairs = xs.size();
  if (xs.size() < 3) return std::nullopt;
  auto rx = fractional_ranks(xs), ry = fractional_ranks(ys);
  const double n = static_cast<double>(xs.size());
  const double mean = (n + 1) / 2;  // of ranks 1..n, ties included
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double dx = *rx[i] - mean, dy = *ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx == 0 || syy == 0) return std::nullopt;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace relais::indicators
