// The orientation path for social workers (issue 3, item 4), as pages:
//   1. /orientation                 need: the 9 services in plain-French families
//   2. /orientation/disponibilite   when the person can go (half-days, "ouvert maintenant")
//   3. /orientation/lieu            where, then the choice of a place
//   4. /orientation/accessibilite   specific needs (handicaps, languages) and who orients
//   5. /orientation/fiche           the orientation sheet: print (A4, one page) or e-mail
// Every step is a GET form: the whole state lives in the URL (OrientationState),
// no JavaScript, no cookie, nothing stored on the server.
//
// Pure and thread-safe, like render.h.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/place.h"
#include "hours/opening_hours.h"
#include "pages/render.h"

namespace relais::pages {

// --- state in the URL ----------------------------------------------------------

// A half-day of the week: "lundi-matin", "mardi-apres-midi". Morning is before
// noon, afternoon from noon to midnight.
struct HalfDay {
  int weekday = 0;  // 0 = Monday ... 6 = Sunday
  bool afternoon = false;
  friend bool operator==(const HalfDay&, const HalfDay&) = default;
};
std::string half_day_code(HalfDay h);               // "lundi-matin"
std::optional<HalfDay> parse_half_day(std::string_view code);
std::string half_day_text(HalfDay h);               // "lundi matin", "lundi après-midi"

struct OrientationState {
  std::vector<Service> services;            // `services` (labels of the standard)
  std::vector<HalfDay> half_days;           // `dispo`
  bool open_now = false;                    // `open_now=true`
  std::string where;                        // `ou`
  int radius_km = 10;                       // `radius=10km`
  std::string place;                        // `lieu` (public ref)
  std::vector<PriseEnCharge> prises_en_charge;  // `prise_en_charge`
  std::string first_name;                   // `prenom` (never stored)
  std::string worker;                       // `orienteur`
  std::string structure;                    // `structure`
};

inline constexpr int kOrientationRadiiKm[] = {2, 5, 10, 20, 50};
inline constexpr std::size_t kFirstNameMax = 40;   // as the national map (§13.2)
inline constexpr std::size_t kWorkerFieldMax = 80;

// Reads the state from decoded parameters; unknown parameters are ignored
// only when listed in `ignored` (e.g. "destinataire" on the send form).
// Returns a French sentence naming the problem on a bad value.
std::variant<OrientationState, std::string> read_orientation_state(
    const std::vector<std::pair<std::string, std::string>>& params,
    std::span<const std::string_view> ignored = {});

// Query string of the state (fixed order, empty values left out).
std::string orientation_query(const OrientationState& state);
// "/orientation/lieu?..." (path + '?' + query when not empty).
std::string orientation_url(std::string_view path, const OrientationState& state);

// The open half-days, among `wanted`, during the 7 days starting at `now`
// (today counts from `now` on), in week order. Empty when none.
std::vector<HalfDay> available_half_days(const hours::OpeningHours& hours, std::span<const HalfDay> wanted,
                                         std::chrono::sys_seconds now);

// --- the needs in families ---------------------------------------------------------
struct NeedFamily {
  std::string_view title;        // "Faire ses démarches"
  std::string_view explanation;  // one plain sentence
  std::vector<Service> services;
};
std::span<const NeedFamily> need_families();

// --- pages ----------------------------------------------------------------------------
inline constexpr std::string_view kOrientationCssPath = "/orientation/fiche.css";
// The stylesheet of the orientation pages (screen and print: A4, one page).
std::string_view orientation_css();
// DSFR stylesheets the orientation pages link (relative to the dist folder).
std::span<const std::string_view> orientation_stylesheets();

struct OrientationStep {
  Site site;
  OrientationState state;
  std::string error;  // French sentence shown at the top; empty when fine
};
std::string render_orientation_need(const OrientationStep& page);
std::string render_orientation_availability(const OrientationStep& page);

struct OrientationCandidate {
  PlaceSummary summary;
  std::vector<HalfDay> matching;  // half-days the place is open among the chosen ones
};
struct OrientationPlacesPage {
  OrientationStep step;
  std::string where_label;  // "Villeurbanne (69100)"; empty when `where` is empty or unknown
  std::string where_error;
  std::vector<OrientationCandidate> places;  // at most 20, nearest first
  std::size_t total = 0;                     // qualifying places within the radius
  std::size_t without_hours = 0;             // left out because their hours are unknown
};
std::string render_orientation_places(const OrientationPlacesPage& page);

struct OrientationAccessPage {
  OrientationStep step;
  Place place;  // id = public ref
};
std::string render_orientation_access(const OrientationAccessPage& page);

struct OrientationSheet {
  Site site;
  OrientationState state;
  Place place;                       // id = public ref
  std::chrono::sys_seconds now{};
  std::string where_label;           // "Villeurbanne (69100)"; empty when unknown
  std::optional<double> distance_metres;  // from the centre of `where`
  bool mail_enabled = false;         // SMTP configured: show the e-mail form
  std::string recipient;             // typed address (redisplayed after an error)
  std::string recipient_error;       // French; empty when fine
};
std::string render_orientation_sheet(const OrientationSheet& sheet);
// The same sheet as an e-mail: a self-contained HTML document (no external
// stylesheet) and its plain-text alternative, and the subject.
struct OrientationMailContent {
  std::string subject, html, text;
};
OrientationMailContent orientation_mail(const OrientationSheet& sheet);

struct OrientationSentPage {
  Site site;
  std::string recipient;
  std::string sheet_url;
};
std::string render_orientation_sent(const OrientationSentPage& page);

}  // namespace relais::pages
