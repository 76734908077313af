#include "dedupe/merge.h"

#include <algorithm>
#include <regex>
#include <vector>

namespace relais::dedupe {
namespace {

template <typename T>
void union_into(std::vector<T>& into, const std::vector<T>& more) {
  for (const T& value : more) {
    if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
  }
}

template <typename T>
void fill_if_absent(std::optional<T>& into, const std::optional<T>& older) {
  if (!into) into = older;
}

}  // namespace

std::string merged_id(std::string_view id_a, std::string_view id_b) {
  std::string a(id_a), b(id_b);
  if (b < a) std::swap(a, b);
  static const std::regex kMediationNumerique("-?mediation-numerique-?");
  return std::regex_replace(a + "__" + b, kMediationNumerique, "");
}

bool is_old(std::chrono::year_month_day date, std::chrono::year_month_day today) {
  using std::chrono::sys_days;
  // date < today - 182.5 days  <=>  (today - date) > 182.5  <=>  >= 183 whole days
  return (sys_days(today) - sys_days(date)).count() >= 183;
}

Place merge_two(const Place& newer, const Place& older, std::chrono::year_month_day today) {
  Place merged = newer;
  merged.id = merged_id(newer.id, older.id);
  union_into(merged.dispositif_programmes_nationaux, older.dispositif_programmes_nationaux);
  if (is_old(newer.date_maj, today) || is_old(older.date_maj, today)) return merged;

  if (merged.pivot == kUnknownPivot || merged.pivot.empty()) merged.pivot = older.pivot;
  // Required text fields are always present on a Place; the newer one wins.
  fill_if_absent(merged.code_insee, older.code_insee);
  fill_if_absent(merged.complement_adresse, older.complement_adresse);
  fill_if_absent(merged.coordinates, older.coordinates);
  fill_if_absent(merged.telephone, older.telephone);
  fill_if_absent(merged.horaires, older.horaires);
  fill_if_absent(merged.presentation_resume, older.presentation_resume);
  fill_if_absent(merged.presentation_detail, older.presentation_detail);
  fill_if_absent(merged.source, older.source);
  fill_if_absent(merged.structure_parente, older.structure_parente);
  fill_if_absent(merged.fiche_acces_libre, older.fiche_acces_libre);
  fill_if_absent(merged.prise_rdv, older.prise_rdv);
  if (merged.itinerance.empty()) merged.itinerance = older.itinerance;

  union_into(merged.services, older.services);
  union_into(merged.modalites_accompagnement, older.modalites_accompagnement);
  union_into(merged.modalites_acces, older.modalites_acces);
  union_into(merged.frais_a_charge, older.frais_a_charge);
  union_into(merged.prise_en_charge_specifique, older.prise_en_charge_specifique);
  union_into(merged.publics_specifiquement_adresses, older.publics_specifiquement_adresses);
  union_into(merged.formations_labels, older.formations_labels);
  union_into(merged.autres_formations_labels, older.autres_formations_labels);
  union_into(merged.courriels, older.courriels);
  union_into(merged.site_web, older.site_web);
  union_into(merged.typologie, older.typologie);
  return merged;
}

std::optional<Place> merge_group(std::span<const Place> places, const Group& group,
                                 std::chrono::year_month_day today) {
  std::vector<std::size_t> order = group.members;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const Place& a = places[x];
    const Place& b = places[y];
    if (a.date_maj != b.date_maj) return a.date_maj > b.date_maj;
    return a.id < b.id;
  });
  if (order.empty()) return std::nullopt;
  Place merged = places[order.front()];
  for (std::size_t k = 1; k < order.size(); ++k) merged = merge_two(merged, places[order[k]], today);
  if (merged.id.size() > kMaxMergedIdBytes) return std::nullopt;
  return merged;
}

}  // namespace relais::dedupe
