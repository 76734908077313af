#include "indicators/index_definition.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace relais::indicators {

using json = nlohmann::ordered_json;  // keeps weights and axes in the file's order

IndexDefinitionError::IndexDefinitionError(std::string file, std::string path, std::string reason)
    : std::runtime_error(file + ": " + (path.empty() ? std::string("(document)") : path) + ": " + reason),
      file_(std::move(file)),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

std::string_view method_name(IndexMethod method) { return method == IndexMethod::Classes ? "classes" : "ratio"; }

std::string_view reference_level_name(ReferenceLevel level) {
  switch (level) {
    case ReferenceLevel::France: return "france";
    case ReferenceLevel::Region: return "region";
    case ReferenceLevel::Departement: return "departement";
    case ReferenceLevel::Epci: return "epci";
  }
  return "?";
}

std::vector<InputRef> IndexDefinition::inputs() const {
  std::set<InputRef> all(populations.begin(), populations.end());
  for (const auto& i : indicators) all.insert(i.input);
  for (const auto& c : context) all.insert(c.input);
  return {all.begin(), all.end()};
}

namespace {

// Reads one JSON document, each error located by its path ("indicators[2].weight").
class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    throw IndexDefinitionError(file_, path, reason);
  }

  static std::string member_path(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }

  void only_members(const json& object, const std::string& where, std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) fail(member_path(where, key), "unknown member");
    }
  }

  const json& object(const json& value, const std::string& where) {
    if (!value.is_object()) fail(where, "must be an object");
    return value;
  }

  std::string text(const json& object, const std::string& key, const std::string& where, bool required,
                   std::string fallback = {}) {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(member_path(where, key), "missing");
      return fallback;
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      fail(member_path(where, key), "must be a non-empty string");
    }
    return it->get<std::string>();
  }

  // A name used as a column of the stored set: letters, digits, '_'.
  std::string name(const json& object, const std::string& key, const std::string& where) {
    std::string out = text(object, key, where, true);
    for (char c : out) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
        fail(member_path(where, key), "\"" + out + "\": use letters, digits and _ only");
      }
    }
    return out;
  }

  double positive(const json& value, const std::string& where) {
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0) {
      fail(where, "must be a number above 0");
    }
    return value.get<double>();
  }

  InputRef input(const json& object, const std::string& where) {
    const std::string spec = text(object, "input", where, true);
    return input_spec(spec, member_path(where, "input"));
  }

  InputRef input_spec(const std::string& spec, const std::string& where) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size() ||
        spec.find(':', colon + 1) != std::string::npos) {
      fail(where, "\"" + spec + "\": expected SET:INDICATOR (an imported set and one of its indicators)");
    }
    return {spec.substr(0, colon), spec.substr(colon + 1)};
  }

  const json& array(const json& object, const std::string& key, const std::string& where, bool required) {
    static const json empty = json::array();
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(member_path(where, key), "missing");
      return empty;
    }
    if (!it->is_array()) fail(member_path(where, key), "must be an array");
    return *it;
  }

  // {"name": weight, …} with names among `known`.
  std::vector<std::pair<std::string, double>> weights(const json& value, const std::string& where,
                                                      const std::set<std::string>& known, const std::string& what) {
    object(value, where);
    if (value.empty()) fail(where, "must name at least one " + what);
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [key, weight] : value.items()) {
      if (!known.contains(key)) fail(member_path(where, key), "no " + what + " of that name");
      out.emplace_back(key, positive(weight, member_path(where, key)));
    }
    return out;
  }

 private:
  std::string file_;
};

// The IFN v1 axes and sub-indices (../shared/reference/ifn.md §2.1, §2.3).
void add_v1_structure(IndexDefinition& d) {
  d.axes = {{"acces_information", "Accès à l'information"},
            {"acces_interfaces", "Accès aux interfaces numériques"},
            {"competences_administratives", "Compétences administratives"},
            {"competences_numeriques", "Compétences numériques / scolaires"}};
  d.sub_indices = {{"global_acces", "Global accès", {{"acces_information", 2.0}, {"acces_interfaces", 1.0}}},
                   {"global_competences",
                    "Global compétences",
                    {{"competences_administratives", 1.0}, {"competences_numeriques", 2.0}}}};
  if (d.total_weights.empty()) d.total_weights = {{"global_acces", 1.0}, {"global_competences", 1.0}};
}

}  // namespace

IndexDefinition parse_index_definition(std::string_view json_text, const std::string& file) {
  Parser p(file);
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    p.fail("", std::string("not valid JSON: ") + e.what());
  }
  p.object(doc, "");
  p.only_members(doc, "",
                 {"name", "label", "generation", "variant", "method", "classes", "reference_level", "minimum_present",
                  "population", "iris_aggregation", "indicators", "context", "axes", "sub_indices", "total_weights", "comment"});
  IndexDefinition d;
  d.name = p.name(doc, "name", "");
  d.label = p.text(doc, "label", "", false, d.name);
  d.generation = p.text(doc, "generation", "", true);
  if (d.generation != "v1" && d.generation != "v3" && d.generation != "custom") {
    p.fail("generation", "\"" + d.generation + "\": expected v1, v3 or custom");
  }
  d.variant = p.text(doc, "variant", "", false, "tout_age");
  const std::string method = p.text(doc, "method", "", true);
  if (method == "classes") {
    d.method = IndexMethod::Classes;
  } else if (method == "ratio") {
    d.method = IndexMethod::Ratio;
  } else {
    p.fail("method", "\"" + method + "\": expected classes or ratio");
  }
  if (d.generation == "v3" && d.method != IndexMethod::Classes) p.fail("method", "the v3 generation uses classes");
  if (d.generation == "v1" && d.method != IndexMethod::Ratio) p.fail("method", "the v1 generation uses ratio");

  if (doc.contains("classes")) {
    if (d.method != IndexMethod::Classes) p.fail("classes", "only for the classes method");
    const json& c = doc["classes"];
    if (!c.is_number_integer() || c.get<int>() < 2 || c.get<int>() > 100) {
      p.fail("classes", "must be an integer from 2 to 100");
    }
    d.classes = c.get<int>();
  }
  if (d.method == IndexMethod::Ratio) {
    const std::string level = p.text(doc, "reference_level", "", true);
    if (level == "france") d.reference_level = ReferenceLevel::France;
    else if (level == "region") d.reference_level = ReferenceLevel::Region;
    else if (level == "departement") d.reference_level = ReferenceLevel::Departement;
    else if (level == "epci") d.reference_level = ReferenceLevel::Epci;
    else p.fail("reference_level", "\"" + level + "\": expected france, region, departement or epci");
  } else if (doc.contains("reference_level")) {
    p.fail("reference_level", "only for the ratio method");
  }

  if (doc.contains("population")) {
    const json& pop = doc["population"];
    std::vector<std::string> specs;
    if (pop.is_string()) {
      specs.push_back(pop.get<std::string>());
    } else if (pop.is_array()) {
      for (std::size_t i = 0; i < pop.size(); ++i) {
        if (!pop[i].is_string()) p.fail("population[" + std::to_string(i) + "]", "must be a string SET:INDICATOR");
        specs.push_back(pop[i].get<std::string>());
      }
    } else {
      p.fail("population", "must be SET:INDICATOR or an array of them");
    }
    std::set<std::string> sets;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const std::string where = pop.is_string() ? "population" : "population[" + std::to_string(i) + "]";
      auto ref = p.input_spec(specs[i], where);
      if (!sets.insert(ref.set).second) p.fail(where, "a second population for set " + ref.set);
      d.populations.push_back(ref);
    }
  }

  if (doc.contains("iris_aggregation")) {
    const std::string mode = p.text(doc, "iris_aggregation", "", true);
    if (mode == "inputs") d.iris_aggregation = IrisAggregation::Inputs;
    else if (mode == "scores") d.iris_aggregation = IrisAggregation::Scores;
    else p.fail("iris_aggregation", "\"" + mode + "\": expected inputs or scores");
  }

  std::set<std::string> names;
  auto claim = [&](const std::string& name, const std::string& where) {
    if (name == "total") p.fail(where, "\"total\" is the name of the total");
    if (!names.insert(name).second) p.fail(where, "\"" + name + "\" is used twice");
  };

  // Axes first, so indicators can be checked against them.
  const json& axes = p.array(doc, "axes", "", false);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const std::string where = "axes[" + std::to_string(i) + "]";
    p.object(axes[i], where);
    p.only_members(axes[i], where, {"name", "label"});
    Axis a{p.name(axes[i], "name", where), ""};
    a.label = p.text(axes[i], "label", where, false, a.name);
    claim(a.name, where + ".name");
    d.axes.push_back(a);
  }
  const json& subs = p.array(doc, "sub_indices", "", false);
  if (!subs.empty() && d.axes.empty()) p.fail("sub_indices", "needs \"axes\"");
  std::set<std::string> axis_names;
  for (const auto& a : d.axes) axis_names.insert(a.name);
  for (std::size_t i = 0; i < subs.size(); ++i) {
    const std::string where = "sub_indices[" + std::to_string(i) + "]";
    p.object(subs[i], where);
    p.only_members(subs[i], where, {"name", "label", "weights"});
    SubIndex s{p.name(subs[i], "name", where), "", {}};
    s.label = p.text(subs[i], "label", where, false, s.name);
    claim(s.name, where + ".name");
    if (!subs[i].contains("weights")) p.fail(where + ".weights", "missing");
    s.weights = p.weights(subs[i]["weights"], where + ".weights", axis_names, "axis");
    d.sub_indices.push_back(s);
  }

  const json& indicators = p.array(doc, "indicators", "", true);
  if (indicators.empty()) p.fail("indicators", "must list at least one indicator");
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const std::string where = "indicators[" + std::to_string(i) + "]";
    const json& item = p.object(indicators[i], where);
    p.only_members(item, where, {"name", "label", "input", "direction", "weight", "reference", "axis", "comment"});
    ScoredIndicator s;
    s.name = p.name(item, "name", where);
    claim(s.name, where + ".name");
    s.label = p.text(item, "label", where, false, s.name);
    s.input = p.input(item, where);
    const std::string direction = p.text(item, "direction", where, false, "higher_is_more_fragile");
    if (direction == "higher_is_more_fragile") s.higher_is_more_fragile = true;
    else if (direction == "lower_is_more_fragile") s.higher_is_more_fragile = false;
    else p.fail(where + ".direction", "\"" + direction + "\": expected higher_is_more_fragile or lower_is_more_fragile");
    if (item.contains("weight")) s.weight = p.positive(item["weight"], where + ".weight");
    if (item.contains("reference")) {
      if (d.method != IndexMethod::Ratio) p.fail(where + ".reference", "only for the ratio method");
      const std::string ref = p.text(item, "reference", where, true);
      if (ref == "mean") s.reference = ReferenceStatistic::Mean;
      else if (ref == "median") s.reference = ReferenceStatistic::Median;
      else p.fail(where + ".reference", "\"" + ref + "\": expected mean or median");
    }
    s.axis = p.text(item, "axis", where, false);
    d.indicators.push_back(s);
  }

  const json& context = p.array(doc, "context", "", false);
  for (std::size_t i = 0; i < context.size(); ++i) {
    const std::string where = "context[" + std::to_string(i) + "]";
    const json& item = p.object(context[i], where);
    p.only_members(item, where, {"name", "label", "input", "comment"});
    ContextIndicator c;
    c.name = p.name(item, "name", where);
    claim(c.name, where + ".name");
    c.label = p.text(item, "label", where, false, c.name);
    c.input = p.input(item, where);
    d.context.push_back(c);
  }

  // A ratio definition without axes: the four v1 axes (indicators must name one).
  if (d.method == IndexMethod::Ratio && d.axes.empty()) {
    add_v1_structure(d);
    for (const auto& a : d.axes) {
      axis_names.insert(a.name);
      if (names.contains(a.name)) p.fail("axes", "the default v1 axis \"" + a.name + "\" clashes with a name");
    }
    for (const auto& s : d.sub_indices) {
      if (names.contains(s.name)) p.fail("sub_indices", "the default v1 sub-index \"" + s.name + "\" clashes with a name");
    }
  }
  for (std::size_t i = 0; i < d.indicators.size(); ++i) {
    const auto& s = d.indicators[i];
    const std::string where = "indicators[" + std::to_string(i) + "].axis";
    if (d.axes.empty() && !s.axis.empty()) p.fail(where, "the definition has no axes");
    if (!d.axes.empty() && s.axis.empty()) p.fail(where, "missing (the definition has axes)");
    if (!d.axes.empty() && !axis_names.contains(s.axis)) p.fail(where, "\"" + s.axis + "\": no axis of that name");
  }
  // An axis with no indicator is allowed (a v1 axis whose variables are not
  // in the data): it is always missing, and so are the sub-indices needing it.

  // What the total is the weighted mean of.
  std::set<std::string> components;
  std::string what;
  if (!d.sub_indices.empty()) {
    for (const auto& s : d.sub_indices) components.insert(s.name);
    what = "sub-index";
  } else if (!d.axes.empty()) {
    components = axis_names;
    what = "axis";
  }
  if (doc.contains("total_weights")) {
    if (components.empty()) {
      p.fail("total_weights", "only with axes or sub-indices (otherwise the indicators' weights are used)");
    }
    d.total_weights = p.weights(doc["total_weights"], "total_weights", components, what);
  } else if (!components.empty() && d.total_weights.empty()) {
    if (!d.sub_indices.empty()) {
      for (const auto& s : d.sub_indices) d.total_weights.emplace_back(s.name, 1.0);
    } else {
      for (const auto& a : d.axes) d.total_weights.emplace_back(a.name, 1.0);
    }
  }
  const std::size_t total_components = components.empty() ? d.indicators.size() : d.total_weights.size();
  if (doc.contains("minimum_present")) {
    const json& m = doc["minimum_present"];
    if (!m.is_number_integer() || m.get<long long>() < 1 ||
        static_cast<std::size_t>(m.get<long long>()) > total_components) {
      p.fail("minimum_present", "must be an integer from 1 to " + std::to_string(total_components) +
                                    " (the number of components of the total)");
    }
    d.minimum_present = static_cast<std::size_t>(m.get<long long>());
  } else {
    d.minimum_present = total_components;
  }
  return d;
}

}  // namespace relais::indicators
