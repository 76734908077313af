// Internal: the page templates, embedded in the binary at build time.
//
// Why embedded rather than read from a directory at run time: the templates
// and the C++ code that fills them change together, so shipping them inside
// the binary makes a version mismatch (or a missing `share/templates`, or a
// wrong working directory) impossible; rendering never touches the file
// system and cannot fail on I/O; the unit tests check exactly what runs in
// production. Editing a template rebuilds the generated source (CMake
// dependency), so the edit-reload loop stays a `cmake --build`.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace relais::pages::detail {

struct EmbeddedTemplate {
  std::string_view name;  // file name without ".mustache"
  std::string_view text;
};

// Defined in the generated templates_embedded.cpp.
std::span<const EmbeddedTemplate> embedded_templates();

// The text of template `name` with every partial tag `{{> other}}` replaced
// by the text of template `other` (recursively, 8 levels at most), the
// partial `content` standing for template `content` (the layout's slot for
// the page), so a page is parsed once with no partial lookup at render
// time. Throws std::logic_error for an unknown template or too deep nesting
// (programming errors, caught by the tests).
std::string expanded_template(std::string_view name, std::string_view content = {});

}  // namespace relais::pages::detail
