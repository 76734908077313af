// Single-value rules of the reference library 2.3.0 and of schema v1.0.2,
// exposed for validate.cpp, the agreement tool and tests.
//
// The library's regexes are JavaScript regexes with the /u flag; they are run
// with PCRE2 in UTF mode, translated so that semantics match JS: `\s` is JS's
// Unicode whitespace set, `\d` and `\w` stay ASCII, `$` matches only at the very
// end (PCRE2_DOLLAR_ENDONLY), character ranges such as `À-Ö` are on code
// points. All functions are thread-safe; invalid UTF-8 never matches.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace relais::validation::rules {

// Library (models/*): the rule the pipeline applies.
bool library_pivot(std::string_view v);        // UTF-16 length 14 || ^W[a-zA-Z0-9]{9}$
bool library_code_postal(std::string_view v);  // ^\d{5}$
bool library_code_insee(std::string_view v);   // ^(?:[013-9]\d|2[AB1-9])(?:0?\d{3}|-\d-\d{2}-\d{3})$
bool library_commune(std::string_view v);
bool library_adresse(std::string_view v);      // "voie": not empty and regex
bool library_telephone(std::string_view v);
bool library_courriel(std::string_view v);     // one item of courriels
bool library_url(std::string_view v);

// Schema v1.0.2 patterns (stricter or different; reported as warnings).
bool schema_pivot(std::string_view v);       // ^[a-zA-Z0-9]{9,14}$
bool schema_code_insee(std::string_view v);  // ^([013-9]\d|2[AB1-9])\d{3}$
bool schema_telephone(std::string_view v);   // ^(\+33|\+590|...)(\d){6,9}$

// Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view text);

// Length as JavaScript's String.prototype.length (UTF-16 code units).
std::size_t utf16_length(std::string_view utf8);

// A coordinate as JS Number() reads a string (ASCII whitespace trimmed,
// decimal with '.', no hex/Infinity); nullopt when not a finite number.
std::optional<double> parse_number(std::string_view text);

// date_maj: YYYY-MM-DD, or an ISO 8601 date-time starting with it
// (YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM], 'T' or ' '); with an offset
// the UTC day is taken, as JS toISOString() does. Invalid calendar days
// (2024-02-30) are rejected (JS would roll them over).
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

}  // namespace relais::validation::rules
