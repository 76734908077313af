#include "web/form.h"

#include "core/text.h"

namespace relais::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string media_type(std::string_view content_type) {
  return lower(trim(content_type.substr(0, content_type.find(';'))));
}

std::variant<api::Params, FormError> parse_form(std::string_view content_type, std::string_view body,
                                                const FormLimits& limits) {
  if (media_type(content_type) != "application/x-www-form-urlencoded") {
    return FormError{415, "Le formulaire n’a pas été envoyé sous la forme attendue. Utilisez le formulaire de la page."};
  }
  // Only parameter a browser adds: charset. Anything but UTF-8 would be misread.
  auto semicolon = content_type.find(';');
  while (semicolon != std::string_view::npos) {
    auto rest = content_type.substr(semicolon + 1);
    auto next = rest.find(';');
    auto parameter = lower(trim(rest.substr(0, next)));
    if (parameter.starts_with("charset=") && parameter != "charset=utf-8" && parameter != "charset=\"utf-8\"") {
      return FormError{415, "Le formulaire doit être envoyé en UTF-8."};
    }
    semicolon = next == std::string_view::npos ? next : semicolon + 1 + next;
  }
  if (body.size() > limits.max_bytes) {
    return FormError{413, "Le formulaire envoyé est trop long."};
  }
  auto parsed = api::parse_query_string(body, {.max_length = limits.max_bytes, .max_parameters = limits.max_fields});
  if (auto* error = std::get_if<api::ApiError>(&parsed)) return FormError{400, error->message};
  return std::get<api::Params>(std::move(parsed));
}

}  // namespace relais::web
