// String similarity used to compare names and addresses of places.
//
// `ratio` reproduces npm fuzzball 2.2.3 `ratio(a, b)` with default options,
// the scorer of the national deduplication pipeline, bit for bit:
//  - full_process: every code point that is not a Unicode letter (\p{L}) or
//    number (\p{N}) becomes one space, then JS toLowerCase(), trim, and runs
//    of whitespace collapse to one space. fuzzball's *code* defaults
//    force_ascii to false (its .d.ts says true): accented letters are kept.
//  - a processed string that is empty gives 0 (even for two empty strings);
//    equal processed strings give 100.
//  - distance: Levenshtein with substitution cost 2 over UTF-16 code units
//    (JS string semantics), lensum = UTF-16 lengths;
//    result = JS Math.round(100 * (lensum - distance) / lensum).
// Lowercasing uses utf8proc's simple case mapping plus JS's two special
// rules that matter here: U+0130 'İ' -> "i̇" and the Greek final sigma. Other
// differences (Unicode version of the tables) are not expected on real data;
// the agreement test (tests/agreement/dedupe) checks
// equality on all real candidate pairs.
//
// Hand-written because no Debian package provides rapidfuzz-cpp; the
// distance uses the bit-parallel LCS of Hyyrö (substitution cost 2 makes
// Levenshtein equal lensum - 2 * LCS).
//
// Thread-safety: all functions are pure and thread-safe. Invalid UTF-8 bytes
// are dropped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace relais::dedupe {

// fuzzball 2.2.3 `ratio(a, b)` with default options, 0..100.
int ratio(std::string_view a, std::string_view b);

// fuzzball's default full_process, as UTF-8.
std::string fuzzball_process(std::string_view text);

// Ratio of two strings used as they are (no processing): the same formula on
// their UTF-16 units. Empty string -> 0.
int ratio_unprocessed(std::string_view a, std::string_view b);

// Accent- and case-insensitive variant for the Relais rules: both sides go
// through relais::fold_for_search ("Médiathèque" == "mediatheque"), then the
// same ratio. Empty after folding -> 0.
int folded_ratio(std::string_view a, std::string_view b);

// InDel distance (Levenshtein with substitution cost 2) between two UTF-16
// sequences.
std::size_t indel_distance(std::u16string_view a, std::u16string_view b);

}  // namespace relais::dedupe
