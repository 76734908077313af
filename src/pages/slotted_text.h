// Internal to the pages module: a text rendered once with a marker where
// each per-request value goes, so producing it again is a concatenation.
//
// Why: kainjow mustache builds a tree of heap-allocated values for every
// rendering, and a fragment with hundreds of values costs far more to build
// and walk than to copy. The results page's filter form (18 KB, about 400
// values of which about 90 depend on the request: checked boxes, open groups,
// the place searched) was half of that page's rendering time. Its shape never
// changes, so it is rendered once with markers (render.cpp) and filled here.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relais::pages::detail {

class SlottedText {
 public:
  // The marker to render in place of the value of slot `slot`: characters
  // (ASCII record and unit separators around digits) that HTML escaping
  // keeps and that no page text contains.
  static std::string marker(std::size_t slot);

  // Splits `rendered` at its markers. A slot may appear several times.
  // Throws std::logic_error on a malformed or unterminated marker.
  explicit SlottedText(std::string_view rendered);

  // One more than the highest slot number seen (0 without markers).
  std::size_t slot_count() const { return slot_count_; }

  // Appends the text to `out` with values[slot] in place of each marker.
  // Values go in as given: escape text before. `values` must have at least
  // slot_count() entries (std::logic_error otherwise).
  void append_to(std::string& out, std::span<const std::string> values) const;

 private:
  std::vector<std::string> pieces_;  // pieces_.size() == slots_.size() + 1
  std::vector<std::size_t> slots_;
  std::size_t slot_count_ = 0;
  std::size_t fixed_size_ = 0;  // total size of the pieces
};

}  // namespace relais::pages::detail
