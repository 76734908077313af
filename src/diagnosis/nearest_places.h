// The nearest place offering each service, for many points at once: the
// diagnosis asks it for every commune of a territory (up to all 35,000, nine
// services and "any" each). The catalogue's geo::Index answers the same
// question with every filter of the public search; here one k-d tree per
// service over the places' points on the unit sphere (nanoflann, Debian
// libnanoflann-dev), built once per call, answers it in a fraction of the
// time (bench/diagnosis). Distances are great-circle, from the chord, as
// geo::Index gives them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "catalog/catalog.h"
#include "core/enums.h"
#include "diagnosis/offer.h"

namespace relais::diagnosis {

class NearestPlaces {
 public:
  explicit NearestPlaces(const catalog::Catalog& catalog);
  ~NearestPlaces();
  NearestPlaces(NearestPlaces&&) noexcept;

  struct Found {
    std::uint32_t place = 0;  // position in catalog.places()
    double metres = 0;
  };
  // The nearest place offering `service` (any place when nullopt); nothing
  // when no place with coordinates offers it. When several places are at the
  // same distance, one of them (unspecified).
  std::optional<Found> nearest(const Coordinates& at, std::optional<Service> service) const;
  // The same from the point's geo::to_unit_vector (computed once for the ten
  // questions asked of each commune).
  std::optional<Found> nearest(const std::array<double, 3>& unit_vector, std::optional<Service> service) const;

 private:
  struct Tree;
  std::array<std::unique_ptr<Tree>, kServices + 1> trees_;  // by service, then "any"
};

}  // namespace relais::diagnosis
