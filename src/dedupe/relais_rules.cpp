#include "dedupe/relais_rules.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/text.h"
#include "dedupe/fuzz_ratio.h"
#include "dedupe/pipeline_rules.h"
#include "dedupe/scored_pair_order.h"

namespace relais::dedupe {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kCellDegreesLat = 0.003;  // ~333 m: a 3x3 neighbourhood covers 300 m

std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string> out;
  std::istringstream in{std::string(folded)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::string phone_key(const std::optional<std::string>& phone) {
  if (!phone) return {};
  std::string digits;
  for (char c : *phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.size() >= 9 ? digits.substr(digits.size() - 9) : std::string{};
}

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool has_siret(const Place& p) { return !p.pivot.empty() && p.pivot != kUnknownPivot; }

bool close_enough_for_evidence(const Place& a, const Place& b) {
  if (!a.coordinates || !b.coordinates) return a.code_postal == b.code_postal;
  return haversine_meters(*a.coordinates, *b.coordinates) <= kEvidenceRadiusMeters;
}

}  // namespace

double haversine_meters(const Coordinates& a, const Coordinates& b) {
  constexpr double kEarthRadius = 6371008.8;
  const double r = kPi / 180;
  double dlat = (b.latitude - a.latitude) * r;
  double dlon = (b.longitude - a.longitude) * r;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.latitude * r) * std::cos(b.latitude * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string address_key(std::string_view adresse) {
  static const std::unordered_map<std::string, std::string> kStreetTypes = {
      {"bd", "boulevard"}, {"bld", "boulevard"}, {"boul", "boulevard"}, {"av", "avenue"},
      {"ave", "avenue"},   {"pl", "place"},      {"che", "chemin"},     {"ch", "chemin"},
      {"crs", "cours"},    {"rte", "route"},     {"imp", "impasse"},    {"all", "allee"},
      {"pas", "passage"},  {"sq", "square"},     {"fg", "faubourg"},    {"qu", "quai"},
      {"st", "saint"},     {"ste", "sainte"},    {"r", "rue"},          {"dr", "docteur"},
      {"dc", "docteur"},   {"gal", "general"},   {"mal", "marechal"},
  };
  std::vector<std::string> out;
  for (std::string& w : words(fold_for_search(adresse))) {
    if (std::all_of(w.begin(), w.end(), [](char c) { return c == '0'; })) continue;
    auto it = kStreetTypes.find(w);
    out.push_back(it == kStreetTypes.end() ? std::move(w) : it->second);
  }
  return join(out);
}

int name_score(std::string_view a, std::string_view b) {
  std::string fa = fold_for_search(a), fb = fold_for_search(b);
  int best = ratio_unprocessed(fa, fb);
  std::vector<std::string> wa = words(fa), wb = words(fb);
  if (wa.size() > wb.size()) std::swap(wa, wb);
  std::set<std::string> longer(wb.begin(), wb.end());
  int considered = 0, found = 0;
  for (const std::string& w : wa) {
    if (w.size() < 3) continue;
    ++considered;
    if (longer.count(w)) ++found;
  }
  if (considered >= 2) best = std::max(best, 100 * found / considered);
  return best;
}

int relais_distance_score(const Place& a, const Place& b) {
  if (!a.coordinates || !b.coordinates) return 50;
  double d = haversine_meters(*a.coordinates, *b.coordinates);
  if (d <= 50) return 100;
  if (d >= 500) return 0;
  return static_cast<int>(std::lround(100 * (500 - d) / 450));
}

std::string shared_evidence(const Place& a, const Place& b) {
  std::vector<std::string> kinds;
  std::string pa = phone_key(a.telephone);
  if (!pa.empty() && pa == phone_key(b.telephone)) kinds.emplace_back("telephone");
  bool mail = false;
  for (const auto& ma : a.courriels) {
    for (const auto& mb : b.courriels) mail = mail || lower_ascii(ma) == lower_ascii(mb);
  }
  if (mail) kinds.emplace_back("courriel");
  if (has_siret(a) && a.pivot == b.pivot) kinds.emplace_back("siret");
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : "|") + k;
  return out;
}

ScoredPair relais_scores(const Place& a, const Place& b) {
  ScoredPair pair;
  pair.nom_score = name_score(a.nom, b.nom);
  pair.adresse_score = ratio_unprocessed(address_key(a.adresse), address_key(b.adresse));
  pair.distance_score = relais_distance_score(a, b);
  pair.evidence = shared_evidence(a, b);
  double weighted = 0.3 * pair.nom_score + 0.45 * pair.adresse_score + 0.25 * pair.distance_score;
  int score = static_cast<int>(std::lround(weighted));
  bool evidence_counts = !pair.evidence.empty() && close_enough_for_evidence(a, b);
  if (evidence_counts) score += 15;
  // A shared address alone does not make one place: buildings host several
  // structures. Dissimilar names need phone / e-mail / SIRET evidence.
  if (pair.nom_score < kMinNameScoreWithoutEvidence && !evidence_counts) {
    score = std::min(score, kRelaisThreshold - 1);
  }
  pair.score = std::min(score, 100);
  return pair;
}

std::vector<std::pair<std::size_t, std::size_t>> relais_candidates(std::span<const Place> places,
                                                                   bool allow_internal) {
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  auto consider = [&](std::size_t i, std::size_t j) {
    if (i == j) return;
    if (i > j) std::swap(i, j);
    const Place& a = places[i];
    const Place& b = places[j];
    if (a.id == b.id) return;
    if (!allow_internal && a.source == b.source) return;
    if (!typologies_compatible(a, b)) return;
    pairs.emplace(i, j);
  };
  auto pair_up = [&](const auto& blocks) {
    for (const auto& [key, members] : blocks) {
      for (std::size_t x = 0; x < members.size(); ++x) {
        for (std::size_t y = x + 1; y < members.size(); ++y) consider(members[x], members[y]);
      }
    }
  };
  // Exact keys: code_insee; code_postal with the folded name, phone, e-mail or SIRET.
  std::map<std::string, std::vector<std::size_t>> exact;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const Place& p = places[i];
    if (p.code_insee) exact["insee:" + *p.code_insee].push_back(i);
    const std::string cp = p.code_postal + ":";
    std::string name = fold_for_search(p.nom);
    if (!name.empty()) exact["nom:" + cp + name].push_back(i);
    std::string phone = phone_key(p.telephone);
    if (!phone.empty()) exact["tel:" + cp + phone].push_back(i);
    for (const auto& mail : p.courriels) exact["mail:" + cp + lower_ascii(mail)].push_back(i);
    if (has_siret(p)) exact["siret:" + p.pivot].push_back(i);
  }
  pair_up(exact);
  // Spatial grid: cells of kCellDegreesLat x (same in metres of longitude).
  std::map<std::pair<long, long>, std::vector<std::size_t>> grid;
  auto cell_of = [](const Coordinates& c) {
    double lon_step = kCellDegreesLat / std::max(0.1, std::cos(c.latitude * kPi / 180));
    return std::pair<long, long>(static_cast<long>(std::floor(c.latitude / kCellDegreesLat)),
                                 static_cast<long>(std::floor(c.longitude / lon_step)));
  };
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (places[i].coordinates) grid[cell_of(*places[i].coordinates)].push_back(i);
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (!places[i].coordinates) continue;
    auto [row, col] = cell_of(*places[i].coordinates);
    // Longitude cells differ slightly between rows; +-2 columns covers it.
    for (long dr = -1; dr <= 1; ++dr) {
      for (long dc = -2; dc <= 2; ++dc) {
        auto it = grid.find({row + dr, col + dc});
        if (it == grid.end()) continue;
        for (std::size_t j : it->second) {
          if (j <= i) continue;
          if (haversine_meters(*places[i].coordinates, *places[j].coordinates) <= kBlockRadiusMeters) {
            consider(i, j);
          }
        }
      }
    }
  }
  return {pairs.begin(), pairs.end()};
}

std::vector<ScoredPair> relais_pairs(std::span<const Place> places, bool allow_internal) {
  std::vector<ScoredPair> out;
  for (auto [i, j] : relais_candidates(places, allow_internal)) {
    ScoredPair pair = relais_scores(places[i], places[j]);
    if (pair.score < kRelaisThreshold) continue;
    pair.a = i;
    pair.b = j;
    out.push_back(std::move(pair));
  }
  sort_by_score(out);
  return out;
}

}  // namespace relais::dedupe
