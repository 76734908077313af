// QR codes as inline SVG (libqrencode for the symbol; the SVG is drawn here
// because libqrencode only gives the module matrix): used to enrol an
// authenticator app. No script, no external resource, prints in black on white.
#pragma once

#include <string>
#include <string_view>

namespace relais::security {

// An <svg> element (role="img", with <title> `label`) of the QR code of
// `text` at error-correction level M, 4-module quiet zone, one <path> for the
// dark modules; `size_px` is the displayed width and height. Throws
// std::runtime_error when the text is too long for a QR code.
std::string qr_svg(std::string_view text, std::string_view label, int size_px = 220);

}  // namespace relais::security
