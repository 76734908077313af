// In-memory geosearch index over mediation places.
//
// Built once from a span of Places (plus per-place territory codes and
// compiled opening hours given by the caller), then queried with geo::Query.
// Immutable after build: `search` is const and may be called concurrently
// from any number of threads. The span itself is not retained; results refer
// to places by their position in it.
//
// Layout (see docs/geosearch.md): struct-of-arrays; every enumeration filter
// is a bit of one 64-bit mask per place; places with coordinates sit in a
// static packed R-tree (Hilbert-sorted, 16 entries per node) over points of
// the unit sphere, whose nodes also carry the OR of their places' masks, so a
// k-nearest search prunes subtrees where no place can pass the enum filters.
// Text, territory and opening-hours filters are checked lazily, only for the
// candidates popped in distance order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "geo/query.h"
#include "geo/schedule.h"

namespace relais::geo {

// What the caller knows about a place beyond the Place itself.
struct PlaceExtras {
  std::optional<std::string> code_insee;   // effective commune code (derived when missing)
  std::optional<std::string> epci;         // SIREN of the EPCI
  std::optional<std::string> departement;  // "69", "2A", "971"
  std::optional<std::string> region;       // "84"
  // Compiled opening hours; null when absent or unparsable (never open).
  std::shared_ptr<const OpenSchedule> schedule;
};

// Called once per place during build (index = position in the span).
using ExtrasProvider = std::function<PlaceExtras(std::size_t index, const Place&)>;

// Extras from the Place alone: code_insee as given, département from its
// prefix (3 characters for overseas "97x"/"98x", else 2), no EPCI, no région,
// no schedule. Used when build() gets no provider.
PlaceExtras extras_from_place(const Place& place);

// Which text fields matched the query's words (bit set).
enum TextFieldBit : std::uint8_t { kTextNom = 1, kTextCommune = 2, kTextAdresse = 4 };

struct Hit {
  std::uint32_t place = 0;                 // position in the span given to build()
  std::optional<double> distance_metres;   // spatial queries only
  std::uint64_t matched_bits = 0;          // enum values that satisfied a filter; see describe_matches
  std::uint8_t text_fields = 0;            // TextFieldBit set, when a text filter is active
};

struct Results {
  std::vector<Hit> hits;              // the requested page, in order
  std::optional<std::size_t> total;   // all matches before paging; nullopt for k-nearest
};

// One matched filter value, e.g. {"services", "Aide aux démarches administratives"}
// or {"text", "nom"}; "prise_rdv" for online booking.
struct Match {
  std::string_view field;
  std::string_view value;
};
std::vector<Match> describe_matches(const Hit& hit);

class Index {
 public:
  // Builds the index. O(n log n). Places whose coordinates are absent (or not
  // finite) are left out of spatial queries but kept for non-spatial ones.
  static Index build(std::span<const Place> places, const ExtrasProvider& extras = {});

  // Runs a query (see geo/query.h for semantics). Sorted by distance then by
  // Place::id (spatial), or by Place::id (non-spatial). A spatial query whose
  // centre is not finite matches nothing. Never throws except std::bad_alloc.
  Results search(const Query& query) const;

  std::size_t size() const { return masks_.size(); }
  // Bytes held by the index's own arrays (capacity, excluding malloc overhead).
  std::size_t memory_bytes() const;

  // The enum-filter mask of a place (exposed for tests and benchmarks).
  std::uint64_t mask_of(std::uint32_t place) const { return masks_[place]; }

 private:
  struct Node {
    float lo[3], hi[3];           // box of unit vectors, rounded outwards
    std::uint64_t mask_union = 0; // OR of the masks below
    std::uint32_t begin = 0, end = 0;  // children: nodes, or tree points for leaves
    bool leaf = false;
  };
  struct CompiledQuery;
  bool passes_late(const CompiledQuery& q, std::uint32_t place, Hit& hit) const;

  // Per place (indexed by position in the span).
  std::vector<std::uint64_t> masks_;
  std::vector<std::uint32_t> id_rank_;          // rank of Place::id in byte order
  std::vector<std::uint32_t> by_rank_;          // place for each rank
  std::vector<std::uint32_t> territory_;        // 4 interned codes per place (0 = none)
  std::vector<std::string> codes_;              // interned codes, codes_[0] = ""
  std::vector<std::uint32_t> text_offsets_;     // 3 folded fields per place, in text_
  std::string text_;
  std::vector<std::shared_ptr<const OpenSchedule>> schedules_;

  // Tree points, in Hilbert order.
  std::vector<double> xyz_;                     // 3 per point
  std::vector<std::uint64_t> point_mask_;
  std::vector<std::uint32_t> point_place_;
  std::vector<std::uint32_t> point_rank_;
  std::vector<Node> nodes_;                     // root is nodes_.back()
};

}  // namespace relais::geo
