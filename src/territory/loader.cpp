#include "territory/loader.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/csv.h"

namespace relais::territory {
namespace {

using nlohmann::json;

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TerritoryLoadError("cannot open " + path.string());
  try {
    return json::parse(in);
  } catch (const json::exception& e) {  // parse_error, out_of_range (huge numbers)
    throw TerritoryLoadError(path.string() + ": not JSON: " + e.what());
  }
}

std::string string_or_empty(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool valid_code_insee(std::string_view code) {
  // Schema v1.0.2 pattern ^([013-9]\d|2[AB1-9])\d{3}$, checked by hand (5 bytes).
  if (code.size() != 5) return false;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  bool head = (digit(code[0]) && code[0] != '2' && digit(code[1])) ||
              (code[0] == '2' && (code[1] == 'A' || code[1] == 'B' || (code[1] >= '1' && code[1] <= '9')));
  return head && digit(code[2]) && digit(code[3]) && digit(code[4]);
}

bool valid_postcode(std::string_view code) {
  return code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "45.76, 4.83" or "45.76,4.83"; nullopt when malformed or out of range.
std::optional<Coordinates> parse_lat_lon(std::string_view text) {
  auto comma = text.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view s) -> std::optional<double> {
    s = trim(s);
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
  };
  auto lat = number(text.substr(0, comma));
  auto lon = number(text.substr(comma + 1));
  if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) return std::nullopt;
  return Coordinates{*lat, *lon};
}

std::vector<CsvRow> read_csv(const std::filesystem::path& path, char delimiter) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TerritoryLoadError("cannot open " + path.string());
  try {
    return read_csv_rows(in, delimiter);
  } catch (const CsvError& e) {
    throw TerritoryLoadError(path.string() + ": CSV error at " + e.what());
  }
}

Problem bad_row(const std::filesystem::path& path, std::size_t line, std::string field, std::string value,
                std::string rule, std::string message, Severity severity = Severity::Error) {
  Problem p = located_problem(path.string(), line, std::move(field), std::move(value), std::move(rule),
                              std::move(message), severity,
                              severity == Severity::Error ? Action::RecordDropped : Action::None);
  p.record = line >= 2 ? line - 2 : 0;
  return p;
}

}  // namespace

std::vector<Commune> load_decoupage(const std::filesystem::path& dir) {
  const json communes = read_json(dir / "communes.json");
  const json epcis = read_json(dir / "epci.json");
  if (!communes.is_array() || !epcis.is_array()) {
    throw TerritoryLoadError(dir.string() + ": communes.json and epci.json must be arrays");
  }

  std::unordered_map<std::string, std::string> epci_of_commune;
  for (const auto& epci : epcis) {
    const std::string code = string_or_empty(epci, "code");
    auto members = epci.find("membres");
    if (code.empty() || members == epci.end() || !members->is_array()) continue;
    for (const auto& m : *members) epci_of_commune[string_or_empty(m, "code")] = code;
  }

  std::vector<Commune> out;
  std::unordered_map<std::string, std::size_t> index_of;
  std::vector<std::pair<std::string, std::string>> delegated;  // (old code, chef-lieu)
  for (const auto& c : communes) {
    const std::string type = string_or_empty(c, "type");
    const std::string code = string_or_empty(c, "code");
    if (type == "commune-deleguee" || type == "commune-associee") {
      std::string chef = string_or_empty(c, "chefLieu");
      if (!chef.empty() && chef != code) delegated.emplace_back(code, chef);
      continue;
    }
    if (type != "commune-actuelle" && type != "arrondissement-municipal") continue;
    if (code.empty()) throw TerritoryLoadError((dir / "communes.json").string() + ": commune without code");
    Commune commune;
    commune.code_insee = code;
    commune.nom = string_or_empty(c, "nom");
    commune.code_departement = string_or_empty(c, "departement");
    commune.code_region = string_or_empty(c, "region");
    if (auto pop = c.find("population"); pop != c.end() && pop->is_number_integer()) {
      commune.population = pop->get<std::int64_t>();
    }
    if (auto cps = c.find("codesPostaux"); cps != c.end() && cps->is_array()) {
      for (const auto& cp : *cps) {
        if (cp.is_string()) commune.codes_postaux.push_back(cp.get<std::string>());
      }
      sort_unique(commune.codes_postaux);
    }
    if (auto old = c.find("anciensCodes"); old != c.end() && old->is_array()) {
      for (const auto& o : *old) {
        if (o.is_string() && o.get<std::string>() != code) commune.anciens_codes.push_back(o.get<std::string>());
      }
    }
    if (type == "arrondissement-municipal") commune.commune_parente = string_or_empty(c, "commune");
    if (auto it = epci_of_commune.find(code); it != epci_of_commune.end()) commune.code_epci = it->second;
    index_of.emplace(code, out.size());
    out.push_back(std::move(commune));
  }
  for (const auto& [old, chef] : delegated) {
    auto it = index_of.find(chef);
    if (it != index_of.end() && !index_of.contains(old)) out[it->second].anciens_codes.push_back(old);
  }
  for (auto& commune : out) {
    sort_unique(commune.anciens_codes);
    if (commune.commune_parente && !commune.code_epci) {
      if (auto it = epci_of_commune.find(*commune.commune_parente); it != epci_of_commune.end()) {
        commune.code_epci = it->second;
      }
    }
  }
  return out;
}

Problems apply_laposte(std::vector<Commune>& communes, const std::filesystem::path& csv_path) {
  auto rows = read_csv(csv_path, ';');
  if (rows.empty()) throw TerritoryLoadError(csv_path.string() + ": empty file");
  const auto& header = rows.front().fields;
  if (header.size() != 6 || header[0] != "Code_commune_INSEE" || header[2] != "Code_postal" ||
      header[5] != "coordonnees_gps") {
    throw TerritoryLoadError(csv_path.string() +
                             ":1: header must be Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;"
                             "Libellé_d_acheminement;coordonnees_gps");
  }

  std::unordered_map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < communes.size(); ++i) index_of.emplace(communes[i].code_insee, i);
  for (std::size_t i = 0; i < communes.size(); ++i) {
    for (const auto& old : communes[i].anciens_codes) index_of.emplace(old, i);  // keeps current codes first
  }

  Problems problems;
  // Position candidates: a row without Ligne_5 (the commune itself) wins over
  // a locality row; the first such row wins.
  std::vector<int> position_rank(communes.size(), 3);  // 0 own row, 1 own locality, 2 former code
  std::vector<std::optional<Coordinates>> positions(communes.size());
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r].fields;
    const std::size_t line = rows[r].line;
    if (row.size() != 6) {
      problems.push_back(bad_row(csv_path, line, "", "", "laposte.columns",
                                 "expected 6 ';'-separated columns, found " + std::to_string(row.size())));
      continue;
    }
    const std::string code(trim(row[0]));
    const std::string postcode(trim(row[2]));
    if (!valid_code_insee(code)) {
      problems.push_back(bad_row(csv_path, line, "Code_commune_INSEE", row[0], "laposte.code_insee",
                                 "not an INSEE commune code"));
      continue;
    }
    if (!valid_postcode(postcode)) {
      problems.push_back(bad_row(csv_path, line, "Code_postal", row[2], "laposte.code_postal",
                                 "postcode must be 5 digits"));
      continue;
    }
    std::optional<Coordinates> position;
    if (!trim(row[5]).empty()) {
      position = parse_lat_lon(row[5]);
      if (!position) {
        problems.push_back(bad_row(csv_path, line, "coordonnees_gps", row[5], "laposte.coordonnees",
                                   "expected \"latitude, longitude\" in degrees"));
        continue;
      }
    }
    auto it = index_of.find(code);
    if (it == index_of.end()) {
      problems.push_back(bad_row(csv_path, line, "Code_commune_INSEE", code, "laposte.unknown_code",
                                 "code not in the current COG (row ignored)", Severity::Warning));
      continue;
    }
    Commune& commune = communes[it->second];
    const bool own_code = commune.code_insee == code;
    commune.codes_postaux.push_back(postcode);
    for (std::size_t field : {std::size_t{1}, std::size_t{3}, std::size_t{4}}) {
      std::string name(trim(row[field]));
      if (!name.empty()) commune.autres_noms.push_back(std::move(name));
    }
    if (position) {
      int rank = !own_code ? 2 : trim(row[3]).empty() ? 0 : 1;
      if (rank < position_rank[it->second]) {
        position_rank[it->second] = rank;
        positions[it->second] = position;
      }
    }
  }

  std::map<std::string, std::pair<Coordinates, int>> arrondissement_sums;
  for (std::size_t i = 0; i < communes.size(); ++i) {
    Commune& c = communes[i];
    sort_unique(c.codes_postaux);
    sort_unique(c.autres_noms);
    if (!c.position && positions[i]) c.position = positions[i];
    if (c.commune_parente && c.position) {
      auto& [sum, n] = arrondissement_sums[*c.commune_parente];
      sum.latitude += c.position->latitude;
      sum.longitude += c.position->longitude;
      ++n;
    }
  }
  for (auto& c : communes) {
    auto it = arrondissement_sums.find(c.code_insee);
    if (c.position || it == arrondissement_sums.end()) continue;
    const auto& [sum, n] = it->second;
    c.position = Coordinates{sum.latitude / n, sum.longitude / n};
  }
  return problems;
}

CommuneIndex build_commune_index(const std::filesystem::path& decoupage_dir,
                                 const std::filesystem::path& laposte_csv, Problems* problems) {
  auto communes = load_decoupage(decoupage_dir);
  Problems found = apply_laposte(communes, laposte_csv);
  if (problems) *problems = std::move(found);
  return CommuneIndex(std::move(communes));
}

}  // namespace relais::territory
