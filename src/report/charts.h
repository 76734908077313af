// Small charts of the report, as SVG drawn on the server: the report is read
// without JavaScript and printed (an élu's paper copy), so a charting library
// running in the browser (Chart.js, @gouvfr/dsfr-chart) would leave both
// blank; a bar chart of ten bars is a few lines of SVG.
#pragma once

#include <string>

#include "report/territory_report.h"

namespace relais::report {

// Communes per index band [0,1), [1,2), … [9,10], each bar in the national
// map's colour of its band's middle, with its count written above it (the
// figure does not rely on colour), and the communes without an index in a
// grey bar at the end. role="img" with a text alternative listing the counts.
std::string index_histogram_svg(const TerritoryReport& report);

}  // namespace relais::report
