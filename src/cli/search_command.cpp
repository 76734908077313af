// relais search [--near LAT,LON | --commune NAME] [filters...] [--json]
#include <fmt/format.h>

#include <charconv>
#include <iostream>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "cli/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/territory_option.h"
#include "core/text.h"
#include "hours/opening_hours.h"
#include "hours/paris_time.h"

namespace relais::cli {
namespace {

// One repeatable filter option and the standard field it fills.
struct FilterOption {
  const char* flag;
  const char* field;
  const char* help;
  std::vector<std::string> values;
};

struct SearchOptions {
  std::string near;
  std::string commune;
  std::string radius;
  std::size_t limit = 20;
  std::size_t offset = 0;
  std::vector<FilterOption> filters{
      {"--service", "services", "Service offered (exact label of the standard)", {}},
      {"--public", "publics_specifiquement_adresses", "Public specifically welcomed", {}},
      {"--prise-en-charge", "prise_en_charge_specifique", "Specific support (handicap, language...)", {}},
      {"--frais", "frais_a_charge", "Cost: Gratuit, Gratuit sous condition, Payant", {}},
      {"--modalite-acces", "modalites_acces", "How to get there / access mode", {}},
      {"--modalite-accompagnement", "modalites_accompagnement", "Kind of accompaniment", {}},
      {"--dispositif", "dispositif_programmes_nationaux", "National programme (France Services...)", {}},
      {"--label", "formations_labels", "Training or label", {}},
      {"--itinerance", "itinerance", "Itinérant or Fixe", {}},
  };
  bool online_booking = false;
  bool open_now = false;
  std::string open_at;
  bool weekend = false;
  std::vector<std::string> territories;
  std::string text;
  bool json = false;
  bool all_records = false;
};

std::span<const std::string_view> labels_of(std::string_view field) {
  if (field == "services") return labels<Service>();
  if (field == "publics_specifiquement_adresses") return labels<Public>();
  if (field == "prise_en_charge_specifique") return labels<PriseEnCharge>();
  if (field == "frais_a_charge") return labels<Frais>();
  if (field == "modalites_acces") return labels<ModaliteAcces>();
  if (field == "modalites_accompagnement") return labels<ModaliteAccompagnement>();
  if (field == "dispositif_programmes_nationaux") return labels<Dispositif>();
  if (field == "formations_labels") return labels<FormationLabel>();
  if (field == "itinerance") return labels<Itinerance>();
  return {};
}

// Exact label first; else the label equal to the value once case and accents
// are folded ("aide aux demarches administratives").
void add_filter_value(geo::Query& query, const FilterOption& option, const std::string& value) {
  if (query.add_filter(option.field, value)) return;
  auto wanted = fold_for_search(value);
  for (auto label : labels_of(option.field)) {
    if (fold_for_search(label) == wanted && query.add_filter(option.field, label)) return;
  }
  std::string known;
  for (auto label : labels_of(option.field)) known += fmt::format("\n  {}", label);
  throw CommandError(kUsage, fmt::format("{} \"{}\": unknown value; one of:{}", option.flag, value, known));
}

Coordinates parse_point(const std::string& text) {
  auto comma = text.find(',');
  double lat = 0, lon = 0;
  auto parse = [](std::string_view s, double& out) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  if (comma == std::string::npos || !parse(std::string_view(text).substr(0, comma), lat) ||
      !parse(std::string_view(text).substr(comma + 1), lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw CommandError(kUsage, "--near " + text + ": expected LATITUDE,LONGITUDE in degrees, e.g. 45.76,4.83");
  }
  return {lat, lon};
}

// "5km", "500m", "2.5 km" or a number of metres.
double parse_radius(const std::string& text) {
  std::string_view s(text);
  double factor = 1;
  if (s.ends_with("km")) {
    factor = 1000;
    s.remove_suffix(2);
  } else if (s.ends_with("m")) {
    s.remove_suffix(1);
  }
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !(value > 0)) {
    throw CommandError(kUsage, "--radius " + text + ": expected a distance such as 5km, 800m or 1500");
  }
  return value * factor;
}

std::string format_distance(double metres) {
  if (metres < 1000) return fmt::format("{:.0f} m", metres);
  return fmt::format("{:.1f} km", metres / 1000);
}

// "open until 12:00", "closed until Mon 14:00", or nothing when unknown.
std::string opening_state(const Place& place, std::chrono::sys_seconds at, std::optional<bool>& open) {
  open.reset();
  if (!place.horaires) return "hours unknown";
  auto parsed = hours::parse(*place.horaires);
  auto* hours = std::get_if<hours::OpeningHours>(&parsed);
  if (!hours) return "hours unreadable";
  open = hours->is_open(at);
  auto change = hours->next_change(at);
  std::string state = *open ? "open" : "closed";
  if (change) state += " until " + hours::format_paris_local(*change);
  return state;
}

int run_search(Context& context, const SearchOptions& options) {
  geo::Query query;
  query.limit = options.limit;
  query.offset = options.offset;
  for (const auto& filter : options.filters) {
    for (const auto& value : filter.values) add_filter_value(query, filter, value);
  }
  query.online_booking = options.online_booking;
  auto instant = now();
  if (options.open_now) query.open_at = instant;
  if (!options.open_at.empty()) {
    auto at = hours::parse_paris_local(options.open_at);
    if (!at) throw CommandError(kUsage, "--open-at " + options.open_at + ": expected YYYY-MM-DDTHH:MM (Paris time)");
    query.open_at = *at;
    instant = *at;
  }
  if (options.weekend) query.open_weekend_after = instant;
  add_territory_specs(query.territory, options.territories);
  query.text = options.text;
  if (!options.radius.empty()) query.radius_metres = parse_radius(options.radius);

  auto catalog = catalog::Catalog::load(context.store(), {.today = today(), .deduplicated = !options.all_records});
  std::string centre_label;
  if (!options.near.empty()) {
    query.near = parse_point(options.near);
  } else if (!options.commune.empty()) {
    auto location = catalog::locate_commune(catalog.communes(), options.commune);
    if (!location) {
      throw CommandError(kUsage, "--commune " + options.commune +
                                     ": no commune with a position matches (did you run `relais import communes`?)");
    }
    query.near = location->position;
    centre_label = fmt::format("{} ({})", location->commune->nom, location->commune->code_insee);
  }

  auto results = catalog.search(query);
  if (!options.json && !context.quiet) {
    std::string total = results.total ? fmt::format(" of {}", *results.total) : "";
    std::cerr << fmt::format("{} places{}{}\n", results.hits.size(), total,
                             centre_label.empty() ? "" : " near " + centre_label);
    if (results.hits.empty() && query.open_at) {
      std::cerr << "(none is open at that time: without --open-now / --open-at, each result says when it opens)\n";
    }
  }
  std::size_t rank = options.offset;
  for (const auto& hit : results.hits) {
    const Place& place = catalog.places()[hit.place];
    std::optional<bool> open;
    auto state = opening_state(place, instant, open);
    auto matches = geo::describe_matches(hit);
    if (options.json) {
      nlohmann::json object;
      object["id"] = place.id;
      nlohmann::json sources = nlohmann::json::array();
      for (const auto& record : catalog.records_of(hit.place)) {
        sources.push_back({{"source", record.source}, {"id", record.id}});
      }
      object["records"] = std::move(sources);
      object["nom"] = place.nom;
      object["adresse"] = place.adresse;
      object["code_postal"] = place.code_postal;
      object["commune"] = place.commune;
      const auto& extras = catalog.extras(hit.place);
      object["code_insee"] = extras.code_insee ? nlohmann::json(*extras.code_insee) : nlohmann::json();
      if (place.coordinates) {
        object["latitude"] = place.coordinates->latitude;
        object["longitude"] = place.coordinates->longitude;
      }
      object["distance_metres"] = hit.distance_metres ? nlohmann::json(*hit.distance_metres) : nlohmann::json();
      nlohmann::json matched = nlohmann::json::object();
      for (const auto& match : matches) matched[std::string(match.field)].push_back(std::string(match.value));
      object["matched"] = std::move(matched);
      object["horaires"] = place.horaires ? nlohmann::json(*place.horaires) : nlohmann::json();
      object["open"] = open ? nlohmann::json(*open) : nlohmann::json();
      if (place.telephone) object["telephone"] = *place.telephone;
      std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      continue;
    }
    ++rank;
    std::cout << fmt::format("{:>3}. {}{}\n", rank, place.nom,
                             hit.distance_metres ? " — " + format_distance(*hit.distance_metres) : "");
    std::cout << fmt::format("     {}, {} {}\n", place.adresse, place.code_postal, place.commune);
    std::cout << fmt::format("     {}{}\n", state, place.telephone ? " · tél. " + *place.telephone : "");
    std::string matched;
    for (const auto& match : matches) matched += fmt::format("{}{}={}", matched.empty() ? "" : "; ", match.field, match.value);
    std::cout << fmt::format("     id {}{}\n", place.id, matched.empty() ? "" : " · matched " + matched);
  }
  return kSuccess;
}

}  // namespace

void add_search_command(CLI::App& app, Context& context, int& result) {
  auto options = std::make_shared<SearchOptions>();
  auto* search = app.add_subcommand(
      "search",
      "Find places: nearest to a point or a commune (or all, sorted by id), with filters. Values of one filter are "
      "OR-ed, filters are AND-ed, as on the national map.");
  auto* near = search->add_option("--near", options->near, "Centre: LATITUDE,LONGITUDE, e.g. 45.76,4.83");
  search->add_option("--commune", options->commune, "Centre: a commune's name, postcode or INSEE code")
      ->excludes(near);
  search->add_option("--radius", options->radius, "Only within this distance of the centre: 5km, 800m, 1500");
  search->add_option("--limit", options->limit, "Number of results")->capture_default_str()->check(CLI::Range(1, 100000));
  search->add_option("--offset", options->offset, "Skip this many results (paging)");
  for (auto& filter : options->filters) {
    search->add_option(filter.flag, filter.values, filter.help);
  }
  search->add_flag("--prise-rdv", options->online_booking, "Online booking possible");
  auto* open_now = search->add_flag("--open-now", options->open_now, "Open now (Europe/Paris)");
  search->add_option("--open-at", options->open_at, "Open at YYYY-MM-DDTHH:MM (Paris time)")->excludes(open_now);
  search->add_flag("--weekend", options->weekend, "Open at some time of the coming weekend");
  search->add_option("--territoire", options->territories,
                     kTerritoireHelp);
  search->add_option("--text", options->text, "Words in the name, commune or address (accents and case ignored)");
  search->add_flag("--json", options->json, "One JSON object per result, with id, distance_metres and matched fields");
  search->add_flag("--all-records", options->all_records, "Search every stored record, without merging duplicates");
  search->callback([&context, &result, options] { result = run_search(context, *options); });
  (void)near;
}

}  // namespace relais::cli
