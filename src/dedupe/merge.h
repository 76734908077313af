// Merging of duplicate places, as the pipeline does (merge-duplicates.ts,
// merge-lieux.ts).
//
// Thread-safety: pure functions, thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "core/place.h"
#include "dedupe/dedupe.h"

namespace relais::dedupe {

inline constexpr std::size_t kMaxMergedIdBytes = 2704;

// The two ids sorted, joined with "__", every "-?mediation-numerique-?"
// removed.
std::string merged_id(std::string_view id_a, std::string_view id_b);

// True when `date` is older than 365/2 days before `today`
// (date < today - 182.5 days, i.e. at least 183 days before).
bool is_old(std::chrono::year_month_day date, std::chrono::year_month_day today);

// mergeLieux(newer, older) / mergeOldLieux: merges two places, `newer` being
// the one with the more recent date_maj.
//  - Old-record merge (either date_maj is_old): `newer` whole, with
//    dispositif_programmes_nationaux unioned.
//  - Normal merge: scalars from `newer`, `older`'s where `newer` lacks one;
//    pivot from `older` when newer's is the placeholder 00000000000000; list
//    fields unioned (newer's values first, duplicates removed) for services,
//    modalites_accompagnement, modalites_acces, frais_a_charge,
//    prise_en_charge_specifique, publics_specifiquement_adresses,
//    formations_labels, autres_formations_labels, courriels, site_web,
//    typologie and dispositif_programmes_nationaux; other lists (itinerance)
//    from `newer` unless empty.
// In both cases id = merged_id(newer.id, older.id).
Place merge_two(const Place& newer, const Place& older, std::chrono::year_month_day today);

// Merges a group: members sorted by date_maj descending then id ascending,
// folded left from the newest with merge_two. nullopt when the merged id
// exceeds kMaxMergedIdBytes (the pipeline drops such places).
std::optional<Place> merge_group(std::span<const Place> places, const Group& group,
                                 std::chrono::year_month_day today);

}  // namespace relais::dedupe
