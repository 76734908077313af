#include "diagnosis/nearest_places.h"

#include <cmath>
#include <vector>

#include <nanoflann.hpp>

#include "geo/distance.h"

namespace relais::diagnosis {

namespace {

// The points of one tree, as nanoflann's dataset adaptor wants them.
struct Cloud {
  std::vector<geo::UnitVector> points;
  std::vector<std::uint32_t> places;  // parallel to points

  std::size_t kdtree_get_point_count() const { return points.size(); }
  double kdtree_get_pt(std::size_t i, std::size_t dim) const { return points[i][dim]; }
  template <class Box>
  bool kdtree_get_bbox(Box&) const {
    return false;
  }
};

using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>, Cloud, 3>;

}  // namespace

struct NearestPlaces::Tree {
  Cloud cloud;
  std::unique_ptr<KdTree> index;  // refers to cloud: built after it is filled, never moved apart
};

NearestPlaces::NearestPlaces(const catalog::Catalog& catalog) {
  for (auto& tree : trees_) tree = std::make_unique<Tree>();
  const auto places = catalog.places();
  const std::size_t any = trees_.size() - 1;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& at = places[i].coordinates;
    if (!at || !std::isfinite(at->latitude) || !std::isfinite(at->longitude)) continue;
    const auto point = geo::to_unit_vector(*at);
    auto add = [&](std::size_t tree) {
      trees_[tree]->cloud.points.push_back(point);
      trees_[tree]->cloud.places.push_back(static_cast<std::uint32_t>(i));
    };
    add(any);
    for (const Service s : places[i].services) add(static_cast<std::size_t>(s));
  }
  for (auto& tree : trees_) {
    if (tree->cloud.points.empty()) continue;
    tree->index = std::make_unique<KdTree>(3, tree->cloud, nanoflann::KDTreeSingleIndexAdaptorParams(10));
    tree->index->buildIndex();
  }
}

NearestPlaces::~NearestPlaces() = default;
NearestPlaces::NearestPlaces(NearestPlaces&&) noexcept = default;

std::optional<NearestPlaces::Found> NearestPlaces::nearest(const Coordinates& at, std::optional<Service> service) const {
  return nearest(geo::to_unit_vector(at), service);
}

std::optional<NearestPlaces::Found> NearestPlaces::nearest(const std::array<double, 3>& query,
                                                           std::optional<Service> service) const {
  const auto& tree = *trees_[service ? static_cast<std::size_t>(*service) : trees_.size() - 1];
  if (!tree.index) return std::nullopt;
  std::size_t found = 0;
  double squared = 0;
  nanoflann::KNNResultSet<double> result(1);
  result.init(&found, &squared);
  tree.index->findNeighbors(result, query.data(), nanoflann::SearchParams());
  return Found{tree.cloud.places[found], geo::chord_to_metres(std::sqrt(squared))};
}

}  // namespace relais::diagnosis
