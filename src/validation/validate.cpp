#include "validation/validate.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/field.h"
#include "core/text.h"
#include "validation/rules.h"

namespace relais::validation {
namespace {

constexpr std::size_t kResumeMaxLength = 280;  // schema maxLength, in characters

// field_from_name, faster: only the names of the same length are compared
// (at most 4 of the 32), found through a table built once by length.
std::optional<Field> lookup_field(std::string_view name) {
  constexpr std::size_t kMaxLength = 40, kMaxPerLength = 8;
  struct ByLength {
    std::array<std::array<std::uint8_t, kMaxPerLength>, kMaxLength> fields{};
    std::array<std::uint8_t, kMaxLength> count{};
  };
  static constexpr ByLength kByLength = [] {
    ByLength table;
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      std::size_t length = kFieldNames[i].size();
      table.fields[length][table.count[length]++] = static_cast<std::uint8_t>(i);
    }
    return table;
  }();
  if (name.empty() || name.size() >= kMaxLength) return std::nullopt;
  for (std::size_t k = 0; k < kByLength.count[name.size()]; ++k) {
    std::size_t i = kByLength.fields[name.size()][k];
    const auto& candidate = kFieldNames[i];
    // The first and last characters reject most candidates without a memcmp call.
    if (candidate[0] == name[0] && candidate.back() == name.back() && candidate == name)
      return static_cast<Field>(i);
  }
  return std::nullopt;
}

// Collects the problems of one record and decides their actions.
class RecordCheck {
 public:
  RecordCheck(const RawRecord& record, std::string_view file, Problems& out, const Options& options)
      : record_(record), file_(file), out_(out), options_(options) {
    // One pass over the record: every later lookup is an array access.
    for (const auto& [name, value] : record.fields) {
      if (auto field = lookup_field(name)) {
        auto& slot = by_field_[static_cast<std::size_t>(*field)];
        if (slot == nullptr) slot = &value;  // first occurrence wins, as RawRecord::find
      } else {
        unknown_.push_back(&name);
      }
    }
    if (const auto* id = raw(Field::id)) id_ = *id;
  }

  const std::vector<const std::string*>& unknown_fields() const { return unknown_; }

  // An Error on `field`: the field is dropped, or the record when required.
  void error(Field field, std::string_view value, std::string rule, std::string message) {
    bool required = is_required(field);
    Action action = Action::None;
    if (options_.policy == Policy::DropInvalid)
      action = required ? Action::RecordDropped : Action::FieldDropped;
    add(field_name(field), value, std::move(rule), std::move(message), Severity::Error, action);
    has_error_ = true;
    if (required) record_dropped_ = true;
  }

  void warning(std::string_view field, std::string_view value, std::string rule, std::string message,
               Action action = Action::None) {
    add(field, value, std::move(rule), std::move(message), Severity::Warning, action);
  }

  // The raw text of a field; nullptr when absent.
  const std::string* raw(Field field) const { return by_field_[static_cast<std::size_t>(field)]; }

  // Free-text optional field: absent or empty -> nullopt.
  std::optional<std::string> text(Field field) const {
    const auto* value = raw(field);
    if (value == nullptr || value->empty()) return std::nullopt;
    return *value;
  }

  bool rejected() const {
    return record_dropped_ || (options_.policy == Policy::Strict && has_error_);
  }
  const Options& options() const { return options_; }

 private:
  void add(std::string_view field, std::string_view value, std::string rule, std::string message,
           Severity severity, Action action) {
    out_.push_back(Problem{std::string(file_), record_.line, record_.index, id_, std::string(field),
                           std::string(value), std::move(rule), std::move(message), severity, action});
  }

  const RawRecord& record_;
  std::string_view file_;
  Problems& out_;
  const Options& options_;
  std::string id_;
  std::array<const std::string*, kFieldCount> by_field_{};
  std::vector<const std::string*> unknown_;
  bool has_error_ = false;
  bool record_dropped_ = false;
};

// 'item' followed by `rest` (built by append: GCC 12 warns falsely on
// operator+ chains here, -Wrestrict).
std::string quoted(std::string_view item, std::string_view rest) {
  std::string text;
  text.reserve(item.size() + rest.size() + 2);
  text.append(1, '\'').append(item).append(1, '\'').append(rest);
  return text;
}

// Calls visit(item) for each item of a '|'-list (as JS split('|'): "" gives
// one empty item); stops and returns false when visit returns false.
template <typename Visit>
bool for_each_item(std::string_view text, Visit visit) {
  std::size_t start = 0;
  while (true) {
    std::size_t bar = text.find('|', start);
    if (!visit(text.substr(start, bar == std::string_view::npos ? bar : bar - start))) return false;
    if (bar == std::string_view::npos) return true;
    start = bar + 1;
  }
}

template <typename T>
void append_unique(std::vector<T>& list, T value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// A '|'-list of enumeration labels: every item must be an exact label (as the
// library's Object.values(Enum).includes and the schema pattern require).
// Duplicates are removed. Returns nullopt (and reports) on the first bad item.
template <typename E>
std::optional<std::vector<E>> enum_list(RecordCheck& check, Field field) {
  const auto* value = check.raw(field);
  if (value == nullptr) return std::vector<E>{};
  std::vector<E> result;
  bool ok = for_each_item(*value, [&](std::string_view item) {
    auto parsed = from_label<E>(item);
    if (!parsed) {
      check.error(field, *value, std::string(field_name(field)) + ".enum",
                  quoted(item, " is not a value of the enumeration"));
      return false;
    }
    append_unique(result, *parsed);
    return true;
  });
  if (!ok) return std::nullopt;
  return result;
}

// A '|'-list whose every item must pass `valid`; the whole field is dropped
// otherwise (the library rejects the whole list too).
template <typename Valid>
std::vector<std::string> checked_list(RecordCheck& check, Field field, Valid valid,
                                      const char* what) {
  const auto* value = check.raw(field);
  if (value == nullptr) return {};
  std::vector<std::string> result;
  bool ok = for_each_item(*value, [&](std::string_view item) {
    if (!valid(item)) {
      check.error(field, *value, std::string(field_name(field)) + ".format",
                  quoted(item, " is not a valid ").append(what));
      return false;
    }
    append_unique(result, std::string(item));
    return true;
  });
  if (!ok) return {};
  return result;
}

std::optional<std::string> checked_url(RecordCheck& check, Field field) {
  const auto* value = check.raw(field);
  if (value == nullptr) return std::nullopt;
  if (!rules::library_url(*value)) {
    check.error(field, *value, std::string(field_name(field)) + ".format",
                "not a valid URL (a scheme such as https:// is required)");
    return std::nullopt;
  }
  return *value;
}

// Required field present and non-empty; reports "<field>.required" otherwise.
const std::string* required(RecordCheck& check, Field field) {
  const auto* value = check.raw(field);
  if (value == nullptr || value->empty()) {
    check.error(field, value ? *value : std::string(), std::string(field_name(field)) + ".required",
                "required field is missing or empty");
    return nullptr;
  }
  return value;
}

void check_identity(RecordCheck& check, Place& place) {
  if (const auto* id = required(check, Field::id)) place.id = *id;
  if (const auto* nom = required(check, Field::nom)) place.nom = *nom;
  if (const auto* pivot = required(check, Field::pivot)) {
    if (!rules::library_pivot(*pivot)) {
      check.error(Field::pivot, *pivot, "pivot.format",
                  "pivot must be a SIRET (14 characters) or an RNA number (W + 9 characters)");
    } else {
      place.pivot = *pivot;
      if (*pivot == kUnknownPivot)
        check.warning("pivot", *pivot, "pivot.placeholder", "pivot is the 'unknown' placeholder 00000000000000");
      else if (!rules::schema_pivot(*pivot))
        check.warning("pivot", *pivot, "pivot.schema_pattern",
                      "accepted by the reference library but not by the schema pattern ^[a-zA-Z0-9]{9,14}$");
    }
  }
}

void check_address(RecordCheck& check, Place& place) {
  if (const auto* v = required(check, Field::adresse)) {
    if (rules::library_adresse(*v)) place.adresse = *v;
    else check.error(Field::adresse, *v, "adresse.format", "address contains characters the standard does not allow");
  }
  if (const auto* v = required(check, Field::code_postal)) {
    if (rules::library_code_postal(*v)) place.code_postal = *v;
    else check.error(Field::code_postal, *v, "code_postal.format", "postcode must be 5 digits");
  }
  if (const auto* v = required(check, Field::commune)) {
    if (rules::library_commune(*v)) place.commune = *v;
    else check.error(Field::commune, *v, "commune.format", "commune name contains characters the standard does not allow");
  }
  if (const auto* v = check.raw(Field::code_insee)) {
    if (!rules::library_code_insee(*v)) {
      check.error(Field::code_insee, *v, "code_insee.format", "not a valid INSEE (COG) commune code");
    } else {
      place.code_insee = *v;
      if (!rules::schema_code_insee(*v))
        check.warning("code_insee", *v, "code_insee.schema_pattern",
                      "accepted by the reference library but not by the schema pattern (5 characters)");
    }
  }
  place.complement_adresse = check.text(Field::complement_adresse);
}

void check_coordinates(RecordCheck& check, Place& place) {
  const auto* lat_text = check.raw(Field::latitude);
  const auto* lon_text = check.raw(Field::longitude);
  if (lat_text == nullptr && lon_text == nullptr) return;
  if (lat_text == nullptr || lon_text == nullptr) {
    const auto* given = lat_text ? lat_text : lon_text;
    check.warning(lat_text ? "latitude" : "longitude", *given, "coordinates.incomplete",
                  "latitude and longitude go together; the lone value is ignored", Action::FieldDropped);
    return;
  }
  auto lat = rules::parse_number(*lat_text);
  auto lon = rules::parse_number(*lon_text);
  bool ok = true;
  if (!lat) { check.error(Field::latitude, *lat_text, "latitude.number", "latitude is not a number"); ok = false; }
  else if (*lat < -90 || *lat > 90) { check.error(Field::latitude, *lat_text, "latitude.range", "latitude must be within -90..90"); ok = false; }
  if (!lon) { check.error(Field::longitude, *lon_text, "longitude.number", "longitude is not a number"); ok = false; }
  else if (*lon < -180 || *lon > 180) { check.error(Field::longitude, *lon_text, "longitude.range", "longitude must be within -180..180"); ok = false; }
  if (!ok) return;
  if (*lat == 0 && *lon == 0) {
    // No place of the standard lies at 0,0 (Gulf of Guinea): a producer's
    // "unknown". Dropped so that maps and distances ignore it.
    check.warning("latitude", *lat_text + "," + *lon_text, "coordinates.zero",
                  "coordinates 0,0 mean 'unknown'; they are ignored", Action::FieldDropped);
    return;
  }
  if (*lat == 0 || *lon == 0)
    check.warning(*lat == 0 ? "latitude" : "longitude", *lat == 0 ? *lat_text : *lon_text,
                  "coordinates.zero_axis", "a coordinate equal to 0 is suspect (the national pipeline treats it as wrong)");
  place.coordinates = Coordinates{*lat, *lon};
}

void check_contact(RecordCheck& check, Place& place) {
  if (const auto* v = check.raw(Field::telephone)) {
    if (!rules::library_telephone(*v)) {
      check.error(Field::telephone, *v, "telephone.format", "not a telephone number the reference library accepts");
    } else {
      place.telephone = *v;
      if (!rules::schema_telephone(*v))
        check.warning("telephone", *v, "telephone.schema_pattern",
                      "accepted by the reference library but not by the schema pattern (international form without spaces)");
    }
  }
  place.courriels = checked_list(check, Field::courriels, rules::library_courriel, "e-mail address");
  place.site_web = checked_list(check, Field::site_web, rules::library_url, "URL (a scheme such as https:// is required)");
  place.fiche_acces_libre = checked_url(check, Field::fiche_acces_libre);
  place.prise_rdv = checked_url(check, Field::prise_rdv);
}

void check_texts(RecordCheck& check, Place& place) {
  place.horaires = check.text(Field::horaires);
  place.presentation_detail = check.text(Field::presentation_detail);
  place.source = check.text(Field::source);
  place.structure_parente = check.text(Field::structure_parente);
  if (auto resume = check.text(Field::presentation_resume)) {
    // Characters = Unicode code points, as the Table Schema's maxLength
    // (frictionless-py `len`); JS .length (UTF-16) differs only on astral
    // characters such as emoji (docs/validation.md).
    std::size_t length = utf8_length(*resume);
    if (length > kResumeMaxLength)
      check.error(Field::presentation_resume, *resume, "presentation_resume.length",
                  "longer than 280 characters (" + std::to_string(length) + ")");
    else
      place.presentation_resume = std::move(resume);
  }
  if (const auto* v = check.raw(Field::autres_formations_labels))
    for_each_item(*v, [&](std::string_view item) {
      append_unique(place.autres_formations_labels, std::string(item));
      return true;
    });
}

void check_date(RecordCheck& check, Place& place) {
  const auto* v = required(check, Field::date_maj);
  if (v == nullptr) return;
  auto date = rules::parse_date(*v);
  if (!date) {
    check.error(Field::date_maj, *v, "date_maj.format", "date must be an ISO 8601 date YYYY-MM-DD");
    return;
  }
  place.date_maj = *date;
  using namespace std::chrono;
  if (*date == year{1970} / January / 1 || *date == year{1969} / December / 31)
    check.warning("date_maj", *v, "date_maj.epoch", "date is the Unix epoch: the producer's date is unknown");
  else if (check.options().today.ok() && sys_days{*date} > sys_days{check.options().today})
    check.warning("date_maj", *v, "date_maj.future", "date is in the future");
}

template <typename E>
void assign_enum(RecordCheck& check, Field field, std::vector<E>& target) {
  if (auto list = enum_list<E>(check, field)) target = std::move(*list);
}

// §8.2: fields that only make sense for a place offering services.
template <typename E>
void assign_service_dependent(RecordCheck& check, Field field, std::vector<E>& target, bool has_services) {
  if (!has_services) {
    if (const auto* v = check.raw(field))
      check.warning(field_name(field), *v, "coupling.no_services",
                    "ignored because the place lists no services", Action::FieldDropped);
    return;
  }
  assign_enum(check, field, target);
}

void check_enumerations(RecordCheck& check, Place& place) {
  if (auto list = enum_list<Service>(check, Field::services)) place.services = std::move(*list);
  bool has_services = !place.services.empty();
  assign_enum(check, Field::typologie, place.typologie);
  assign_enum(check, Field::dispositif_programmes_nationaux, place.dispositif_programmes_nationaux);
  assign_enum(check, Field::formations_labels, place.formations_labels);
  assign_service_dependent(check, Field::publics_specifiquement_adresses, place.publics_specifiquement_adresses, has_services);
  assign_service_dependent(check, Field::prise_en_charge_specifique, place.prise_en_charge_specifique, has_services);
  assign_service_dependent(check, Field::frais_a_charge, place.frais_a_charge, has_services);
  assign_service_dependent(check, Field::itinerance, place.itinerance, has_services);
  assign_service_dependent(check, Field::modalites_accompagnement, place.modalites_accompagnement, has_services);

  const auto* acces = check.raw(Field::modalites_acces);
  if (!has_services) {
    // The library marks a place without services as not open to the public.
    if (acces != nullptr && *acces != label(ModaliteAcces::PasDePublic))
      check.warning("modalites_acces", *acces, "coupling.no_services",
                    "replaced by 'Ce lieu n'accueille pas de public' because the place lists no services",
                    Action::FieldDropped);
    place.modalites_acces = {ModaliteAcces::PasDePublic};
    return;
  }
  std::vector<ModaliteAcces> modalites;
  assign_enum(check, Field::modalites_acces, modalites);
  if (std::erase(modalites, ModaliteAcces::PasDePublic) > 0)
    check.warning("modalites_acces", *acces, "modalites_acces.pas_de_public",
                  "'Ce lieu n'accueille pas de public' is removed because the place lists services");
  place.modalites_acces = std::move(modalites);
}

void check_unknown_fields(RecordCheck& check, const RawRecord& record) {
  if (check.unknown_fields().empty()) return;
  for (const auto& [name, value] : record.fields)
    if (!lookup_field(name)) check.warning(name, value, "field.unknown", "not a field of schema v1.0.2; ignored");
}

void check_encoding(RecordCheck& check, const RawRecord& record, bool& all_valid) {
  for (const auto& [name, value] : record.fields) {
    if (rules::valid_utf8(value)) continue;
    all_valid = false;
    if (auto field = lookup_field(name))
      check.error(*field, "", "text.utf8", "value is not valid UTF-8");
  }
}

}  // namespace

std::optional<Place> to_place(const RawRecord& v1, std::string_view file, Problems& out,
                              const Options& options) {
  RecordCheck check(v1, file, out, options);
  bool valid_utf8 = true;
  check_encoding(check, v1, valid_utf8);
  if (!valid_utf8) {
    // Drop the undecodable fields, then validate the rest.
    RawRecord clean = v1;
    std::erase_if(clean.fields, [](const auto& kv) { return !rules::valid_utf8(kv.second); });
    Problems rest;
    auto place = to_place(clean, file, rest, options);
    out.insert(out.end(), rest.begin(), rest.end());
    return check.rejected() ? std::nullopt : place;
  }
  Place place;
  check_identity(check, place);
  check_address(check, place);
  check_coordinates(check, place);
  check_contact(check, place);
  check_texts(check, place);
  check_date(check, place);
  check_enumerations(check, place);
  check_unknown_fields(check, v1);
  if (check.rejected()) return std::nullopt;
  return place;
}

}  // namespace relais::validation
