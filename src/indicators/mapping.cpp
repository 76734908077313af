#include "indicators/mapping.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace relais::indicators {

using json = nlohmann::ordered_json;  // keeps the indicators in the file's order

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw MappingError(where + ": " + what); }

std::string text_member(const json& object, const std::string& key, const std::string& where, bool required) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) fail(where + key, "missing");
    return {};
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) fail(where + key, "must be a non-empty string");
  return it->get<std::string>();
}

std::optional<double> number_member(const json& object, const std::string& key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_number() || !std::isfinite(it->get<double>())) fail(where + key, "must be a finite number");
  return it->get<double>();
}

IndicatorRule parse_rule(const std::string& name, const json& rule, const std::string& where) {
  if (!rule.is_object()) fail(where, "must be an object");
  IndicatorRule out;
  out.name = name;
  const bool has_column = rule.contains("column"), has_sum = rule.contains("sum");
  if (has_column == has_sum) fail(where, "needs exactly one of \"column\" and \"sum\"");
  if (has_column) {
    out.sum.push_back(text_member(rule, "column", where + ".", true));
  } else {
    const json& sum = rule["sum"];
    if (!sum.is_array() || sum.empty()) fail(where + ".sum", "must be a non-empty array of column names");
    for (const auto& column : sum) {
      if (!column.is_string() || column.get_ref<const std::string&>().empty()) {
        fail(where + ".sum", "must be a non-empty array of column names");
      }
      out.sum.push_back(column.get<std::string>());
    }
  }
  if (rule.contains("divide_by")) out.divide_by = text_member(rule, "divide_by", where + ".", true);
  if (auto scale = number_member(rule, "scale", where + ".")) {
    if (*scale == 0) fail(where + ".scale", "must not be 0");
    out.scale = *scale;
  }
  out.complement = number_member(rule, "complement", where + ".");
  for (const auto& [key, value] : rule.items()) {
    if (key != "column" && key != "sum" && key != "divide_by" && key != "scale" && key != "complement") {
      fail(where + "." + key, "unknown member");
    }
  }
  return out;
}

}  // namespace

std::string_view level_name(TerritoryLevel level) {
  switch (level) {
    case TerritoryLevel::Commune: return "commune";
    case TerritoryLevel::Epci: return "epci";
    case TerritoryLevel::Departement: return "departement";
    case TerritoryLevel::Region: return "region";
  }
  return "commune";
}

std::string_view level_name(const Mapping& mapping) { return mapping.iris ? "iris" : level_name(mapping.level); }

Mapping parse_mapping(std::string_view json_text) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 8e10605010
    throw MappingError(std::string("not JSON: ") + e.what());
  }
  if (!doc.is_object()) fail("mapping", "must be a JSON object");
  Mapping m;
  m.source = text_member(doc, "source", "", true);
  m.date = text_member(doc, "date", "", true);
  m.code_column = text_member(doc, "code", "", true);
  const std::string level = doc.contains("level") ? text_member(doc, "level", "", true) : "commune";
  if (level == "commune") m.level = TerritoryLevel::Commune;
  else if (level == "iris") m.iris = true;
  else if (level == "epci") m.level = TerritoryLevel::Epci;
  else if (level == "departement") m.level = TerritoryLevel::Departement;
  else if (level == "region") m.level = TerritoryLevel::Region;
  else fail("level", "must be iris, commune, epci, departement or region");
  if (doc.contains("header_line")) {
    const json& line = doc["header_line"];
    if (!line.is_number_unsigned() || line.get<std::size_t>() < 1) fail("header_line", "must be a line number (1 or more)");
    m.header_line = line.get<std::size_t>();
  }
  if (doc.contains("separator")) {
    const std::string separator = text_member(doc, "separator", "", true);
    if (separator.size() != 1 || separator == "\"" || separator == "\n" || separator == "\r") {
      fail("separator", "must be one character other than a quote or a line break");
    }
    m.separator = separator[0];
  }
  if (!doc.contains("indicators") || !doc["indicators"].is_object() || doc["indicators"].empty()) {
    fail("indicators", "must be a non-empty object");
  }
  for (const auto& [name, rule] : doc["indicators"].items()) {
    m.indicators.push_back(parse_rule(name, rule, "indicators." + name));
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "source" && key != "date" && key != "level" && key != "header_line" && key != "separator" &&
        key != "code" && key != "indicators") {
      fail(key, "unknown member");
    }
  }
  return m;
}

}  // namespace relais::indicators
