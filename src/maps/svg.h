// Choropleth maps of territories as self-contained SVG: no script, no
// external resource, printable (markers differ by shape, missing values are
// hatched), accessible (role="img", <title>, <desc>, a <title> per commune).
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "maps/contour.h"

namespace relais::maps {

enum class MarkerKind {
  Place,     // an existing help place: small dark dot
  Proposed,  // a proposed new site: larger diamond, optionally its reach circle
};

struct Marker {
  Coordinates at;
  std::string label;  // shown as the symbol's tooltip (<title>)
  MarkerKind kind = MarkerKind::Place;
  double radius_km = 0;  // Proposed only: > 0 draws a dashed circle of this radius, to scale
};

struct SvgOptions {
  double width = 800;        // px; the height follows the territory's shape
  double max_map_height = 1000;  // px; a tall territory is narrowed to fit
  double margin = 12;        // px around the map
  std::string title = "Carte";  // <title> of the SVG
  std::string description;   // <desc>; "" -> a sentence counting communes, missing values and markers
  std::string legend_title = "Indice de fragilité numérique (0 : moins fragile, 10 : plus fragile)";
  std::string place_label = "lieu d'aide existant";
  std::string proposed_label = "site proposé";
  // Drawn over the communes as dark lines without fill (e.g. the
  // département's border). Must outlive the call.
  std::span<const Contour> outlines;
  // Prefix of the ids inside the SVG, to keep them unique when several maps
  // are inlined in one HTML page.
  std::string id_prefix = "carte";
  bool legend = true;
};

// Fits longitude/latitude into pixels: equirectangular, longitudes scaled by
// the cosine of the mean latitude of the box (true shapes at the scale of a
// département), north up, the box centred in width × at most max_height.
class Projection {
 public:
  struct Point {
    double x, y;
  };
  // REQUIRES: width > 2 * margin. An empty or flat box gets a 0.01° one.
  static Projection fit(double min_latitude, double max_latitude, double min_longitude, double max_longitude,
                        double width, double max_height, double margin);
  Point operator()(Coordinates c) const;
  double width() const { return width_; }
  double height() const { return height_; }   // margins included
  double pixels_per_km() const;

 private:
  double min_longitude_ = 0, max_latitude_ = 0, cos_latitude_ = 1, scale_ = 1;  // scale: px per degree of latitude
  double offset_x_ = 0, offset_y_ = 0, width_ = 0, height_ = 0;
};

// The projection choropleth_svg uses: the box of contours and outlines.
Projection fit_contours(std::span<const Contour> contours, std::span<const Contour> outlines, double width,
                        double max_height, double margin);

// One <path> per contour filled with ifn_colour(values[code]) (hatched grey
// when absent or NaN), with a <title> "Nom (code) : 6,2/10" or "Nom (code) :
// donnée manquante"; thin white borders; outlines; markers (reach circles,
// then places, then proposed sites, each with its label as <title>); a legend
// below (colour ramp 0–10, the missing-value swatch, the marker symbols that
// occur). Coordinates are rounded to 0.1 px; rings smaller than that vanish.
std::string choropleth_svg(std::span<const Contour> contours, const std::map<std::string, double>& values,
                           std::span<const Marker> markers, const SvgOptions& options);

// "6,2" : one decimal with a French decimal comma.
std::string french_decimal(double value);

}  // namespace relais::maps
