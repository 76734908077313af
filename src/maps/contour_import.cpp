#include "maps/contour_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "maps/dissolve.h"
#include "maps/geojson.h"

namespace relais::maps {
namespace {

struct Read {
  std::size_t index;
  std::string code, name;
  MultiPolygon polygons;
};

std::optional<std::string> first_property(const Feature& f, std::span<const std::string_view> keys,
                                          std::string* key_found = nullptr) {
  for (auto key : keys) {
    auto it = f.properties.find(std::string(key));
    if (it != f.properties.end() && !it->second.empty()) {
      if (key_found) *key_found = key;
      return it->second;
    }
  }
  return std::nullopt;
}

std::string level_of_key(std::string_view key) {
  if (key == "INSEE_COM" || key == "code_insee") return kCommune;
  if (key == "DDEP_C_COD" || key == "INSEE_DEP" || key == "code_departement") return kDepartement;
  if (key == "INSEE_REG" || key == "code_region") return kRegion;
  return "";
}

std::string guess_level(const std::vector<Read>& features, std::string_view key,
                        const std::set<std::string>& region_codes) {
  if (auto level = level_of_key(key); !level.empty()) return level;
  if (features.empty()) return kCommune;
  if (std::all_of(features.begin(), features.end(), [](const Read& r) { return r.code.size() == 5; })) return kCommune;
  const bool all_regions = std::all_of(features.begin(), features.end(),
                                       [&](const Read& r) { return region_codes.contains(r.code); });
  return all_regions && features.size() <= region_codes.size() ? kRegion : kDepartement;
}

Problem code_problem(const std::string& file, std::size_t record, std::string code, std::string rule,
                     std::string message, Severity severity, Action action) {
  Problem p = located_problem(file, 0, "properties.code", std::move(code), std::move(rule), std::move(message),
                              severity, action);
  p.record = record;
  return p;
}

std::string examples(const std::vector<std::string>& codes) {
  std::string out;
  for (std::size_t i = 0; i < codes.size() && i < 5; ++i) out += (i ? ", " : "") + codes[i];
  if (codes.size() > 5) out += ", …";
  return out;
}

}  // namespace

bool is_level(std::string_view level) { return level == kCommune || level == kDepartement || level == kRegion; }

ImportedContours import_contours(std::string_view geojson, const std::string& file_name,
                                 const territory::CommuneIndex& communes, const ContourImportOptions& options) {
  ImportedContours out;
  std::vector<Read> features;
  Problems code_problems;  // found while reading, after the reader's own
  out.problems = read_feature_collection(geojson, file_name, [&](Feature&& f) {
    ++out.features;
    std::string key;
    auto code = first_property(f, kCodeKeys, &key);
    if (!code) {
      Problem p = located_problem(file_name, 0, "properties.code", "", "contours.code",
                                  "no code property (code, INSEE_COM, DDEP_C_COD…); feature left out",
                                  Severity::Error, Action::RecordDropped);
      p.record = f.index;
      code_problems.push_back(std::move(p));
      return;
    }
    if (out.code_key.empty()) out.code_key = key;
    out.points_read += point_count(f.polygons);
    features.push_back({f.index, *code, first_property(f, kNameKeys).value_or(*code), std::move(f.polygons)});
  });
  if (std::any_of(out.problems.begin(), out.problems.end(),
                  [](const Problem& p) { return p.action == Action::FileRejected; })) {
    out.rejected = true;
    return out;
  }
  out.problems.insert(out.problems.end(), code_problems.begin(), code_problems.end());

  std::set<std::string> departements, regions;
  std::vector<std::string> current_communes;
  for (const auto& c : communes.communes()) {
    departements.insert(c.code_departement);
    regions.insert(c.code_region);
    if (!c.commune_parente) current_communes.push_back(c.code_insee);
  }
  out.level = options.level;
  if (out.level.empty()) {
    out.level = guess_level(features, out.code_key, regions);
    out.level_guessed = true;
  }

  std::map<std::string, Contour> by_code;
  std::set<std::string> own_codes;  // codes given by a feature of their own
  std::map<std::string, std::size_t> parts;  // code -> number of features put in it
  for (auto& f : features) {
    std::string code = f.code, name = f.name;
    if (out.level == kCommune) {
      if (const territory::Commune* c = communes.find(f.code)) {
        name = c->nom;
      } else if (const territory::Commune* now = communes.find_commune(f.code)) {
        code = now->code_insee;
        name = now->nom;
        out.problems.push_back(code_problem(file_name, f.index, f.code, "contours.former_commune",
                                            "former commune: its polygons are added to " + code + " " + now->nom,
                                            Severity::Warning, Action::None));
      } else {
        out.problems.push_back(code_problem(file_name, f.index, f.code, "contours.unknown_code",
                                            "no such commune, current or former; feature left out",
                                            Severity::Warning, Action::RecordDropped));
        continue;
      }
    } else {
      const auto& known = out.level == kDepartement ? departements : regions;
      if (!known.contains(f.code)) {
        out.problems.push_back(code_problem(file_name, f.index, f.code, "contours.unknown_code",
                                            "no such " + out.level + " among the communes' ones; feature left out",
                                            Severity::Warning, Action::RecordDropped));
        continue;
      }
    }
    if (f.code == code && !own_codes.insert(code).second) {
      out.problems.push_back(code_problem(file_name, f.index, f.code, "contours.duplicate_code",
                                          "code given by an earlier feature too: polygons put together",
                                          Severity::Warning, Action::None));
    }
    auto it = by_code.try_emplace(code, Contour{out.level, code, name, {}}).first;
    ++parts[code];
    for (auto& polygon : f.polygons) it->second.polygons.push_back(std::move(polygon));
  }
  // Former communes' polygons are united without their inner borders, then
  // all geometries are simplified together, so neighbours keep one border
  // (after the union, so shared borders still match exactly when it runs).
  std::vector<MultiPolygon*> geometries;
  for (auto& [code, contour] : by_code) {
    if (parts[code] > 1) contour.polygons = dissolve(contour.polygons);
    out.contours.push_back(std::move(contour));
  }
  for (auto& contour : out.contours) geometries.push_back(&contour.polygons);
  simplify_shared(geometries, options.tolerance);
  for (const auto& contour : out.contours) out.points_kept += point_count(contour.polygons);

  std::vector<std::string> absent;
  if (out.level == kCommune) {
    std::set<std::string> parents_with_arrondissements;
    for (const auto& [code, contour] : by_code) {
      (void)contour;
      if (const auto* c = communes.find(code); c && c->commune_parente) parents_with_arrondissements.insert(*c->commune_parente);
    }
    for (const auto& code : current_communes) {
      if (!by_code.contains(code) && !parents_with_arrondissements.contains(code)) absent.push_back(code);
    }
  } else {
    for (const auto& code : out.level == kDepartement ? departements : regions) {
      if (!by_code.contains(code)) absent.push_back(code);
    }
  }
  out.territories_without_contour = absent.size();
  if (!absent.empty()) {
    out.problems.push_back(located_problem(file_name, 0, "", examples(absent), "contours.missing_territories",
                                           std::to_string(absent.size()) + " " + out.level +
                                               " codes of today have no contour in this file",
                                           Severity::Warning, Action::None));
  }
  return out;
}

}  // namespace relais::maps
