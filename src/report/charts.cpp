#include "report/charts.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "maps/palette.h"

namespace relais::report {

std::string index_histogram_svg(const TerritoryReport& report) {
  constexpr int kBands = 10;
  std::array<std::size_t, kBands + 1> counts{};  // the last: no index
  for (const auto& row : report.offer.communes) {
    if (!row.index) {
      ++counts[kBands];
      continue;
    }
    const int band = std::clamp(static_cast<int>(std::floor(*row.index)), 0, kBands - 1);
    ++counts[static_cast<std::size_t>(band)];
  }
  const std::size_t highest = std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));

  constexpr double kWidth = 640, kHeight = 220, kLeft = 10, kBottom = 40, kTop = 20;
  constexpr double kSlot = (kWidth - 2 * kLeft) / (kBands + 1);
  constexpr double kBar = kSlot * 0.7;
  std::string description = "Communes par tranche d’indice :";
  std::string bars;
  for (int i = 0; i <= kBands; ++i) {
    const auto n = counts[static_cast<std::size_t>(i)];
    const double height = (kHeight - kBottom - kTop) * static_cast<double>(n) / static_cast<double>(highest);
    const double x = kLeft + i * kSlot + (kSlot - kBar) / 2;
    const double y = kHeight - kBottom - height;
    const bool missing = i == kBands;
    const std::string colour = missing ? maps::kMissingColour : maps::ifn_colour(i + 0.5);
    const std::string label = missing ? "sans" : fmt::format("{}–{}", i, i + 1);
    bars += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" stroke="#3a3a3a" stroke-width="0.5"/>)",
                        x, y, kBar, height, colour);
    bars += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="12">{}</text>)", x + kBar / 2,
                        y - 4, n);
    bars += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="12">{}</text>)", x + kBar / 2,
                        kHeight - kBottom + 16, label);
    description += fmt::format("{}{} : {}", i == 0 ? " " : " ; ", missing ? "sans indice" : label, n);
  }
  description += '.';
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0:.0f} {1:.0f}" width="{0:.0f}" height="{1:.0f}" role="img" aria-labelledby="histogramme-titre histogramme-desc">)"
      R"(<title id="histogramme-titre">Communes par tranche d’indice de fragilité numérique</title>)"
      R"(<desc id="histogramme-desc">{2}</desc>{3})"
      R"(<line x1="{4:.0f}" y1="{5:.0f}" x2="{6:.0f}" y2="{5:.0f}" stroke="#161616"/>)"
      R"(<text x="{7:.0f}" y="{8:.0f}" text-anchor="middle" font-size="12">indice (0 = peu fragile, 10 = très fragile)</text></svg>)",
      kWidth, kHeight, description, bars, kLeft, kHeight - kBottom, kWidth - kLeft, kWidth / 2, kHeight - 6);
}

}  // namespace relais::report
