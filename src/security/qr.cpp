#include "security/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <stdexcept>

namespace relais::security {

namespace {

constexpr int kQuietZone = 4;  // modules of white around the symbol (ISO/IEC 18004 §6.3.8)

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string qr_svg(std::string_view text, std::string_view label, int size_px) {
  if (size_px <= 0) throw std::invalid_argument("QR code size must be positive");
  // Byte mode for the whole text (QRcode_encodeData also allows NUL bytes);
  // version 0 lets libqrencode pick the smallest symbol that fits.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) {
    if (errno == ERANGE) throw std::runtime_error("text too long for a QR code");
    throw std::runtime_error("libqrencode could not encode the text");
  }
  const int width = code->width;
  const int modules = width + 2 * kQuietZone;

  // One subpath per horizontal run of dark modules: far fewer than one per module.
  std::string path;
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width;) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int end = x;
      while (end < width && (row[end] & 1) != 0) ++end;
      const int run = end - x;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x = end;
    }
  }

  const std::string side = std::to_string(modules);
  const std::string px = std::to_string(size_px);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\"" + px +
         "\" height=\"" + px + "\" role=\"img\" shape-rendering=\"crispEdges\"><title>" + xml_escape(label) +
         "</title><rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>";
}

}  // namespace relais::security
