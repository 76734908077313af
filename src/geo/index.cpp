// Spatial structure: hand-written static packed R-tree. Boost.Geometry's
// rtree (Debian libboost-dev) was considered: its nearest() query can test a
// predicate per value but cannot prune a subtree on an aggregate of its
// values, so a selective filter ("Payant" + a rare service) would degrade to
// visiting most of the tree. Keeping the OR of the filter masks in every node
// is what makes filtered k-nearest fast, and a static bulk-loaded tree is
// ~150 lines, so we own it.
#include "geo/index.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

#include "core/text.h"
#include "geo/distance.h"
#include "geo/weekend.h"

namespace relais::geo {

namespace {

// Bit layout of the 64-bit mask: one bit per enum value, categories packed.
constexpr int kServices = 0;                          // 9
constexpr int kPublics = kServices + 9;               // 5
constexpr int kPrises = kPublics + 5;                 // 7
constexpr int kFrais = kPrises + 7;                   // 3
constexpr int kAcces = kFrais + 3;                    // 6
constexpr int kAccompagnement = kAcces + 6;           // 4
constexpr int kDispositifs = kAccompagnement + 4;     // 11
constexpr int kLabels = kDispositifs + 11;            // 10
constexpr int kItinerance = kLabels + 10;             // 2
constexpr int kOnlineBooking = kItinerance + 2;       // 1
static_assert(kOnlineBooking < 64);

constexpr std::size_t kNodeSize = 16;

template <typename E>
std::uint64_t bits_of(const std::vector<E>& values, int offset) {
  std::uint64_t m = 0;
  for (E v : values) m |= std::uint64_t{1} << (offset + static_cast<int>(v));
  return m;
}

std::uint64_t mask_of_place(const Place& p) {
  std::uint64_t m = bits_of(p.services, kServices) | bits_of(p.publics_specifiquement_adresses, kPublics) |
                    bits_of(p.prise_en_charge_specifique, kPrises) | bits_of(p.frais_a_charge, kFrais) |
                    bits_of(p.modalites_acces, kAcces) |
                    bits_of(p.modalites_accompagnement, kAccompagnement) |
                    bits_of(p.dispositif_programmes_nationaux, kDispositifs) |
                    bits_of(p.formations_labels, kLabels) | bits_of(p.itinerance, kItinerance);
  const bool booking = p.prise_rdv.has_value() ||
                       std::find(p.modalites_acces.begin(), p.modalites_acces.end(),
                                 ModaliteAcces::PrendreRdvEnLigne) != p.modalites_acces.end();
  if (booking) m |= std::uint64_t{1} << kOnlineBooking;
  return m;
}

// Hilbert index of (x, y) on a 2^16 grid (classic rotate-and-flip algorithm).
std::uint32_t hilbert(std::uint32_t x, std::uint32_t y) {
  std::uint32_t d = 0;
  for (std::uint32_t s = 1u << 15; s > 0; s >>= 1) {
    const std::uint32_t rx = (x & s) ? 1 : 0;
    const std::uint32_t ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

float round_down(double v) {
  const float f = static_cast<float>(v);
  return static_cast<double>(f) <= v ? f : std::nextafter(f, -2.0f);
}
float round_up(double v) {
  const float f = static_cast<float>(v);
  return static_cast<double>(f) >= v ? f : std::nextafter(f, 2.0f);
}

std::uint32_t intern(std::unordered_map<std::string, std::uint32_t>& ids, std::vector<std::string>& codes,
                     const std::optional<std::string>& code) {
  if (!code || code->empty()) return 0;
  auto [it, inserted] = ids.try_emplace(*code, static_cast<std::uint32_t>(codes.size()));
  if (inserted) codes.push_back(*code);
  return it->second;
}

}  // namespace

PlaceExtras extras_from_place(const Place& place) {
  PlaceExtras e;
  e.code_insee = place.code_insee;
  if (place.code_insee && place.code_insee->size() == 5) {
    const std::string& c = *place.code_insee;
    const bool overseas = c.starts_with("97") || c.starts_with("98");
    e.departement = c.substr(0, overseas ? 3 : 2);
  }
  return e;
}

Index Index::build(std::span<const Place> places, const ExtrasProvider& extras) {
  Index ix;
  const auto n = static_cast<std::uint32_t>(places.size());
  ix.masks_.resize(n);
  ix.territory_.resize(std::size_t{4} * n);
  ix.schedules_.resize(n);
  ix.codes_.emplace_back();
  ix.text_offsets_.reserve(std::size_t{3} * n + 1);
  std::unordered_map<std::string, std::uint32_t> code_ids;

  for (std::uint32_t i = 0; i < n; ++i) {
    const Place& p = places[i];
    ix.masks_[i] = mask_of_place(p);
    PlaceExtras e = extras ? extras(i, p) : extras_from_place(p);
    ix.territory_[4 * i + 0] = intern(code_ids, ix.codes_, e.code_insee);
    ix.territory_[4 * i + 1] = intern(code_ids, ix.codes_, e.epci);
    ix.territory_[4 * i + 2] = intern(code_ids, ix.codes_, e.departement);
    ix.territory_[4 * i + 3] = intern(code_ids, ix.codes_, e.region);
    ix.schedules_[i] = std::move(e.schedule);
    for (const std::string* field : {&p.nom, &p.commune, &p.adresse}) {
      ix.text_offsets_.push_back(static_cast<std::uint32_t>(ix.text_.size()));
      ix.text_ += fold_for_search(*field);
    }
  }
  ix.text_offsets_.push_back(static_cast<std::uint32_t>(ix.text_.size()));
  ix.text_.shrink_to_fit();

  ix.by_rank_.resize(n);
  std::iota(ix.by_rank_.begin(), ix.by_rank_.end(), 0u);
  std::stable_sort(ix.by_rank_.begin(), ix.by_rank_.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return places[a].id < places[b].id; });
  ix.id_rank_.resize(n);
  for (std::uint32_t r = 0; r < n; ++r) ix.id_rank_[ix.by_rank_[r]] = r;

  // Tree points: places with finite coordinates, sorted along a Hilbert curve
  // over their lon/lat bounding box so that consecutive points are close.
  std::vector<std::uint32_t> spatial;
  double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto& c = places[i].coordinates;
    if (!c || !std::isfinite(c->latitude) || !std::isfinite(c->longitude)) continue;
    spatial.push_back(i);
    min_lon = std::min(min_lon, c->longitude);
    max_lon = std::max(max_lon, c->longitude);
    min_lat = std::min(min_lat, c->latitude);
    max_lat = std::max(max_lat, c->latitude);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keyed;  // (hilbert, place)
  keyed.reserve(spatial.size());
  const double span_lon = std::max(max_lon - min_lon, 1e-9), span_lat = std::max(max_lat - min_lat, 1e-9);
  for (std::uint32_t i : spatial) {
    const auto& c = *places[i].coordinates;
    const auto gx = static_cast<std::uint32_t>((c.longitude - min_lon) / span_lon * 65535.0);
    const auto gy = static_cast<std::uint32_t>((c.latitude - min_lat) / span_lat * 65535.0);
    keyed.emplace_back(hilbert(gx, gy), i);
  }
  std::sort(keyed.begin(), keyed.end());

  const std::size_t m = keyed.size();
  ix.xyz_.resize(3 * m);
  ix.point_mask_.resize(m);
  ix.point_place_.resize(m);
  ix.point_rank_.resize(m);
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint32_t i = keyed[k].second;
    const UnitVector v = to_unit_vector(*places[i].coordinates);
    std::copy(v.begin(), v.end(), ix.xyz_.begin() + 3 * k);
    ix.point_mask_[k] = ix.masks_[i];
    ix.point_place_[k] = i;
    ix.point_rank_[k] = ix.id_rank_[i];
  }
  if (m == 0) return ix;

  // Leaves over consecutive points, then parents over consecutive nodes.
  for (std::size_t b = 0; b < m; b += kNodeSize) {
    Node node;
    node.leaf = true;
    node.begin = static_cast<std::uint32_t>(b);
    node.end = static_cast<std::uint32_t>(std::min(m, b + kNodeSize));
    for (int d = 0; d < 3; ++d) {
      node.lo[d] = 2.0f;
      node.hi[d] = -2.0f;
    }
    for (std::uint32_t k = node.begin; k < node.end; ++k) {
      for (int d = 0; d < 3; ++d) {
        node.lo[d] = std::min(node.lo[d], round_down(ix.xyz_[3 * k + d]));
        node.hi[d] = std::max(node.hi[d], round_up(ix.xyz_[3 * k + d]));
      }
      node.mask_union |= ix.point_mask_[k];
    }
    ix.nodes_.push_back(node);
  }
  std::size_t level_begin = 0, level_end = ix.nodes_.size();
  while (level_end - level_begin > 1) {
    for (std::size_t b = level_begin; b < level_end; b += kNodeSize) {
      Node node;
      node.begin = static_cast<std::uint32_t>(b);
      node.end = static_cast<std::uint32_t>(std::min(level_end, b + kNodeSize));
      for (int d = 0; d < 3; ++d) {
        node.lo[d] = 2.0f;
        node.hi[d] = -2.0f;
      }
      for (std::uint32_t c = node.begin; c < node.end; ++c) {
        const Node& child = ix.nodes_[c];
        for (int d = 0; d < 3; ++d) {
          node.lo[d] = std::min(node.lo[d], child.lo[d]);
          node.hi[d] = std::max(node.hi[d], child.hi[d]);
        }
        node.mask_union |= child.mask_union;
      }
      ix.nodes_.push_back(node);
    }
    level_begin = level_end;
    level_end = ix.nodes_.size();
  }
  ix.nodes_.shrink_to_fit();
  return ix;
}

struct Index::CompiledQuery {
  std::array<std::uint64_t, 10> required{};  // each active filter: at least one bit
  int required_count = 0;
  std::uint64_t all_filter_bits = 0;
  bool territory = false;
  std::vector<std::uint32_t> territory_ids[4];
  std::vector<std::string> words;
  std::optional<sys_seconds> open_at;
  std::optional<TimeWindow> weekend;

  bool passes_mask(std::uint64_t m) const {
    for (int i = 0; i < required_count; ++i)
      if ((m & required[i]) == 0) return false;
    return true;
  }
  void add(std::uint64_t bits) {
    if (bits == 0) return;
    required[required_count++] = bits;
    all_filter_bits |= bits;
  }
};

bool Index::passes_late(const CompiledQuery& q, std::uint32_t place, Hit& hit) const {
  if (q.territory) {
    bool any = false;
    for (int level = 0; level < 4 && !any; ++level) {
      const std::uint32_t code = territory_[4 * place + level];
      if (code == 0) continue;
      const auto& ids = q.territory_ids[level];
      any = std::find(ids.begin(), ids.end(), code) != ids.end();
    }
    if (!any) return false;
  }
  if (!q.words.empty()) {
    std::uint8_t fields = 0;
    for (const std::string& word : q.words) {
      bool found = false;
      for (int f = 0; f < 3; ++f) {
        const std::size_t b = text_offsets_[3 * place + f], e = text_offsets_[3 * place + f + 1];
        if (std::string_view(text_).substr(b, e - b).find(word) != std::string_view::npos) {
          fields |= static_cast<std::uint8_t>(1u << f);
          found = true;
        }
      }
      if (!found) return false;
    }
    hit.text_fields = fields;
  }
  if (q.open_at || q.weekend) {
    const OpenSchedule* s = schedules_[place].get();
    if (s == nullptr) return false;
    if (q.open_at && !s->is_open(*q.open_at)) return false;
    if (q.weekend && !s->is_open_during(q.weekend->start, q.weekend->end)) return false;
  }
  return true;
}

Results Index::search(const Query& query) const {
  CompiledQuery q;
  q.add(bits_of(query.services, kServices));
  q.add(bits_of(query.publics, kPublics));
  q.add(bits_of(query.prises_en_charge, kPrises));
  q.add(bits_of(query.frais, kFrais));
  q.add(bits_of(query.modalites_acces, kAcces));
  q.add(bits_of(query.modalites_accompagnement, kAccompagnement));
  q.add(bits_of(query.dispositifs, kDispositifs));
  q.add(bits_of(query.formations_labels, kLabels));
  q.add(bits_of(query.itinerance, kItinerance));
  if (query.online_booking) q.add(std::uint64_t{1} << kOnlineBooking);

  if (!query.territory.empty()) {
    q.territory = true;
    const std::vector<std::string>* lists[4] = {&query.territory.communes, &query.territory.epcis,
                                                &query.territory.departements, &query.territory.regions};
    for (int level = 0; level < 4; ++level) {
      for (const std::string& code : *lists[level]) {
        // Codes are few; a linear lookup in the interned table avoids keeping a hash map.
        const auto it = std::find(codes_.begin() + 1, codes_.end(), code);
        if (it != codes_.end()) q.territory_ids[level].push_back(static_cast<std::uint32_t>(it - codes_.begin()));
      }
    }
  }
  {
    const std::string folded = fold_for_search(query.text);
    std::size_t start = 0;
    while (start < folded.size()) {
      std::size_t end = folded.find(' ', start);
      if (end == std::string::npos) end = folded.size();
      if (end > start) q.words.push_back(folded.substr(start, end - start));
      start = end + 1;
    }
  }
  q.open_at = query.open_at;
  if (query.open_weekend_after) q.weekend = coming_weekend(*query.open_weekend_after);

  Results results;
  const std::size_t wanted = query.offset + query.limit;

  if (!query.near) {
    std::size_t total = 0;
    for (std::uint32_t place : by_rank_) {
      if (!q.passes_mask(masks_[place])) continue;
      Hit hit{place, std::nullopt, masks_[place] & q.all_filter_bits, 0};
      if (!passes_late(q, place, hit)) continue;
      if (total >= query.offset && total < wanted) results.hits.push_back(hit);
      ++total;
    }
    results.total = total;
    return results;
  }

  const bool bounded = query.radius_metres.has_value();
  if (!bounded && query.limit == 0) return results;
  // A non-finite centre would make every key NaN and break the heap order.
  const bool centre_ok = std::isfinite(query.near->latitude) && std::isfinite(query.near->longitude);
  if (nodes_.empty() || !centre_ok) {
    if (bounded) results.total = 0;
    return results;
  }
  const double max_chord = bounded ? metres_to_chord(std::max(0.0, *query.radius_metres))
                                   : std::numeric_limits<double>::infinity();
  const UnitVector c = to_unit_vector(*query.near);

  // Best-first traversal: nodes keyed by the distance to their box (a lower
  // bound), points by their exact chord; at equal keys nodes come first so a
  // point is only emitted once nothing closer (or as close with a smaller id)
  // can remain.
  struct Entry {
    double key;
    std::uint32_t rank;  // id rank for points, 0 for nodes
    std::uint32_t ref;   // node index or tree point
    bool is_point;
  };
  auto later = [](const Entry& a, const Entry& b) {
    if (a.key != b.key) return a.key > b.key;
    if (a.is_point != b.is_point) return a.is_point;
    return a.rank > b.rank;
  };
  std::vector<Entry> storage;
  storage.reserve(256);
  std::priority_queue<Entry, std::vector<Entry>, decltype(later)> heap(later, std::move(storage));

  auto push_node = [&](std::uint32_t index) {
    const Node& node = nodes_[index];
    if (!q.passes_mask(node.mask_union)) return;
    double d2 = 0;
    for (int d = 0; d < 3; ++d) {
      const double lo = node.lo[d], hi = node.hi[d];
      const double g = c[d] < lo ? lo - c[d] : (c[d] > hi ? c[d] - hi : 0.0);
      d2 += g * g;
    }
    const double key = std::sqrt(d2);
    if (key > max_chord) return;
    heap.push({key, 0, index, false});
  };
  push_node(static_cast<std::uint32_t>(nodes_.size() - 1));

  std::size_t total = 0;
  while (!heap.empty()) {
    const Entry top = heap.top();
    heap.pop();
    if (top.is_point) {
      const std::uint32_t place = point_place_[top.ref];
      Hit hit{place, chord_to_metres(top.key), masks_[place] & q.all_filter_bits, 0};
      if (!passes_late(q, place, hit)) continue;
      if (total >= query.offset && total < wanted) results.hits.push_back(hit);
      ++total;
      if (!bounded && total >= wanted) break;
      continue;
    }
    const Node& node = nodes_[top.ref];
    if (node.leaf) {
      for (std::uint32_t k = node.begin; k < node.end; ++k) {
        if (!q.passes_mask(point_mask_[k])) continue;
        const double dx = xyz_[3 * k] - c[0], dy = xyz_[3 * k + 1] - c[1], dz = xyz_[3 * k + 2] - c[2];
        const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
        if (chord > max_chord) continue;
        heap.push({chord, point_rank_[k], k, true});
      }
    } else {
      for (std::uint32_t child = node.begin; child < node.end; ++child) push_node(child);
    }
  }
  if (bounded) results.total = total;
  return results;
}

std::size_t Index::memory_bytes() const {
  std::size_t bytes = sizeof(*this);
  bytes += masks_.capacity() * sizeof(std::uint64_t) + id_rank_.capacity() * 4 + by_rank_.capacity() * 4 +
           territory_.capacity() * 4 + text_offsets_.capacity() * 4 + text_.capacity() +
           schedules_.capacity() * sizeof(std::shared_ptr<const OpenSchedule>) + xyz_.capacity() * 8 +
           point_mask_.capacity() * 8 + point_place_.capacity() * 4 + point_rank_.capacity() * 4 +
           nodes_.capacity() * sizeof(Node);
  for (const std::string& code : codes_) bytes += sizeof(std::string) + (code.size() > 15 ? code.capacity() : 0);
  return bytes;
}

std::vector<Match> describe_matches(const Hit& hit) {
  std::vector<Match> out;
  auto decode = [&]<typename E>(std::string_view field, int offset, E) {
    const auto all = labels<E>();
    for (std::size_t v = 0; v < all.size(); ++v)
      if (hit.matched_bits & (std::uint64_t{1} << (offset + v))) out.push_back({field, all[v]});
  };
  decode("services", kServices, Service{});
  decode("publics_specifiquement_adresses", kPublics, Public{});
  decode("prise_en_charge_specifique", kPrises, PriseEnCharge{});
  decode("frais_a_charge", kFrais, Frais{});
  decode("modalites_acces", kAcces, ModaliteAcces{});
  decode("modalites_accompagnement", kAccompagnement, ModaliteAccompagnement{});
  decode("dispositif_programmes_nationaux", kDispositifs, Dispositif{});
  decode("formations_labels", kLabels, FormationLabel{});
  decode("itinerance", kItinerance, Itinerance{});
  if (hit.matched_bits & (std::uint64_t{1} << kOnlineBooking)) out.push_back({"prise_rdv", "online"});
  if (hit.text_fields & kTextNom) out.push_back({"text", "nom"});
  if (hit.text_fields & kTextCommune) out.push_back({"text", "commune"});
  if (hit.text_fields & kTextAdresse) out.push_back({"text", "adresse"});
  return out;
}

}  // namespace relais::geo
