#include "paca_loader.h"

#include <csv.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace relais::dedupe::eval {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<std::string> text(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

std::optional<double> number(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::chrono::year_month_day parse_date(const std::string& iso) {
  int y = 1970;
  unsigned m = 1, d = 1;
  if (std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return {};
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::string commune_key(std::string_view name) {
  std::istringstream in(fold_for_search(name));
  std::string out;
  for (std::string w; in >> w;) {
    if (w == "saint") w = "st";
    if (w == "sainte") w = "ste";
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// libcsv callbacks collecting rows of fields.
struct CsvRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

std::vector<std::vector<std::string>> parse_csv(const std::string& bytes, unsigned char delimiter) {
  csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) throw std::runtime_error("csv_init");
  csv_set_delim(&parser, delimiter);
  CsvRows rows;
  auto on_field = [](void* data, size_t size, void* sink) {
    static_cast<CsvRows*>(sink)->current.emplace_back(static_cast<const char*>(data), size);
  };
  auto on_row = [](int, void* sink) {
    auto* r = static_cast<CsvRows*>(sink);
    r->rows.push_back(std::move(r->current));
    r->current.clear();
  };
  csv_parse(&parser, bytes.data(), bytes.size(), on_field, on_row, &rows);
  csv_fini(&parser, on_field, on_row, &rows);
  csv_free(&parser);
  return std::move(rows.rows);
}

}  // namespace

std::vector<Place> load_v01_json(const std::filesystem::path& path) {
  nlohmann::json doc = nlohmann::json::parse(read_all(path));
  std::vector<Place> places;
  for (const auto& record : doc) {
    Place p;
    p.id = text(record, "id").value_or("");
    p.pivot = text(record, "pivot").value_or(std::string(kUnknownPivot));
    p.nom = text(record, "nom").value_or("");
    p.commune = text(record, "commune").value_or("");
    p.code_postal = text(record, "code_postal").value_or("");
    p.code_insee = text(record, "code_insee");
    p.adresse = text(record, "adresse").value_or("");
    auto lat = number(record, "latitude"), lon = number(record, "longitude");
    if (lat && lon) p.coordinates = Coordinates{*lat, *lon};
    p.telephone = text(record, "telephone");
    if (auto mail = text(record, "courriel")) p.courriels = split(*mail, ';');
    p.source = text(record, "source");
    p.date_maj = parse_date(text(record, "date_maj").value_or(""));
    if (auto typologie = text(record, "typologie")) {
      for (const auto& code : split(*typologie, ';')) {
        if (auto t = from_label<Typologie>(code)) p.typologie.push_back(*t);
      }
    }
    places.push_back(std::move(p));
  }
  return places;
}

std::size_t derive_code_insee(std::vector<Place>& places, const std::filesystem::path& laposte_csv) {
  struct Row {
    std::string insee;
    std::optional<Coordinates> at;
  };
  std::map<std::string, std::string> by_name;             // postcode|name key -> insee
  std::map<std::string, std::vector<Row>> by_postcode;
  auto rows = parse_csv(read_all(laposte_csv), ';');
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r];
    if (f.size() < 3) continue;
    by_name.emplace(f[2] + "|" + commune_key(f[1]), f[0]);
    Row row{f[0], std::nullopt};
    if (f.size() >= 6) {
      double lat = 0, lon = 0;
      if (std::sscanf(f[5].c_str(), "%lf,%lf", &lat, &lon) == 2) row.at = Coordinates{lat, lon};
    }
    by_postcode[f[2]].push_back(row);
  }
  std::size_t filled = 0;
  for (Place& p : places) {
    if (p.code_insee) continue;
    if (auto it = by_name.find(p.code_postal + "|" + commune_key(p.commune)); it != by_name.end()) {
      p.code_insee = it->second;
    } else if (auto rows_it = by_postcode.find(p.code_postal); rows_it != by_postcode.end()) {
      std::set<std::string> distinct;
      for (const Row& row : rows_it->second) distinct.insert(row.insee);
      if (distinct.size() == 1) {
        p.code_insee = *distinct.begin();
      } else if (p.coordinates) {
        double best = std::numeric_limits<double>::max();
        for (const Row& row : rows_it->second) {
          if (!row.at) continue;
          double d = std::hypot(row.at->latitude - p.coordinates->latitude,
                                row.at->longitude - p.coordinates->longitude);
          if (d < best) {
            best = d;
            p.code_insee = row.insee;
          }
        }
      }
    }
    if (p.code_insee) ++filled;
  }
  return filled;
}

std::vector<LabelledPair> read_labels(const std::filesystem::path& csv_path) {
  auto rows = parse_csv(read_all(csv_path), ',');
  std::vector<LabelledPair> labels;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r];
    if (f.size() < 10) throw std::runtime_error("label row with fewer than 10 fields");
    labels.push_back(LabelledPair{f[0], f[1], f[8] == "1"});
  }
  return labels;
}

double Metrics::precision() const {
  int predicted = true_positives + false_positives;
  return predicted == 0 ? 0 : static_cast<double>(true_positives) / predicted;
}
double Metrics::recall() const {
  int actual = true_positives + false_negatives;
  return actual == 0 ? 0 : static_cast<double>(true_positives) / actual;
}
double Metrics::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

namespace {

struct Predictions {
  std::vector<std::size_t> group_of;
  std::set<std::pair<std::size_t, std::size_t>> flagged;

  Predictions(std::size_t n, const DedupeResult& result)
      : group_of(n, std::numeric_limits<std::size_t>::max()) {
    for (std::size_t g = 0; g < result.groups.size(); ++g) {
      for (std::size_t m : result.groups[g].members) group_of[m] = g;
    }
    for (const ScoredPair& p : result.pairs) flagged.emplace(std::min(p.a, p.b), std::max(p.a, p.b));
  }
  bool duplicate(std::size_t i, std::size_t j, bool by_group) const {
    if (!by_group) return flagged.count({std::min(i, j), std::max(i, j)}) > 0;
    return group_of[i] != std::numeric_limits<std::size_t>::max() && group_of[i] == group_of[j];
  }
};

}  // namespace

Metrics evaluate(const std::vector<Place>& places, const std::vector<LabelledPair>& labels,
                 const DedupeResult& cross, const DedupeResult& internal, bool by_group,
                 int* skipped) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < places.size(); ++i) index.emplace(places[i].id, i);
  const Predictions across(places.size(), cross), inside(places.size(), internal);
  Metrics m;
  int missing = 0;
  for (const LabelledPair& label : labels) {
    auto a = index.find(label.id_a), b = index.find(label.id_b);
    if (a == index.end() || b == index.end()) {
      ++missing;
      continue;
    }
    std::size_t i = a->second, j = b->second;
    bool same_source = places[i].source == places[j].source;
    bool predicted = (same_source ? inside : across).duplicate(i, j, by_group);
    if (predicted && label.duplicate) ++m.true_positives;
    if (predicted && !label.duplicate) ++m.false_positives;
    if (!predicted && label.duplicate) ++m.false_negatives;
    if (!predicted && !label.duplicate) ++m.true_negatives;
  }
  if (skipped) *skipped = missing;
  return m;
}

}  // namespace relais::dedupe::eval
