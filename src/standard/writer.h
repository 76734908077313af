// Writers of Places in the v1.0.2 layout: CSV, JSON and GeoJSON.
//
// All writers are thread-safe (no shared state) and write UTF-8 without BOM.
// They report stream failures through the stream state only.
#pragma once

#include <chrono>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "core/place.h"
#include "core/raw_record.h"

namespace relais::standard {

// Flat v1 text form of a place: the 32 fields in schema order, lists joined
// with '|', dates YYYY-MM-DD, coordinates in shortest round-trip form; absent
// or empty fields are omitted. This is exactly what write_csv/write_json emit
// and what read_buffer returns for their output.
RawRecord to_raw(const Place& place);

// v1.0.2 CSV: header = 32 columns in schema order, RFC 4180 quoting (quote
// when needed, double inner quotes), '|' lists, absent = empty cell, "\n" line
// ends, UTF-8 without BOM.
void write_csv(std::ostream& out, std::span<const Place> places);

// Array of flat objects with v1 keys; lists are '|'-joined strings,
// latitude/longitude are JSON numbers, absent fields omitted.
void write_json(std::ostream& out, std::span<const Place> places);

// FeatureCollection of Points ([longitude, latitude]); places without
// coordinates are skipped; properties = the flat v1 record (as write_json).
void write_geojson(std::ostream& out, std::span<const Place> places);

// One CSV cell, quoted per RFC 4180 only when it contains ',', '"', '\r' or '\n'
// (or leading/trailing space).
std::string to_csv_cell(std::string_view text);

// Shortest decimal text that parses back to the same double (std::to_chars).
std::string format_coordinate(double value);

// YYYY-MM-DD.
std::string format_date(std::chrono::year_month_day date);

}  // namespace relais::standard
