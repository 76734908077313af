#include "territory/commune.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "core/text.h"

namespace relais::territory {
namespace {

constexpr double kNearestOverallMaxKm = 10.0;
// Large communes (Arles, Marseille) reach ~20 km from their centroid.
constexpr double kNearestInPostcodeMaxKm = 20.0;
// Minimum similarity for PostcodeAndSimilarName (1 - edits / longer length).
constexpr double kSimilarNameMin = 0.85;

// Levenshtein distance on bytes of folded (ASCII after folding) keys.
// Hand-written: a dozen lines, and no packaged C++ library is in the stack.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double similarity(std::string_view a, std::string_view b) {
  std::size_t longer = std::max(a.size(), b.size());
  return longer == 0 ? 1.0 : 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

// "le luc en provence" extends "le luc" by whole words.
bool extends_by_words(std::string_view longer, std::string_view shorter) {
  return shorter.size() >= 4 && longer.size() > shorter.size() && longer.starts_with(shorter) &&
         longer[shorter.size()] == ' ';
}

// Postcodes of one département share this prefix (3 digits overseas).
std::string_view departement_prefix(std::string_view code_postal) {
  if (code_postal.size() < 3) return {};
  return code_postal.starts_with("97") || code_postal.starts_with("98") ? code_postal.substr(0, 3)
                                                                        : code_postal.substr(0, 2);
}

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  std::istringstream in(folded);
  for (std::string w; in >> w;) words.push_back(std::move(w));
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1er", "3e", "3eme", "15", "01", "arrondissement", "arr": the suffix of an
// arrondissement name as people write it ("Marseille 3e", "PARIS 01").
bool is_arrondissement_word(std::string_view w) {
  if (w == "arrondissement" || w == "arr" || w == "arrdt") return true;
  std::size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  if (digits == 0 || digits > 2) return false;
  std::string_view rest = w.substr(digits);
  return rest.empty() || rest == "e" || rest == "er" || rest == "eme" || rest == "ieme";
}

// The key without arrondissement suffix words; empty if nothing was removed.
std::string without_arrondissement(const std::string& key) {
  auto words = split_words(key);
  std::size_t n = words.size();
  while (n > 1 && is_arrondissement_word(words[n - 1])) --n;
  if (n == words.size()) return {};
  words.resize(n);
  return join_words(words);
}

std::string without_spaces(std::string s) {
  std::erase(s, ' ');
  return s;
}

double distance_km(const Coordinates& a, const Coordinates& b) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.latitude - a.latitude) * kRad;
  const double dlon = (b.longitude - a.longitude) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.latitude * kRad) * std::cos(b.latitude * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

std::string_view method_name(DerivationMethod method) {
  switch (method) {
    case DerivationMethod::PostcodeAndName: return "postcode+name";
    case DerivationMethod::PostcodeAndSimilarName: return "postcode+similar-name";
    case DerivationMethod::NameInDepartement: return "name-in-departement";
    case DerivationMethod::OnlyCommuneOfPostcode: return "only-commune-of-postcode";
    case DerivationMethod::NearestInPostcode: return "nearest-in-postcode";
    case DerivationMethod::NearestOverall: return "nearest-overall";
  }
  return "?";
}

std::string commune_name_key(std::string_view name) {
  auto words = split_words(fold_for_search(name));
  std::vector<std::string> out;
  for (auto& w : words) {
    if (w == "cedex") break;  // "AIX EN PROVENCE CEDEX 1": routing suffix
    if (w == "st") w = "saint";
    else if (w == "ste") w = "sainte";
    out.push_back(std::move(w));
  }
  return join_words(out);
}

CommuneIndex::CommuneIndex(std::vector<Commune> communes) : communes_(std::move(communes)) {
  by_code_.reserve(communes_.size());
  folded_names_.reserve(communes_.size());
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    by_code_.emplace(communes_[i].code_insee, i);
    folded_names_.push_back(commune_name_key(communes_[i].nom));
  }
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    for (const auto& old : communes_[i].anciens_codes) {
      if (!by_code_.contains(old)) by_former_code_.emplace(old, i);
    }
  }
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    const Commune& c = communes_[i];
    // Derivation answers communes: an arrondissement's names lead to its parent.
    std::size_t target = i;
    if (c.commune_parente) {
      auto it = by_code_.find(*c.commune_parente);
      if (it != by_code_.end()) target = it->second;
    }
    std::vector<std::string> keys{folded_names_[i]};
    for (const auto& other : c.autres_noms) keys.push_back(commune_name_key(other));
    for (const auto& cp : c.codes_postaux) {
      if (!c.commune_parente) by_postcode_[cp].push_back(i);
      auto& names = names_by_postcode_[cp];
      for (const auto& k : keys) {
        if (!k.empty()) names.emplace_back(k, target);
      }
    }
    for (const auto& k : keys) {
      auto& list = by_name_[k];
      if (!k.empty() && std::find(list.begin(), list.end(), target) == list.end()) list.push_back(target);
    }
  }
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    const std::string& name = folded_names_[i];
    const auto index = static_cast<std::uint32_t>(i);
    for (std::size_t at = 0; at < name.size(); ++at) {
      if (at == 0 || name[at - 1] == ' ') word_starts_.push_back({index, static_cast<std::uint32_t>(at)});
    }
    for (const auto& cp : communes_[i].codes_postaux) postcodes_.emplace_back(cp, index);
  }
  std::sort(word_starts_.begin(), word_starts_.end(), [&](const WordStart& a, const WordStart& b) {
    return suffix(a) < suffix(b);
  });
  std::sort(postcodes_.begin(), postcodes_.end());
  for (auto& [cp, list] : by_postcode_) {
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return communes_[a].population > communes_[b].population;
    });
  }
}

const Commune* CommuneIndex::find(std::string_view code_insee) const {
  auto it = by_code_.find(std::string(code_insee));
  return it == by_code_.end() ? nullptr : &communes_[it->second];
}

const Commune* CommuneIndex::find_commune(std::string_view code_insee) const {
  const Commune* c = find(code_insee);
  if (!c) {
    auto it = by_former_code_.find(std::string(code_insee));
    if (it == by_former_code_.end()) return nullptr;
    c = &communes_[it->second];
  }
  if (c->commune_parente) {
    if (const Commune* parent = find(*c->commune_parente)) return parent;
  }
  return c;
}

std::vector<const Commune*> CommuneIndex::by_postcode(std::string_view code_postal) const {
  std::vector<const Commune*> out;
  auto it = by_postcode_.find(std::string(code_postal));
  if (it == by_postcode_.end()) return out;
  for (std::size_t i : it->second) out.push_back(&communes_[i]);
  return out;
}

std::optional<Derivation> CommuneIndex::derive_code_insee(std::string_view code_postal,
                                                          std::string_view commune_name,
                                                          std::optional<Coordinates> position) const {
  const std::string key = commune_name_key(commune_name);
  const std::string key_short = without_arrondissement(key);
  const std::string key_compact = without_spaces(key);

  if (auto names = names_by_postcode_.find(std::string(code_postal));
      names != names_by_postcode_.end() && !key.empty()) {
    // Exact key first, then without arrondissement suffix, then ignoring spaces
    // ("Saint Etienne" vs "Saintetienne" is rare but "La Valette" vs "Lavalette" is not).
    for (int pass = 0; pass < 3; ++pass) {
      for (const auto& [name, index] : names->second) {
        bool hit = pass == 0   ? name == key
                   : pass == 1 ? !key_short.empty() && name == key_short
                               : without_spaces(name) == key_compact;
        if (hit) return Derivation{communes_[index].code_insee, DerivationMethod::PostcodeAndName, {}};
      }
    }
  }

  std::optional<std::size_t> similar;
  if (auto names = names_by_postcode_.find(std::string(code_postal));
      names != names_by_postcode_.end() && !key.empty()) {
    double best = 0;
    bool tie = false;
    for (const auto& [name, index] : names->second) {
      double score = extends_by_words(key, name) ? 1.0 : similarity(key, name);
      if (score < kSimilarNameMin) continue;
      if (score > best) { best = score; similar = index; tie = false; }
      else if (score == best && similar != index) tie = true;
    }
    if (tie) similar.reset();
  }
  if (similar) return Derivation{communes_[*similar].code_insee, DerivationMethod::PostcodeAndSimilarName, {}};

  // The name elsewhere in the département: CEDEX postcodes (13098, 83412)
  // and wrong postcodes ("Grasse 06100") are common in real files.
  if (auto prefix = departement_prefix(code_postal); !prefix.empty() && !key.empty()) {
    std::vector<std::size_t> matches;
    for (const auto& k : {key, key_short}) {
      auto it = by_name_.find(k);
      if (k.empty() || it == by_name_.end()) continue;
      for (std::size_t index : it->second) {
        const auto& cps = communes_[index].codes_postaux;
        bool same_departement = std::any_of(cps.begin(), cps.end(), [&](const std::string& cp) {
          return cp.starts_with(prefix);
        });
        if (same_departement && std::find(matches.begin(), matches.end(), index) == matches.end()) {
          matches.push_back(index);
        }
      }
      if (!matches.empty()) break;
    }
    if (matches.size() == 1) {
      return Derivation{communes_[matches.front()].code_insee, DerivationMethod::NameInDepartement, {}};
    }
  }

  auto in_postcode = by_postcode(code_postal);
  if (in_postcode.size() == 1) {
    return Derivation{in_postcode.front()->code_insee, DerivationMethod::OnlyCommuneOfPostcode, {}};
  }
  if (!position) return std::nullopt;

  const Commune* best = nullptr;
  double best_km = 0;
  auto consider = [&](const Commune& c) {
    if (!c.position) return;
    double km = distance_km(*position, *c.position);
    if (!best || km < best_km) { best = &c; best_km = km; }
  };
  for (const Commune* c : in_postcode) consider(*c);
  if (best && best_km <= kNearestInPostcodeMaxKm) {
    return Derivation{best->code_insee, DerivationMethod::NearestInPostcode, best_km};
  }
  best = nullptr;

  // Linear scan: ~35k communes, microseconds per call; a spatial index is not
  // worth its code for a fallback used on a few records per import.
  for (const Commune& c : communes_) {
    if (!c.commune_parente) consider(c);
  }
  if (best && best_km <= kNearestOverallMaxKm) {
    return Derivation{best->code_insee, DerivationMethod::NearestOverall, best_km};
  }
  return std::nullopt;
}

std::vector<SearchHit> CommuneIndex::search(std::string_view text, std::size_t limit) const {
  std::vector<SearchHit> hits;
  const std::string query = commune_name_key(text);
  if (query.empty() || limit == 0) return hits;
  // (commune index, score); a commune may match more than once.
  std::vector<std::pair<std::uint32_t, int>> matches;
  if (is_digits(query)) {
    // People type postcodes far more often than INSEE codes: postcode first.
    if (auto it = by_code_.find(query); it != by_code_.end()) {
      matches.emplace_back(static_cast<std::uint32_t>(it->second), 300);
    }
    auto from = std::lower_bound(postcodes_.begin(), postcodes_.end(), query,
                                 [](const auto& entry, const std::string& q) { return entry.first < q; });
    for (auto it = from; it != postcodes_.end() && it->first.starts_with(query); ++it) {
      matches.emplace_back(it->second, it->first == query ? 400 : 100);
    }
  } else {
    // Exact name 300, name prefix 200, prefix of a later word 100.
    auto from = std::lower_bound(word_starts_.begin(), word_starts_.end(), query,
                                 [&](const WordStart& w, const std::string& q) { return suffix(w) < q; });
    for (auto it = from; it != word_starts_.end() && suffix(*it).starts_with(query); ++it) {
      int score = it->offset > 0 ? 100 : folded_names_[it->commune].size() == query.size() ? 300 : 200;
      matches.emplace_back(it->commune, score);
    }
  }
  std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i == 0 || matches[i].first != matches[i - 1].first) hits.push_back({&communes_[matches[i].first], matches[i].second});
  }
  auto better = [](const SearchHit& a, const SearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.commune->population != b.commune->population) return a.commune->population > b.commune->population;
    return a.commune->code_insee < b.commune->code_insee;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(), better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

std::optional<std::string> CommuneIndex::departement_of(std::string_view code_insee) const {
  if (const Commune* c = find_commune(code_insee)) return c->code_departement;
  return std::nullopt;
}

std::optional<std::string> CommuneIndex::region_of(std::string_view code_insee) const {
  if (const Commune* c = find_commune(code_insee)) return c->code_region;
  return std::nullopt;
}

std::optional<std::string> CommuneIndex::epci_of(std::string_view code_insee) const {
  if (const Commune* c = find_commune(code_insee)) return c->code_epci;
  return std::nullopt;
}

bool CommuneIndex::contains(const Territory& territory, std::string_view code_insee) const {
  switch (territory.level) {
    case TerritoryLevel::Commune: {
      if (code_insee == territory.code) return true;
      const Commune* c = find_commune(code_insee);
      return c && c->code_insee == territory.code;
    }
    case TerritoryLevel::Epci: return epci_of(code_insee) == territory.code;
    case TerritoryLevel::Departement: return departement_of(code_insee) == territory.code;
    case TerritoryLevel::Region: return region_of(code_insee) == territory.code;
  }
  return false;
}

}  // namespace relais::territory
