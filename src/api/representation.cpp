#include "api/representation.h"

#include <algorithm>
#include <cmath>

#include "core/field.h"
#include "standard/writer.h"

namespace relais::api {
namespace {

template <typename T>
nlohmann::json optional_string(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

template <typename E>
nlohmann::json enum_list(const std::vector<E>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (auto value : values) out.push_back(std::string(label(value)));
  return out;
}

nlohmann::json string_list(const std::vector<std::string>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& value : values) out.push_back(value);
  return out;
}

}  // namespace

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// place_json, without "ouvert" when `now` is null (pre-rendering).
nlohmann::json place_object(const Dataset& dataset, std::uint32_t index, const std::chrono::sys_seconds* now,
                            const geo::Hit* hit) {
  const auto& catalog = dataset.catalog();
  const Place& place = catalog.places()[index];
  const auto& extras = catalog.extras(index);
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& record : catalog.records_of(index)) sources.push_back({{"source", record.source}, {"id", record.id}});
  nlohmann::json object{
      {"ref", dataset.ref(index)},
      {"id", place.id},
      {"sources", std::move(sources)},
      {"pivot", place.pivot},
      {"nom", place.nom},
      {"adresse", place.adresse},
      {"complement_adresse", optional_string(place.complement_adresse)},
      {"code_postal", place.code_postal},
      {"commune", place.commune},
      {"code_insee", optional_string(extras.code_insee)},
      {"epci", optional_string(extras.epci)},
      {"departement", optional_string(extras.departement)},
      {"region", optional_string(extras.region)},
      {"latitude", place.coordinates ? nlohmann::json(place.coordinates->latitude) : nlohmann::json()},
      {"longitude", place.coordinates ? nlohmann::json(place.coordinates->longitude) : nlohmann::json()},
      {"typologie", enum_list(place.typologie)},
      {"telephone", optional_string(place.telephone)},
      {"courriels", string_list(place.courriels)},
      {"site_web", string_list(place.site_web)},
      {"horaires", optional_string(place.horaires)},
      {"presentation_resume", optional_string(place.presentation_resume)},
      {"presentation_detail", optional_string(place.presentation_detail)},
      {"source", optional_string(place.source)},
      {"itinerance", enum_list(place.itinerance)},
      {"structure_parente", optional_string(place.structure_parente)},
      {"date_maj", standard::format_date(place.date_maj)},
      {"services", enum_list(place.services)},
      {"publics_specifiquement_adresses", enum_list(place.publics_specifiquement_adresses)},
      {"prise_en_charge_specifique", enum_list(place.prise_en_charge_specifique)},
      {"frais_a_charge", enum_list(place.frais_a_charge)},
      {"dispositif_programmes_nationaux", enum_list(place.dispositif_programmes_nationaux)},
      {"formations_labels", enum_list(place.formations_labels)},
      {"autres_formations_labels", string_list(place.autres_formations_labels)},
      {"modalites_acces", enum_list(place.modalites_acces)},
      {"modalites_accompagnement", enum_list(place.modalites_accompagnement)},
      {"fiche_acces_libre", optional_string(place.fiche_acces_libre)},
      {"prise_rdv", optional_string(place.prise_rdv)},
  };
  if (now) object["ouvert"] = extras.schedule ? nlohmann::json(extras.schedule->is_open(*now)) : nlohmann::json();
  if (hit) {
    object["distance_metres"] = hit->distance_metres ? nlohmann::json(*hit->distance_metres) : nlohmann::json();
    nlohmann::json matched = nlohmann::json::object();
    for (const auto& match : geo::describe_matches(*hit)) {
      matched[std::string(match.field)].push_back(std::string(match.value));
    }
    object["correspondances"] = std::move(matched);
  }
  return object;
}

}  // namespace

nlohmann::json place_json(const Dataset& dataset, std::uint32_t index, std::chrono::sys_seconds now,
                          const geo::Hit* hit) {
  return place_object(dataset, index, &now, hit);
}

nlohmann::json place_feature(const Dataset& dataset, std::uint32_t index, std::chrono::sys_seconds now,
                             const geo::Hit* hit) {
  const Place& place = dataset.catalog().places()[index];
  nlohmann::json geometry;
  if (place.coordinates) {
    geometry = {{"type", "Point"}, {"coordinates", {place.coordinates->longitude, place.coordinates->latitude}}};
  }
  return {{"type", "Feature"},
          {"id", dataset.ref(index)},
          {"geometry", std::move(geometry)},
          {"properties", place_json(dataset, index, now, hit)}};
}

namespace {

// The members of `object` whose keys are in [from, to), dumped, without braces.
std::string members(const nlohmann::json& object, std::string_view from, std::string_view to) {
  nlohmann::json part = nlohmann::json::object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key() >= from && (to.empty() || it.key() < to)) part[it.key()] = it.value();
  }
  std::string text = dump(part);
  return text.substr(1, text.size() - 2);
}

// The request-dependent members, in the order of nlohmann::json's sorted keys:
// a < "correspondances" < b < "distance_metres" < c < "ouvert" < d.
constexpr std::string_view kCutB = "correspondances", kCutC = "distance_metres", kCutD = "ouvert";

void append_member(std::string& out, std::string_view part) {
  if (part.empty()) return;
  if (out.back() != '{') out.push_back(',');
  out += part;
}

// A string as nlohmann::json dumps it: as is when nothing needs escaping,
// else through nlohmann::json. Only for the field names and labels of the
// standard (describe_matches), which are valid UTF-8: nlohmann writes valid
// UTF-8 unchanged.
void append_string(std::string& out, std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == '"' || c == '\\') {
      out += dump(nlohmann::json(std::string(text)));
      return;
    }
  }
  out.push_back('"');
  out += text;
  out.push_back('"');
}

// dump(nlohmann::json(value)) for a double (null when absent or not finite),
// without building a JSON value: nlohmann's own shortest-digits formatting.
void append_number(std::string& out, const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) {
    out += "null";
    return;
  }
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, *value);
  out.append(buffer, end);
}

// "correspondances" of a hit: {field: [values in match order]} with sorted
// fields, as the nlohmann::json object of place_json() dumps it.
void append_matches(std::string& out, const geo::Hit& hit) {
  auto matches = geo::describe_matches(hit);
  std::stable_sort(matches.begin(), matches.end(),
                   [](const geo::Match& a, const geo::Match& b) { return a.field < b.field; });
  out.push_back('{');
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const bool first_of_field = i == 0 || matches[i].field != matches[i - 1].field;
    if (first_of_field) {
      if (i) out += "],";
      append_string(out, matches[i].field);
      out += ":[";
    } else {
      out.push_back(',');
    }
    append_string(out, matches[i].value);
  }
  if (!matches.empty()) out.push_back(']');
  out.push_back('}');
}

}  // namespace

RenderedPlaceText render_place_text(const Dataset& dataset, std::uint32_t index) {
  const nlohmann::json object = place_object(dataset, index, nullptr, nullptr);
  RenderedPlaceText text;
  text.text = members(object, "", kCutB);
  text.b = static_cast<std::uint32_t>(text.text.size());
  text.text += members(object, kCutB, kCutC);
  text.c = static_cast<std::uint32_t>(text.text.size());
  text.text += members(object, kCutC, kCutD);
  text.d = static_cast<std::uint32_t>(text.text.size());
  text.text += members(object, kCutD, "");
  return text;
}

void prefetch_places(const Dataset& dataset, std::span<const geo::Hit> hits) {
  const auto& catalog = dataset.catalog();
  for (const auto& hit : hits) {
    __builtin_prefetch(&dataset.place_text(hit.place));
    __builtin_prefetch(&catalog.extras(hit.place).schedule);
  }
  for (const auto& hit : hits) {
    __builtin_prefetch(dataset.place_text(hit.place).text.data());
    if (const auto* schedule = catalog.extras(hit.place).schedule.get()) __builtin_prefetch(schedule);
  }
}

void append_place_json(std::string& out, const Dataset& dataset, std::uint32_t index, std::chrono::sys_seconds now,
                       const geo::Hit* hit) {
  const PlaceText& text = dataset.place_text(index);
  const auto& extras = dataset.catalog().extras(index);
  out.push_back('{');
  append_member(out, text.a_part());
  if (hit) {
    out += ",\"correspondances\":";
    append_matches(out, *hit);
  }
  append_member(out, text.b_part());
  if (hit) {
    out += ",\"distance_metres\":";
    append_number(out, hit->distance_metres);
  }
  append_member(out, text.c_part());
  append_member(out, !extras.schedule ? "\"ouvert\":null"
                     : extras.schedule->is_open(now) ? "\"ouvert\":true"
                                                     : "\"ouvert\":false");
  append_member(out, text.d_part());
  out.push_back('}');
}

void append_place_feature(std::string& out, const Dataset& dataset, std::uint32_t index,
                          std::chrono::sys_seconds now, const geo::Hit* hit) {
  const Place& place = dataset.catalog().places()[index];
  nlohmann::json geometry;
  if (place.coordinates) {
    geometry = {{"type", "Point"}, {"coordinates", {place.coordinates->longitude, place.coordinates->latitude}}};
  }
  // Sorted keys: geometry, id, properties, type.
  out += "{\"geometry\":";
  out += dump(geometry);
  out += ",\"id\":";
  out += dump(nlohmann::json(dataset.ref(index)));
  out += ",\"properties\":";
  append_place_json(out, dataset, index, now, hit);
  out += ",\"type\":\"Feature\"}";
}

std::string csv_header() {
  std::string out;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (i) out.push_back(',');
    out += kFieldNames[i];
  }
  out.push_back('\n');
  return out;
}

// Same layout as standard::write_csv (which takes a span of contiguous places;
// an export streams the hits of a search, so rows are written one by one).
void append_csv_row(std::string& out, const Place& place) {
  RawRecord record = standard::to_raw(place);
  std::size_t next = 0;  // to_raw's fields are in schema order
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (i > 0) out.push_back(',');
    if (next < record.fields.size() && record.fields[next].first == kFieldNames[i]) {
      out += standard::to_csv_cell(record.fields[next++].second);
    }
  }
  out.push_back('\n');
}

}  // namespace relais::api
