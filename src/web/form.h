// Form bodies sent as application/x-www-form-urlencoded: the same grammar as
// a query string, so api::parse_query_string does the decoding (percent
// escapes, '+', UTF-8, NUL refused); this adds the limits of a form body and
// the media-type check.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "api/query_string.h"

namespace relais::web {

struct FormLimits {
  std::size_t max_bytes = 256 * 1024;  // the body (a place's record with its hours fits many times)
  std::size_t max_fields = 500;
};

// The media type of a Content-Type value, lowercased, without parameters
// and spaces: "Multipart/Form-Data; boundary=x" -> "multipart/form-data".
std::string media_type(std::string_view content_type);

struct FormError {
  int status = 400;     // 400 malformed, 413 too large, 415 not a urlencoded form
  std::string message;  // French, for the page
};

// Decodes a urlencoded body. `content_type` must be
// application/x-www-form-urlencoded (a charset parameter other than utf-8 is
// refused: browsers send UTF-8 for UTF-8 pages).
std::variant<api::Params, FormError> parse_form(std::string_view content_type, std::string_view body,
                                                const FormLimits& limits = {});

}  // namespace relais::web
