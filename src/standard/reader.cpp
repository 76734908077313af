#include "standard/reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>

#include "core/field.h"
#include "standard/csv_reader.h"
#include "standard/json_reader.h"
#include "standard/layout.h"

namespace relais::standard {
namespace {

constexpr std::array<std::string_view, 29> kV01Fields{
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "cle_ban", "typologie", "telephone",
    "courriel", "site_web", "horaires", "presentation_resume", "presentation_detail",
    "source", "structure_parente", "date_maj", "services", "publics_accueillis",
    "conditions_acces", "labels_nationaux", "labels_autres", "modalites_accompagnement",
    "accessibilite", "prise_rdv",
};

// Names that exist in only one layout; shared names say nothing.
constexpr std::array<std::string_view, 7> kV01Only{
    "cle_ban", "courriel", "publics_accueillis", "conditions_acces",
    "labels_nationaux", "labels_autres", "accessibilite",
};
constexpr std::array<std::string_view, 10> kV1Only{
    "courriels", "itinerance", "publics_specifiquement_adresses",
    "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux",
    "formations_labels", "autres_formations_labels", "modalites_acces", "fiche_acces_libre",
};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  auto tail = text.substr(text.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
}

}  // namespace

bool is_v01_field(std::string_view name) { return contains(kV01Fields, name); }
bool is_v1_field(std::string_view name) { return field_from_name(name).has_value(); }

bool is_known_field(std::string_view name, Layout layout) {
  switch (layout) {
    case Layout::V1: return is_v1_field(name);
    case Layout::V0_1: return is_v01_field(name);
    case Layout::Unknown: return is_v1_field(name) || is_v01_field(name);
  }
  return false;
}

char list_separator(Layout layout) { return layout == Layout::V0_1 ? ';' : '|'; }

Layout detect_layout(const std::vector<std::string>& field_names) {
  int v01 = 0, v1 = 0, shared = 0;
  for (const auto& name : field_names) {
    if (contains(kV01Only, name)) ++v01;
    else if (contains(kV1Only, name)) ++v1;
    else if (is_v1_field(name)) ++shared;
  }
  if (v01 > v1) return Layout::V0_1;
  if (v1 > 0 || shared > 0) return Layout::V1;  // shared names only: the current version
  return Layout::Unknown;
}

std::string_view layout_name(Layout layout) {
  switch (layout) {
    case Layout::V1: return "v1";
    case Layout::V0_1: return "v0.1";
    case Layout::Unknown: return "unknown";
  }
  return "unknown";
}

Format detect_format(std::string_view bytes, std::string_view file_name) {
  if (ends_with_ci(file_name, ".csv")) return Format::Csv;
  if (ends_with_ci(file_name, ".json") || ends_with_ci(file_name, ".geojson")) return Format::Json;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (bytes[first] == '[' || bytes[first] == '{'))
    return Format::Json;
  return Format::Csv;
}

ReadResult read_buffer(std::string_view bytes, std::string_view file_name, Format format) {
  if (format == Format::Auto) format = detect_format(bytes, file_name);
  return format == Format::Json ? read_json(bytes, file_name) : read_csv(bytes, file_name);
}

ReadResult read_file(const std::filesystem::path& path, Format format) {
  // One read of the whole file: readers then work on a contiguous buffer,
  // which keeps line tracking simple and costs one copy of the file in memory.
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  if (in) {
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) {
      bytes.resize(static_cast<std::size_t>(size));
      in.read(bytes.data(), size);
    }
  }
  if (!in) {
    ReadResult result;
    result.fatal = true;
    Problem p;
    p.file = path.string();
    p.rule = "file.open";
    p.message = "cannot open or read the file";
    p.action = Action::FileRejected;
    result.problems.push_back(std::move(p));
    return result;
  }
  return read_buffer(bytes, path.string(), format);
}

}  // namespace relais::standard
