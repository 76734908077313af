#include "pages/slotted_text.h"

#include <algorithm>
#include <stdexcept>

namespace relais::pages::detail {

namespace {
constexpr char kOpen = '\x1e';
constexpr char kClose = '\x1f';
}  // namespace

std::string SlottedText::marker(std::size_t slot) { return kOpen + std::to_string(slot) + kClose; }

SlottedText::SlottedText(std::string_view rendered) {
  std::string piece;
  std::size_t at = 0;
  while (at < rendered.size()) {
    std::size_t open = rendered.find(kOpen, at);
    if (open == std::string_view::npos) {
      piece.append(rendered.substr(at));
      break;
    }
    piece.append(rendered.substr(at, open - at));
    std::size_t close = rendered.find(kClose, open + 1);
    if (close == std::string_view::npos || close == open + 1 || close - open > 8) {
      throw std::logic_error("pages: malformed slot marker in a pre-rendered text");
    }
    std::size_t slot = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
      char c = rendered[i];
      if (c < '0' || c > '9') throw std::logic_error("pages: malformed slot marker in a pre-rendered text");
      slot = slot * 10 + static_cast<std::size_t>(c - '0');
    }
    fixed_size_ += piece.size();
    pieces_.push_back(std::move(piece));
    piece.clear();
    slots_.push_back(slot);
    slot_count_ = std::max(slot_count_, slot + 1);
    at = close + 1;
  }
  fixed_size_ += piece.size();
  pieces_.push_back(std::move(piece));
}

void SlottedText::append_to(std::string& out, std::span<const std::string> values) const {
  if (values.size() < slot_count_) throw std::logic_error("pages: too few values for a pre-rendered text");
  std::size_t size = fixed_size_;
  for (std::size_t slot : slots_) size += values[slot].size();
  out.reserve(out.size() + size);
  out += pieces_[0];
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    out += values[slots_[i]];
    out += pieces_[i + 1];
  }
}

}  // namespace relais::pages::detail
