// JSON, GeoJSON and CSV forms of places as the API serves them. Pure
// functions over a Dataset; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "api/dataset.h"
#include "geo/index.h"

namespace relais::api {

// One place: every field of the standard (lists as arrays, absent scalars as
// null), plus ref, sources, the territory codes (code_insee completed, epci,
// departement, region), "ouvert" at `now` (null when hours are unknown or
// unreadable), and, from a search hit, distance_metres and correspondances
// (which filter values matched).
nlohmann::json place_json(const Dataset& dataset, std::uint32_t place, std::chrono::sys_seconds now,
                          const geo::Hit* hit = nullptr);

// GeoJSON Feature: Point [longitude, latitude] (geometry null without
// coordinates), properties = place_json.
nlohmann::json place_feature(const Dataset& dataset, std::uint32_t place, std::chrono::sys_seconds now,
                             const geo::Hit* hit = nullptr);

// The pre-rendered text of place_json(dataset, place, now, nullptr) without
// "ouvert" (stored in the Dataset; see PlaceText).
RenderedPlaceText render_place_text(const Dataset& dataset, std::uint32_t place);

// Asks the CPU to start loading what append_place_json will read for these
// hits (their text entries, extras and compiled hours), all at once: in a
// large catalogue each is a cache miss, and waiting for them one by one was
// most of append_place_json's time at a million places. A hint, no effect on
// results.
void prefetch_places(const Dataset& dataset, std::span<const geo::Hit> hits);

// Appends exactly dump(place_json(dataset, place, now, hit)), resp.
// dump(place_feature(...)), to `out`, from the dataset's pre-rendered text:
// the fast path of search results (same bytes; tested in handler_test.cpp).
void append_place_json(std::string& out, const Dataset& dataset, std::uint32_t place, std::chrono::sys_seconds now,
                       const geo::Hit* hit = nullptr);
void append_place_feature(std::string& out, const Dataset& dataset, std::uint32_t place,
                          std::chrono::sys_seconds now, const geo::Hit* hit = nullptr);

// CSV of the national standard v1.0.2 (same bytes as standard::write_csv):
// the header line, then one line per place.
std::string csv_header();
void append_csv_row(std::string& out, const Place& place);

// Text dump of JSON for responses: UTF-8 kept, invalid bytes replaced.
std::string dump(const nlohmann::json& value);

}  // namespace relais::api
