#include "pages/filters.h"

#include <algorithm>
#include <cmath>

namespace relais::pages {
namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void percent(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

template <typename E>
void append_list(std::string& out, std::string_view name, const std::vector<E>& values) {
  for (E value : values) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += form_encode(label(value));
  }
}

void append(std::string& out, std::string_view name, std::string_view value) {
  if (!out.empty()) out += '&';
  out += name;
  out += '=';
  out += form_encode(value);
}

}  // namespace

std::string form_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (unreserved(c)) out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else percent(out, c);
  }
  return out;
}

std::string path_segment_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (unreserved(c) || c == ':') out += static_cast<char>(c);
    else percent(out, c);
  }
  return out;
}

std::string place_path(std::string_view id) { return "/lieux/" + path_segment_encode(id); }

SearchFilters filters_from_query(const geo::Query& query) {
  SearchFilters f;
  f.services = query.services;
  f.publics = query.publics;
  f.prises_en_charge = query.prises_en_charge;
  f.frais = query.frais;
  f.modalites_acces = query.modalites_acces;
  f.modalites_accompagnement = query.modalites_accompagnement;
  f.dispositifs = query.dispositifs;
  f.labels = query.formations_labels;
  f.open_now = query.open_at.has_value();
  f.weekend = query.open_weekend_after.has_value();
  f.online_booking = query.online_booking;
  if (query.radius_metres && std::isfinite(*query.radius_metres) && *query.radius_metres > 0) {
    f.radius_km = std::max(1, static_cast<int>(std::lround(*query.radius_metres / 1000.0)));
  }
  return f;
}

std::string query_string(const SearchFilters& f, std::size_t page) {
  std::string out;
  if (!f.where.empty()) append(out, "ou", f.where);
  append_list(out, "services", f.services);
  append_list(out, "publics", f.publics);
  append_list(out, "prise_en_charge", f.prises_en_charge);
  append_list(out, "frais", f.frais);
  append_list(out, "modalites_acces", f.modalites_acces);
  append_list(out, "modalites_accompagnement", f.modalites_accompagnement);
  append_list(out, "dispositifs", f.dispositifs);
  append_list(out, "labels", f.labels);
  if (f.open_now) append(out, "open_now", "true");
  if (f.weekend) append(out, "weekend", "true");
  if (f.online_booking) append(out, "prise_rdv", "true");
  if (f.radius_km) append(out, "radius", std::to_string(*f.radius_km) + "km");
  if (page > 1) append(out, "page", std::to_string(page));
  return out;
}

std::string search_url(const SearchFilters& filters, std::size_t page) {
  auto query = query_string(filters, page);
  return query.empty() ? std::string("/recherche") : "/recherche?" + query;
}

std::size_t active_filter_count(const SearchFilters& f) {
  return f.services.size() + f.publics.size() + f.prises_en_charge.size() + f.frais.size() +
         f.modalites_acces.size() + f.modalites_accompagnement.size() + f.dispositifs.size() +
         f.labels.size() + (f.open_now ? 1 : 0) + (f.weekend ? 1 : 0) + (f.online_booking ? 1 : 0) +
         (f.radius_km ? 1 : 0);
}

}  // namespace relais::pages
