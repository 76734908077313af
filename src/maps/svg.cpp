#include "maps/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <numbers>

#include "maps/palette.h"

namespace relais::maps {
namespace {

constexpr double kKmPerDegree = 111.32;  // of latitude, on average
constexpr double kFontSize = 12;
constexpr double kCharWidth = 6.6;  // mean advance at 12 px, to lay the legend out
constexpr const char* kInk = "#161616";
constexpr const char* kProposedColour = "#000091";

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Tenths of a pixel as SVG number text: 123 -> "12.3", -4 -> "-.4", 50 -> "5".
std::string tenths(std::int64_t t) {
  std::string out = t < 0 ? "-" : "";
  const std::uint64_t a = t < 0 ? static_cast<std::uint64_t>(-t) : static_cast<std::uint64_t>(t);
  if (a / 10 != 0 || a % 10 == 0) out += std::to_string(a / 10);
  if (a % 10 != 0) out += "." + std::to_string(a % 10);
  return out;
}

std::int64_t to_tenths(double px) { return std::llround(px * 10); }
std::string px(double v) { return tenths(to_tenths(v)); }

// Appends a number to path data, with a space only where needed.
void put_number(std::string& d, std::int64_t t) {
  std::string s = tenths(t);
  const char last = d.empty() ? ' ' : d.back();
  if (s[0] != '-' && (std::isdigit(static_cast<unsigned char>(last)) || last == '.')) d += ' ';
  d += s;
}

// Path data of a multipolygon: per ring "M x y l dx dy … z", in tenths of
// a pixel; a ring of fewer than 3 distinct rounded points is left out.
std::string path_data(const MultiPolygon& polygons, const Projection& project) {
  std::string d;
  std::vector<std::pair<std::int64_t, std::int64_t>> points;
  for (const auto& polygon : polygons) {
    for (const auto& ring : polygon) {
      points.clear();
      for (const auto& c : ring) {
        const auto p = project(c);
        std::pair<std::int64_t, std::int64_t> t{to_tenths(p.x), to_tenths(p.y)};
        if (points.empty() || points.back() != t) points.push_back(t);
      }
      while (points.size() > 1 && points.back() == points.front()) points.pop_back();
      if (points.size() < 3) continue;
      d += 'M';
      put_number(d, points[0].first);
      put_number(d, points[0].second);
      d += 'l';
      for (std::size_t i = 1; i < points.size(); ++i) {
        put_number(d, points[i].first - points[i - 1].first);
        put_number(d, points[i].second - points[i - 1].second);
      }
      d += 'z';
    }
  }
  return d;
}

void bounds_of(std::span<const Contour> contours, double& min_lat, double& max_lat, double& min_lon,
               double& max_lon) {
  for (const auto& contour : contours) {
    for (const auto& polygon : contour.polygons) {
      if (polygon.empty()) continue;
      for (const auto& c : polygon[0]) {
        min_lat = std::min(min_lat, c.latitude);
        max_lat = std::max(max_lat, c.latitude);
        min_lon = std::min(min_lon, c.longitude);
        max_lon = std::max(max_lon, c.longitude);
      }
    }
  }
}

std::string diamond(double x, double y, double half) {
  return "M" + px(x) + " " + px(y - half) + "L" + px(x + half) + " " + px(y) + "L" + px(x) + " " + px(y + half) +
         "L" + px(x - half) + " " + px(y) + "z";
}

}  // namespace

std::string french_decimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  std::string out = buf;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

Projection Projection::fit(double min_latitude, double max_latitude, double min_longitude, double max_longitude,
                           double width, double max_height, double margin) {
  Projection p;
  if (!(min_latitude <= max_latitude) || !(min_longitude <= max_longitude)) {  // empty box
    min_latitude = max_latitude = 46.5;
    min_longitude = max_longitude = 2.5;
  }
  if (max_latitude - min_latitude < 0.01 && max_longitude - min_longitude < 0.01) {
    const double lat = (min_latitude + max_latitude) / 2, lon = (min_longitude + max_longitude) / 2;
    min_latitude = lat - 0.005;
    max_latitude = lat + 0.005;
    min_longitude = lon - 0.005;
    max_longitude = lon + 0.005;
  }
  p.cos_latitude_ = std::cos((min_latitude + max_latitude) / 2 * std::numbers::pi / 180);
  const double span_x = (max_longitude - min_longitude) * p.cos_latitude_;
  const double span_y = max_latitude - min_latitude;
  const double inner_w = width - 2 * margin, inner_h = std::max(max_height - 2 * margin, 1.0);
  p.scale_ = std::min(span_x > 0 ? inner_w / span_x : std::numeric_limits<double>::infinity(),
                      span_y > 0 ? inner_h / span_y : std::numeric_limits<double>::infinity());
  p.min_longitude_ = min_longitude;
  p.max_latitude_ = max_latitude;
  p.width_ = width;
  p.height_ = span_y * p.scale_ + 2 * margin;
  p.offset_x_ = margin + (inner_w - span_x * p.scale_) / 2;
  p.offset_y_ = margin;
  return p;
}

Projection::Point Projection::operator()(Coordinates c) const {
  return {offset_x_ + (c.longitude - min_longitude_) * cos_latitude_ * scale_,
          offset_y_ + (max_latitude_ - c.latitude) * scale_};
}

double Projection::pixels_per_km() const { return scale_ / kKmPerDegree; }

Projection fit_contours(std::span<const Contour> contours, std::span<const Contour> outlines, double width,
                        double max_height, double margin) {
  double min_lat = std::numeric_limits<double>::infinity(), max_lat = -min_lat, min_lon = min_lat, max_lon = -min_lat;
  bounds_of(contours, min_lat, max_lat, min_lon, max_lon);
  bounds_of(outlines, min_lat, max_lat, min_lon, max_lon);
  return Projection::fit(min_lat, max_lat, min_lon, max_lon, width, max_height, margin);
}

std::string choropleth_svg(std::span<const Contour> contours, const std::map<std::string, double>& values,
                           std::span<const Marker> markers, const SvgOptions& options) {
  const Projection project = fit_contours(contours, options.outlines, options.width, options.max_map_height,
                                          options.margin);
  const std::string& id = options.id_prefix;
  const std::size_t places = std::count_if(markers.begin(), markers.end(),
                                           [](const Marker& m) { return m.kind == MarkerKind::Place; });
  const std::size_t proposed = markers.size() - places;
  const bool any_circle = std::any_of(markers.begin(), markers.end(), [](const Marker& m) {
    return m.kind == MarkerKind::Proposed && m.radius_km > 0;
  });

  // Legend items, laid out left to right, wrapping.
  struct Item {
    double width;
    std::string svg;  // drawn with its origin at the item's top left
  };
  std::vector<Item> items;
  const double row_height = 34;
  {
    std::string ramp = "<rect width=\"200\" height=\"12\" fill=\"url(#" + id + "-rampe)\" stroke=\"" + kInk +
                       "\" stroke-width=\".5\"/>";
    for (const auto& stop : kIfnStops) {
      const double x = stop.score * 20;
      ramp += "<path d=\"M" + px(x) + " 12v4\" stroke=\"" + kInk + "\"/><text x=\"" + px(x) +
              "\" y=\"28\" text-anchor=\"middle\">" + std::to_string(static_cast<int>(stop.score)) + "</text>";
    }
    items.push_back({220, ramp});
  }
  auto labelled = [&](std::string symbol, const std::string& label) {
    return Item{30 + kCharWidth * static_cast<double>(label.size()) + 20,
                symbol + "<text x=\"24\" y=\"11\">" + escape(label) + "</text>"};
  };
  items.push_back(labelled("<rect width=\"18\" height=\"12\" fill=\"url(#" + id + "-manquant)\" stroke=\"" + kInk +
                               "\" stroke-width=\".5\"/>",
                           "donnée manquante"));
  if (places) {
    items.push_back(labelled("<circle cx=\"9\" cy=\"7\" r=\"3\" fill=\"" + std::string(kInk) +
                                 "\" stroke=\"#fff\" stroke-width=\".8\"/>",
                             options.place_label));
  }
  if (proposed) {
    items.push_back(labelled("<path d=\"" + diamond(9, 7, 6.5) + "\" fill=\"" + kProposedColour +
                                 "\" stroke=\"#fff\" stroke-width=\"1.2\"/>",
                             options.proposed_label));
  }
  if (any_circle) {
    items.push_back(labelled("<circle cx=\"9\" cy=\"7\" r=\"7\" fill=\"none\" stroke=\"" + std::string(kProposedColour) +
                                 "\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>",
                             "distance d'accès autour d'un site proposé"));
  }
  const double legend_top = project.height();
  double legend_height = 0;
  std::string legend;
  if (options.legend) {
    legend += "<g font-size=\"" + px(kFontSize) + "\" fill=\"" + kInk + "\"><text x=\"" + px(options.margin) +
              "\" y=\"" + px(legend_top + 12) + "\" font-weight=\"bold\">" + escape(options.legend_title) + "</text>";
    double x = options.margin, y = legend_top + 22;
    for (const auto& item : items) {
      if (x > options.margin && x + item.width > options.width - options.margin) {
        x = options.margin;
        y += row_height;
      }
      legend += "<g transform=\"translate(" + px(x) + " " + px(y) + ")\">" + item.svg + "</g>";
      x += item.width;
    }
    legend += "</g>";
    legend_height = y + row_height - legend_top + 4;
  }
  const double height = project.height() + legend_height;

  std::size_t missing = 0;
  std::string paths;
  for (const auto& contour : contours) {
    const std::string d = path_data(contour.polygons, project);
    if (d.empty()) continue;
    auto it = values.find(contour.code);
    const bool known = it != values.end() && !std::isnan(it->second);
    missing += !known;
    paths += "<path d=\"" + d + "\" fill=\"" + (known ? ifn_colour(it->second) : "url(#" + id + "-manquant)") +
             "\"><title>" + escape(contour.name) + " (" + escape(contour.code) + ") : " +
             (known ? french_decimal(it->second) + "/10" : std::string("donnée manquante")) + "</title></path>";
  }

  std::string description = options.description;
  if (description.empty()) {
    description = std::to_string(contours.size()) + " territoires colorés selon la valeur de 0 à 10 (bleu : faible, "
                  "rouge : élevée), dont " + std::to_string(missing) + " sans donnée (gris hachuré)";
    if (places) description += "; " + std::to_string(places) + " lieux d'aide existants (points noirs)";
    if (proposed) description += "; " + std::to_string(proposed) + " sites proposés (losanges bleus)";
    description += ".";
  }

  std::string svg;
  svg.reserve(paths.size() + 4096);
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + px(options.width) + " " + px(height) +
         "\" width=\"" + px(options.width) + "\" height=\"" + px(height) + "\" role=\"img\" aria-labelledby=\"" + id +
         "-titre " + id + "-desc\" font-family=\"Marianne, Arial, sans-serif\">";
  svg += "<title id=\"" + id + "-titre\">" + escape(options.title) + "</title>";
  svg += "<desc id=\"" + id + "-desc\">" + escape(description) + "</desc>";
  svg += "<defs><pattern id=\"" + id + "-manquant\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"" + std::string(kMissingColour) +
         "\"/><path d=\"M0 0v6\" stroke=\"#fff\" stroke-width=\"1.5\"/></pattern>";
  svg += "<linearGradient id=\"" + id + "-rampe\">";
  for (const auto& stop : kIfnStops) {
    svg += "<stop offset=\"" + std::to_string(static_cast<int>(stop.score * 10)) + "%\" stop-color=\"" + stop.colour +
           "\"/>";
  }
  svg += "</linearGradient></defs>";
  svg += "<g stroke=\"#fff\" stroke-width=\".5\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">" + paths + "</g>";
  if (!options.outlines.empty()) {
    svg += "<g fill=\"none\" stroke=\"" + std::string(kInk) + "\" stroke-width=\"1.2\" stroke-linejoin=\"round\">";
    for (const auto& outline : options.outlines) {
      const std::string d = path_data(outline.polygons, project);
      if (!d.empty()) svg += "<path d=\"" + d + "\"><title>" + escape(outline.name) + "</title></path>";
    }
    svg += "</g>";
  }
  if (!markers.empty()) {
    std::string circles, dots, diamonds;
    for (const auto& m : markers) {
      const auto p = project(m.at);
      const std::string title = "<title>" + escape(m.label) + "</title>";
      if (m.kind == MarkerKind::Place) {
        dots += "<circle cx=\"" + px(p.x) + "\" cy=\"" + px(p.y) + "\" r=\"2.5\">" + title + "</circle>";
      } else {
        if (m.radius_km > 0) {
          circles += "<circle cx=\"" + px(p.x) + "\" cy=\"" + px(p.y) + "\" r=\"" +
                     px(m.radius_km * project.pixels_per_km()) + "\"/>";
        }
        diamonds += "<path d=\"" + diamond(p.x, p.y, 6.5) + "\">" + title + "</path>";
      }
    }
    if (!circles.empty()) {
      svg += "<g fill=\"none\" stroke=\"" + std::string(kProposedColour) +
             "\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\">" + circles + "</g>";
    }
    if (!dots.empty()) {
      svg += "<g fill=\"" + std::string(kInk) + "\" stroke=\"#fff\" stroke-width=\".8\">" + dots + "</g>";
    }
    if (!diamonds.empty()) {
      svg += "<g fill=\"" + std::string(kProposedColour) + "\" stroke=\"#fff\" stroke-width=\"1.2\">" + diamonds +
             "</g>";
    }
  }
  svg += legend;
  svg += "</svg>\n";
  return svg;
}

}  // namespace relais::maps
