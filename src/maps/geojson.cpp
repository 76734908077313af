#include "maps/geojson.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace relais::maps {
namespace {

using json = nlohmann::json;

enum class Role { Root, Features, Feature, Properties, Geometry, Coordinates, Skip };

struct Frame {
  Role role;
  int depth = 0;    // for Coordinates: 1 for the outer array
  std::string key;  // objects: the last key read
};

// Builds features from SAX events. Each event finds its place from the frame
// it occurs in and that frame's last key.
class Handler : public nlohmann::json_sax<json> {
 public:
  Handler(const std::string& file_name, const std::function<void(Feature&&)>& on_feature, Problems& problems)
      : file_name_(file_name), on_feature_(on_feature), problems_(problems) {}

  bool null() override { return scalar(std::nullopt, false); }
  bool boolean(bool v) override { return scalar(v ? "true" : "false", false); }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v), std::to_string(v)); }
  bool number_float(number_float_t v, const string_t& text) override { return number(v, text); }
  bool string(string_t& v) override { return scalar(v, false); }
  bool binary(binary_t&) override { return scalar(std::nullopt, false); }

  bool key(string_t& k) override {
    stack_.back().key = k;
    return true;
  }

  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }

  bool end_object() override {
    const Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.role == Role::Feature) finish_feature();
    if (frame.role == Role::Root && root_type_ != "FeatureCollection") {
      reject("type", root_type_, "not a GeoJSON FeatureCollection");
      return false;
    }
    return true;
  }

  bool end_array() override {
    const Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.role == Role::Coordinates && !geometry_error_) end_coordinates_array(frame.depth);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    reject("", "", "not valid JSON at byte " + std::to_string(position) + ": " + e.what());
    return false;
  }

  bool saw_features() const { return saw_features_; }
  bool rejected() const { return rejected_; }

 private:
  bool open(bool is_array) {
    if (stack_.empty()) {
      if (is_array) {
        reject("", "[", "not a GeoJSON FeatureCollection (the file is an array)");
        return false;
      }
      stack_.push_back({Role::Root, 0, {}});
      return true;
    }
    const Frame& parent = stack_.back();
    Role role = Role::Skip;
    int depth = 0;
    switch (parent.role) {
      case Role::Root:
        if (parent.key == "features" && is_array) {
          role = Role::Features;
          saw_features_ = true;
        }
        break;
      case Role::Features:
        if (!is_array) {
          role = Role::Feature;
          feature_ = Feature{};
          feature_.index = next_index_;
          geometry_type_.clear();
          geometry_seen_ = false;
          geometry_error_.reset();
          number_depth_ = 0;
        }
        ++next_index_;
        break;
      case Role::Feature:
        if (parent.key == "properties" && !is_array) role = Role::Properties;
        if (parent.key == "geometry" && !is_array) {
          role = Role::Geometry;
          geometry_seen_ = true;
        }
        break;
      case Role::Geometry:
        if (parent.key == "coordinates") {
          if (is_array) {
            role = Role::Coordinates;
            depth = 1;
          } else {
            geometry_fail("coordinates", "{", "coordinates must be arrays");
          }
        }
        break;
      case Role::Coordinates:
        if (is_array) {
          role = Role::Coordinates;
          depth = parent.depth + 1;
          if (depth > 4) geometry_fail("coordinates", "", "coordinates nested deeper than a MultiPolygon");
        } else {
          geometry_fail("coordinates", "{", "coordinates must be arrays of numbers");
        }
        break;
      case Role::Properties:
      case Role::Skip:
        break;
    }
    stack_.push_back({role, depth, {}});
    return true;
  }

  bool scalar(std::optional<std::string> value, bool is_number) {
    if (stack_.empty()) {
      reject("", value.value_or(""), "not a GeoJSON FeatureCollection");
      return false;
    }
    Frame& frame = stack_.back();
    switch (frame.role) {
      case Role::Root:
        if (frame.key == "type") root_type_ = value.value_or("");
        break;
      case Role::Feature:
        if (frame.key == "geometry" && !value) geometry_seen_ = false;  // "geometry": null
        break;
      case Role::Properties:
        if (value) feature_.properties[frame.key] = *value;
        break;
      case Role::Geometry:
        if (frame.key == "type") geometry_type_ = value.value_or("");
        if (frame.key == "coordinates") geometry_fail("coordinates", value.value_or("null"), "coordinates must be an array");
        break;
      case Role::Coordinates:
        if (!is_number) geometry_fail("coordinates", value.value_or("null"), "a coordinate is not a number");
        break;
      default:
        break;
    }
    return true;
  }

  bool number(double v, std::string text) {
    if (!stack_.empty() && stack_.back().role == Role::Coordinates) {
      if (geometry_error_) return true;
      const int depth = stack_.back().depth;
      if (number_depth_ == 0) number_depth_ = depth;
      if (depth != number_depth_ || depth < 3) {
        geometry_fail("coordinates", text, "positions are not all at the same depth");
        return true;
      }
      if (point_.size() < 2) point_.push_back(v);  // a third value (altitude) is ignored
      return true;
    }
    return scalar(std::move(text), true);
  }

  void end_coordinates_array(int depth) {
    if (number_depth_ == 0) return;  // empty arrays so far
    if (depth == number_depth_) {
      if (point_.size() < 2) {
        geometry_fail("coordinates", "", "a position has fewer than 2 numbers");
      } else if (!std::isfinite(point_[0]) || !std::isfinite(point_[1]) || std::abs(point_[0]) > 180 ||
                 std::abs(point_[1]) > 90) {
        geometry_fail("coordinates", fmt_point(), "position outside longitude -180..180, latitude -90..90");
      } else {
        ring_.push_back({point_[1], point_[0]});
      }
      point_.clear();
    } else if (depth == number_depth_ - 1) {
      if (distinct_points(ring_) < 3) {
        problems_.push_back(problem("geometry.coordinates", std::to_string(ring_.size()) + " positions",
                                    "contours.ring", "a ring of fewer than 3 distinct positions, left out",
                                    Severity::Warning, Action::None));
        if (polygon_.empty()) polygon_.push_back({});  // the outer ring is gone: so is the polygon
      } else {
        polygon_.push_back(std::move(ring_));
      }
      ring_.clear();
    } else if (depth == number_depth_ - 2) {
      if (!polygon_.empty() && !polygon_[0].empty()) {
        Polygon kept;
        for (auto& r : polygon_)
          if (!r.empty()) kept.push_back(std::move(r));
        feature_.polygons.push_back(std::move(kept));
      }
      polygon_.clear();
    }
  }

  // Number of distinct points, counted up to 3.
  static std::size_t distinct_points(const Ring& ring) {
    Coordinates seen[3];
    std::size_t n = 0;
    for (const auto& p : ring) {
      if (std::find(seen, seen + n, p) != seen + n) continue;
      seen[n++] = p;
      if (n == 3) break;
    }
    return n;
  }

  std::string fmt_point() const {
    std::string out;
    for (double v : point_) out += (out.empty() ? "" : ",") + json(v).dump();
    return out;
  }

  void finish_feature() {
    const std::size_t expected = geometry_type_ == "Polygon" ? 3 : geometry_type_ == "MultiPolygon" ? 4 : 0;
    if (!geometry_seen_) {
      problems_.push_back(problem("geometry", "null", "contours.geometry", "no geometry; feature left out",
                                  Severity::Error, Action::RecordDropped));
    } else if (expected == 0) {
      problems_.push_back(problem("geometry.type", geometry_type_, "contours.geometry",
                                  "only Polygon and MultiPolygon are contours; feature left out", Severity::Error,
                                  Action::RecordDropped));
    } else if (geometry_error_) {
      problems_.push_back(std::move(*geometry_error_));
    } else if (number_depth_ != 0 && static_cast<std::size_t>(number_depth_) != expected) {
      problems_.push_back(problem("geometry.coordinates", geometry_type_, "contours.geometry",
                                  "coordinates not nested as a " + geometry_type_ + "; feature left out",
                                  Severity::Error, Action::RecordDropped));
    } else if (feature_.polygons.empty()) {
      problems_.push_back(problem("geometry.coordinates", "", "contours.geometry",
                                  "no polygon with a valid outer ring; feature left out", Severity::Error,
                                  Action::RecordDropped));
    } else {
      on_feature_(std::move(feature_));
    }
    feature_ = Feature{};
    point_.clear();
    ring_.clear();
    polygon_.clear();
  }

  void geometry_fail(std::string field, std::string value, std::string message) {
    if (geometry_error_) return;
    geometry_error_ = problem("geometry." + field, std::move(value), "contours.geometry",
                              std::move(message) + "; feature left out", Severity::Error, Action::RecordDropped);
  }

  Problem problem(std::string field, std::string value, std::string rule, std::string message, Severity severity,
                  Action action) const {
    Problem p = located_problem(file_name_, 0, std::move(field), std::move(value), std::move(rule),
                                std::move(message), severity, action);
    p.record = feature_.index;
    return p;
  }

  void reject(std::string field, std::string value, std::string message) {
    rejected_ = true;
    problems_.push_back(located_problem(file_name_, 0, std::move(field), std::move(value), "contours.file",
                                        std::move(message), Severity::Error, Action::FileRejected));
  }

  const std::string& file_name_;
  const std::function<void(Feature&&)>& on_feature_;
  Problems& problems_;
  std::vector<Frame> stack_;
  std::string root_type_;
  bool saw_features_ = false;
  bool rejected_ = false;
  std::size_t next_index_ = 0;
  // The feature being read.
  Feature feature_;
  std::string geometry_type_;
  bool geometry_seen_ = false;
  std::optional<Problem> geometry_error_;
  int number_depth_ = 0;  // depth of the arrays holding numbers: 3 Polygon, 4 MultiPolygon
  std::vector<double> point_;
  Ring ring_;
  Polygon polygon_;
};

double round5(double v) { return std::round(v * 1e5) / 1e5; }

}  // namespace

Problems read_feature_collection(std::string_view text, const std::string& file_name,
                                 const std::function<void(Feature&&)>& on_feature) {
  Problems problems;
  Handler handler(file_name, on_feature, problems);
  const bool ok = json::sax_parse(text.begin(), text.end(), &handler);
  if (ok && !handler.rejected() && !handler.saw_features()) {
    problems.push_back(located_problem(file_name, 0, "features", "", "contours.file",
                                       "no \"features\" array: not a GeoJSON FeatureCollection", Severity::Error,
                                       Action::FileRejected));
  }
  return problems;
}

json geojson_geometry(const Contour& contour) {
  json polygons = json::array();
  for (const auto& polygon : contour.polygons) {
    json rings = json::array();
    for (const auto& ring : polygon) {
      json points = json::array();
      for (const auto& p : ring) points.push_back(json::array({round5(p.longitude), round5(p.latitude)}));
      rings.push_back(std::move(points));
    }
    polygons.push_back(std::move(rings));
  }
  return json{{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

}  // namespace relais::maps
