// multipart/form-data bodies (RFC 7578), for the staff space's file upload.
//
// The splitting and the header grammar are RESTinio's (Debian
// librestinio-dev: restinio::multipart_body::split_multipart_body,
// try_parse_part, and its Content-Type / Content-Disposition field parsers),
// called on the body's text: only RESTinio's request-level helpers
// (detect_boundary_for_multipart_body, enumerate_parts) need a RESTinio
// request object, which the network-free staff handler does not have. What
// is written here is the limits, the RFC 7578 rules on top (form-data
// disposition with a name) and errors a person can read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace relais::web {

struct MultipartLimits {
  std::size_t max_body_bytes = 2 * 1024 * 1024;
  std::size_t max_part_bytes = 2 * 1024 * 1024;  // content of one part
  std::size_t max_parts = 20;
  std::size_t max_text_field_bytes = 64 * 1024;  // a part without filename (a form field)
};

struct MultipartPart {
  std::string name;                     // Content-Disposition name (required)
  std::optional<std::string> filename;  // present for a file input, maybe empty ("" = no file chosen)
  std::string content_type;             // the part's Content-Type, "" when absent (text/plain then)
  std::string_view body;                // points into the request body
};

struct MultipartError {
  int status = 400;     // 400 malformed, 413 too large, 415 not multipart/form-data
  std::string message;  // French, for the page
};

// The boundary parameter of a multipart/form-data Content-Type, or an error
// (415 for another media type, 400 for a missing or invalid boundary).
std::variant<std::string, MultipartError> multipart_boundary(std::string_view content_type);

// Splits and parses `body`. Errors: 415/400 as above, 413 when the body, a
// part or the number of parts is above the limits, 400 when the body does
// not follow RFC 2046 §5.1.1 (missing or unterminated boundary, header
// lines without CRLF) or a part has no form-data disposition with a name.
std::variant<std::vector<MultipartPart>, MultipartError> parse_multipart(std::string_view content_type,
                                                                         std::string_view body,
                                                                         const MultipartLimits& limits = {});

}  // namespace relais::web
