// "Signaler une erreur": what a person reports about a place, with the
// national map's categories (standard-lieux §13.3), and its validation.
// Storing and forwarding a report is the server's business; this header only
// defines what the form maps to. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace relais::pages {

// The national categories, in the national map's order.
enum class ReportCategory {
  Horaires,
  Services,
  Adresse,
  Contacts,
  Accompagnements,
  Labels,
  Public,
  LieuFerme,  // "Le lieu n'existe plus"
};

struct ReportCategoryInfo {
  ReportCategory category;
  std::string_view value;  // form value, stable: "horaires", "lieu_ferme"...
  std::string_view label;  // the national label: "Horaires", "Le lieu n'existe plus"
};
std::span<const ReportCategoryInfo> report_categories();
std::optional<ReportCategory> report_category_from_value(std::string_view value);
const ReportCategoryInfo& report_category_info(ReportCategory category);

// Form field names.
inline constexpr std::string_view kReportCategoryField = "categories";
inline constexpr std::string_view kReportMessageField = "precision";
inline constexpr std::string_view kReportEmailField = "courriel";

// Limits (code points).
inline constexpr std::size_t kReportMessageMax = 2000;
inline constexpr std::size_t kReportEmailMax = 254;

struct ErrorReport {
  std::string place_id;
  std::vector<ReportCategory> categories;  // at least one, no duplicates
  std::string message;                     // what is wrong (required)
  std::string email;                       // optional, to be answered
};

// One problem of a submitted form, in French, for the field it concerns
// (a field name above).
struct FieldError {
  std::string field;
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

// A submitted form, already decoded (name, value) pairs in order.
struct ReportForm {
  ErrorReport report;
  // Problems found while reading (unknown category values); validate() adds
  // the rest.
  std::vector<FieldError> errors;
};
ReportForm read_report_form(std::string_view place_id,
                            std::span<const std::pair<std::string, std::string>> fields);

// Every problem of the report, in field order (categories, precision,
// courriel); empty when it can be stored. Message and e-mail are trimmed by
// read_report_form, not here.
std::vector<FieldError> validate_report(const ErrorReport& report);

// The reading problems of a form then validate_report's, at most one per
// field (the first found).
std::vector<FieldError> validate_report_form(const ReportForm& form);

}  // namespace relais::pages
