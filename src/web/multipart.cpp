#include "web/multipart.h"

#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/http_field_parsers/content-type.hpp>
#include <restinio/helpers/multipart_body.hpp>

#include "web/form.h"

namespace relais::web {
namespace {

namespace hfp = restinio::http_field_parsers;
namespace mb = restinio::multipart_body;

MultipartError malformed(std::string detail) {
  return {400, "Le fichier n’a pas pu être lu tel qu’il a été envoyé (" + std::move(detail) +
                   "). Envoyez-le depuis le formulaire de la page."};
}

bool equals_caseless(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::optional<std::string> parameter(const hfp::parameter_with_mandatory_value_container_t& parameters,
                                     std::string_view name) {
  for (const auto& [key, value] : parameters) {
    if (equals_caseless(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace

std::variant<std::string, MultipartError> multipart_boundary(std::string_view content_type) {
  if (media_type(content_type) != "multipart/form-data") {
    return MultipartError{415, "Le fichier doit être envoyé avec le formulaire de la page (multipart/form-data)."};
  }
  auto parsed = hfp::content_type_value_t::try_parse(content_type);
  if (!parsed) return malformed("en-tête Content-Type illisible");
  auto boundary = parameter(parsed->media_type.parameters, "boundary");
  if (!boundary) return malformed("séparateur absent");
  if (mb::check_boundary_value(*boundary)) return malformed("séparateur invalide");
  return *boundary;
}

std::variant<std::vector<MultipartPart>, MultipartError> parse_multipart(std::string_view content_type,
                                                                         std::string_view body,
                                                                         const MultipartLimits& limits) {
  auto boundary = multipart_boundary(content_type);
  if (auto* error = std::get_if<MultipartError>(&boundary)) return *error;
  if (body.size() > limits.max_body_bytes) {
    return MultipartError{413, "L’envoi est trop volumineux (" + std::to_string(limits.max_body_bytes / 1024) +
                                   " Kio au plus)."};
  }
  auto pieces = mb::split_multipart_body(body, "--" + std::get<std::string>(boundary));
  if (pieces.empty()) return malformed("séparateurs absents ou incomplets");
  if (pieces.size() > limits.max_parts) {
    return MultipartError{413, "L’envoi contient trop de parties (" + std::to_string(limits.max_parts) + " au plus)."};
  }
  std::vector<MultipartPart> parts;
  parts.reserve(pieces.size());
  for (auto piece : pieces) {
    auto parsed = mb::try_parse_part(piece);
    if (!parsed) return malformed("en-têtes d’une partie illisibles");
    MultipartPart part;
    part.body = parsed->body;
    auto disposition_text = parsed->fields.opt_value_of("Content-Disposition");
    if (!disposition_text) return malformed("une partie n’a pas d’en-tête Content-Disposition");
    auto disposition = hfp::content_disposition_value_t::try_parse(*disposition_text);
    if (!disposition || !equals_caseless(disposition->value, "form-data")) {
      return malformed("une partie n’est pas un champ de formulaire");
    }
    auto name = parameter(disposition->parameters, "name");
    if (!name || name->empty()) return malformed("une partie n’a pas de nom");
    part.name = std::move(*name);
    part.filename = parameter(disposition->parameters, "filename");
    if (auto type = parsed->fields.opt_value_of("Content-Type")) part.content_type = std::string(*type);
    if (part.body.size() > limits.max_part_bytes ||
        (!part.filename && part.body.size() > limits.max_text_field_bytes)) {
      return MultipartError{413, "Une partie de l’envoi est trop volumineuse."};
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace relais::web
