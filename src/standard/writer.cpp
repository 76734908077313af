#include "standard/writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/enums.h"
#include "core/field.h"

namespace relais::standard {
namespace {

template <typename E>
std::string join_labels(const std::vector<E>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += '|';
    out += label(values[i]);
  }
  return out;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += '|';
    out += values[i];
  }
  return out;
}

// A JSON string literal; invalid UTF-8 is replaced (U+FFFD) rather than thrown on.
std::string json_string(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool is_coordinate(std::string_view name) { return name == "latitude" || name == "longitude"; }

// The flat record as a JSON object; coordinates stay numbers, written with
// the same shortest digits as the CSV.
void write_object(std::ostream& out, const RawRecord& record) {
  out << '{';
  bool first = true;
  for (const auto& [name, text] : record.fields) {
    if (!first) out << ',';
    first = false;
    out << json_string(name) << ':' << (is_coordinate(name) ? text : json_string(text));
  }
  out << '}';
}

}  // namespace

std::string format_coordinate(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc{} ? std::string(buffer, end) : std::string();
}

std::string format_date(std::chrono::year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string to_csv_cell(std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

RawRecord to_raw(const Place& place) {
  RawRecord record;
  auto put = [&](Field field, std::string text) {
    if (!text.empty()) record.fields.emplace_back(std::string(field_name(field)), std::move(text));
  };
  auto put_optional = [&](Field field, const std::optional<std::string>& text) {
    if (text) put(field, *text);
  };
  put(Field::id, place.id);
  put(Field::pivot, place.pivot);
  put(Field::nom, place.nom);
  put(Field::commune, place.commune);
  put(Field::code_postal, place.code_postal);
  put_optional(Field::code_insee, place.code_insee);
  put(Field::adresse, place.adresse);
  put_optional(Field::complement_adresse, place.complement_adresse);
  // Non-finite coordinates cannot be written as JSON numbers; a valid Place has none.
  if (place.coordinates && std::isfinite(place.coordinates->latitude) &&
      std::isfinite(place.coordinates->longitude)) {
    put(Field::latitude, format_coordinate(place.coordinates->latitude));
    put(Field::longitude, format_coordinate(place.coordinates->longitude));
  }
  put(Field::typologie, join_labels(place.typologie));
  put_optional(Field::telephone, place.telephone);
  put(Field::courriels, join(place.courriels));
  put(Field::site_web, join(place.site_web));
  put_optional(Field::horaires, place.horaires);
  put_optional(Field::presentation_resume, place.presentation_resume);
  put_optional(Field::presentation_detail, place.presentation_detail);
  put_optional(Field::source, place.source);
  put(Field::itinerance, join_labels(place.itinerance));
  put_optional(Field::structure_parente, place.structure_parente);
  if (place.date_maj.ok()) put(Field::date_maj, format_date(place.date_maj));
  put(Field::services, join_labels(place.services));
  put(Field::publics_specifiquement_adresses, join_labels(place.publics_specifiquement_adresses));
  put(Field::prise_en_charge_specifique, join_labels(place.prise_en_charge_specifique));
  put(Field::frais_a_charge, join_labels(place.frais_a_charge));
  put(Field::dispositif_programmes_nationaux, join_labels(place.dispositif_programmes_nationaux));
  put(Field::formations_labels, join_labels(place.formations_labels));
  put(Field::autres_formations_labels, join(place.autres_formations_labels));
  put(Field::modalites_acces, join_labels(place.modalites_acces));
  put(Field::modalites_accompagnement, join_labels(place.modalites_accompagnement));
  put_optional(Field::fiche_acces_libre, place.fiche_acces_libre);
  put_optional(Field::prise_rdv, place.prise_rdv);
  return record;
}

void write_csv(std::ostream& out, std::span<const Place> places) {
  for (std::size_t i = 0; i < kFieldCount; ++i) out << (i ? "," : "") << kFieldNames[i];
  out << '\n';
  for (const auto& place : places) {
    RawRecord record = to_raw(place);
    std::size_t next = 0;  // fields of to_raw are in schema order
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      if (i > 0) out << ',';
      if (next < record.fields.size() && record.fields[next].first == kFieldNames[i])
        out << to_csv_cell(record.fields[next++].second);
    }
    out << '\n';
  }
}

void write_json(std::ostream& out, std::span<const Place> places) {
  out << '[';
  for (std::size_t i = 0; i < places.size(); ++i) {
    out << (i ? ",\n" : "\n");
    write_object(out, to_raw(places[i]));
  }
  out << (places.empty() ? "]\n" : "\n]\n");
}

void write_geojson(std::ostream& out, std::span<const Place> places) {
  out << R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  for (const auto& place : places) {
    RawRecord record = to_raw(place);
    const auto* latitude = record.find("latitude");
    const auto* longitude = record.find("longitude");
    if (!latitude || !longitude) continue;
    out << (first ? "\n" : ",\n");
    first = false;
    out << R"({"type":"Feature","geometry":{"type":"Point","coordinates":[)" << *longitude << ','
        << *latitude << R"(]},"properties":)";
    write_object(out, record);
    out << '}';
  }
  out << (first ? "]}\n" : "\n]}\n");
}

}  // namespace relais::standard
