// The catalogue: what Relais answers from. It loads the stored places, the
// duplicate groups and the communes from the store, merges each duplicate
// group into one place (the deduplicated view the public sees), completes
// every place's territory (code INSEE derived from postcode and name when the
// source has none, then EPCI, département, région) and compiles its opening
// hours, then builds the geosearch index over the result.
//
// Used by `relais search`, `relais export` and, later, `relais serve`.
// Immutable after load: every const member is safe to call from many threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/place.h"
#include "geo/index.h"
#include "store/store.h"
#include "territory/commune.h"

namespace relais::catalog {

// One stored record an effective place stands for.
struct SourceRecord {
  std::string source;
  std::string id;
};

struct LoadOptions {
  // Reference day of the merge's 6-month rule (dedupe/merge.h).
  std::chrono::year_month_day today{};
  // false: one effective place per stored record, groups ignored.
  bool deduplicated = true;
};

class Catalog {
 public:
  // Reads everything from the store. Throws store::StoreError.
  static Catalog load(store::Store& store, const LoadOptions& options);

  // Builds from data already in memory (tests, benchmarks).
  Catalog(std::vector<store::StoredPlace> stored, std::span<const store::DuplicateMember> groups,
          std::vector<territory::Commune> communes, const LoadOptions& options);

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  // The effective places: stored places in no group, in (source, id) order,
  // then one merged place per group, in group id order.
  std::span<const Place> places() const { return places_; }
  // The stored records behind effective place `i` (one, or a group's members).
  std::span<const SourceRecord> records_of(std::size_t i) const { return records_[i]; }
  // Territory codes and compiled hours of effective place `i`.
  const geo::PlaceExtras& extras(std::size_t i) const { return extras_[i]; }

  const territory::CommuneIndex& communes() const { return *communes_; }
  const geo::Index& index() const { return *index_; }

  // Runs a query on the index after resolving its commune filter as people
  // mean it: a commune with arrondissements (Paris, Lyon, Marseille) contains
  // them, and a former commune's code names the commune that absorbed it.
  geo::Results search(geo::Query query) const;

  // Number of stored records (before merging).
  std::size_t stored_count() const { return stored_count_; }
  // Number of places whose code INSEE was derived rather than given.
  std::size_t derived_code_count() const { return derived_codes_; }

 private:
  std::vector<Place> places_;
  std::vector<std::vector<SourceRecord>> records_;
  std::vector<geo::PlaceExtras> extras_;
  std::unique_ptr<territory::CommuneIndex> communes_;
  std::unique_ptr<geo::Index> index_;
  std::size_t stored_count_ = 0;
  std::size_t derived_codes_ = 0;
};

// Where "near commune X" points: a commune found by INSEE code, postcode or
// name (best hit of CommuneIndex::search) that has a position.
struct CommuneLocation {
  const territory::Commune* commune;
  Coordinates position;
};
std::optional<CommuneLocation> locate_commune(const territory::CommuneIndex& communes, std::string_view text);

}  // namespace relais::catalog
