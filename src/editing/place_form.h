// The edit form of a place's record, in the staff space (issue 5, item 5):
// every field of the standard v1.0.2 in fieldsets, with plain-French labels
// and help, multi-valued enumerations as checkboxes, the opening hours as a
// weekly form (editing/weekly_hours.h).
//
// A submitted form is turned back into a v1 record and checked with the SAME
// validation as imports (validation/validate.h, strict policy), so a team
// cannot publish what an import would refuse; every problem comes back
// located by the field's HTML name, in plain French. Warnings that would drop
// a value on purpose (coordinates 0,0, publics without any service...) are
// refused too, so nothing the team typed disappears silently.
// Pure functions, thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/place.h"
#include "editing/weekly_hours.h"

namespace relais::editing {

// Decoded form body, in order; names repeat for checkboxes.
using FormValues = std::vector<std::pair<std::string, std::string>>;

enum class Input {
  Text,
  TextArea,
  Lines,       // a list, one value per line (courriels, site_web, autres_formations_labels)
  Email,       // unused for lists (several addresses)
  Url,
  Tel,
  Checkboxes,  // a multi-valued enumeration
  ReadOnly,    // shown, not editable (id, date_maj)
};

struct Option {
  std::string value;  // the standard's exact label
  std::string label;  // what people read (the same, or the typology's meaning)
  bool checked = false;
};

struct FormField {
  std::string name;  // the v1.0.2 field name, also the HTML name and id
  std::string label, help;
  Input input = Input::Text;
  bool required = false;
  std::optional<int> max_length;  // characters (presentation_resume)
  std::string value;              // text as shown (lists: one per line)
  std::vector<Option> options;    // Checkboxes
  std::string error;              // plain French; "" when fine
};

struct Fieldset {
  std::string id;  // HTML id of the fieldset ("lieu", "adresse"...)
  std::string legend, help;
  std::vector<FormField> fields;
  bool hours = false;  // the weekly hours go here (the fields list is empty)
};

// One line of the error summary at the top of the form: links to `field`.
struct FormMessage {
  std::string field;  // HTML id of the input
  std::string label;  // the field's label
  std::string message;
  friend bool operator==(const FormMessage&, const FormMessage&) = default;
};

struct PlaceForm {
  std::vector<Fieldset> fieldsets;
  WeeklyHours hours;
  std::vector<HoursProblem> hours_problems;
  std::vector<FormMessage> errors;    // refused: the record is not saved
  std::vector<FormMessage> notices;   // accepted, worth a look (e.g. a phone number not in +33 form)

  // The field named `name` (nullptr when none).
  const FormField* field(std::string_view name) const;
};

// The form showing `place`.
PlaceForm form_for(const Place& place);

struct Submission {
  std::optional<Place> place;  // the record to save; nullopt when form.errors is not empty
  PlaceForm form;              // the values as typed, with their errors (to show again)
};

// Reads a submitted form for the place `original` (its id is kept: the key
// cannot change); date_maj becomes `today` (the team vouches for the record
// today). Validates as imports do.
Submission read_form(const FormValues& values, const Place& original, std::chrono::year_month_day today);

// The French message of a validation problem (rule code of validation/), for
// the field labelled `label`.
std::string french_message(std::string_view rule, std::string_view label);

// The French label of a field of the standard ("Numéro de téléphone").
std::string field_label(std::string_view field);

// Template data of the form (pages templates espace_lieu*.mustache):
// {fieldsets:[{id, legend, help, is_hours, fields:[{name, label, help,
// required, error, value, is_text|is_textarea|is_lines|is_url|is_tel|
// is_checkboxes|is_read_only, max_length, options:[{value,label,checked,id}]}]}],
// hours:{advanced, advanced_text, advanced_reason, exceptions, days:[{name,
// closed_name, closed, ranges:[{label, start_name, start, end_name, end, error}]}],
// errors:[...]}, errors:[{field,label,message}], notices:[...], has_errors}.
nlohmann::json to_json(const PlaceForm& form);

}  // namespace relais::editing
