// The list of breached and common passwords checked by password.h, embedded
// in the binary at build time so the product never reads it at run time.
//
// Provenance: npm package @zxcvbn-ts/language-common 4.1.3 (MIT, pinned in
// package.json), file src/passwords.json: 49,233 passwords ranked by
// frequency in public breach corpora (the list zxcvbn and zxcvbn-ts use),
// all lowercase ASCII. Only 308 of them have 12 characters or more, so the
// length rule refuses most of the others first; the list still catches the
// long ones ("123456789012", "1qaz2wsx3edc4rfv", "leavemealone"…) and matters if the minimum
// length is ever lowered.
#pragma once

#include <span>
#include <string_view>

namespace relais::security::detail {

// The entries as shipped (generated common_passwords_embedded.cpp).
std::span<const std::string_view> embedded_common_passwords();

}  // namespace relais::security::detail
