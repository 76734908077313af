// E-mail messages as RFC 5322 / MIME text: an HTML body with its plain-text
// alternative (multipart/alternative), UTF-8 bodies in quoted-printable,
// non-ASCII header words encoded per RFC 2047. Pure functions, thread-safe.
//
// Header injection: addresses must pass is_valid_address() and every header
// value is encoded or checked for CR/LF, so no text coming from a form can
// add a header or a recipient.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace relais::mail {

// A message is refused (before anything is sent) when an address is not
// valid or a header would be malformed.
class MessageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Message {
  std::string from;       // "relais@example.org" (the operator's smtp_from)
  std::string from_name;  // display name, may hold accents ("Relais – Ville de Lyon")
  std::string to;         // one recipient address
  std::string subject;    // UTF-8, may hold accents
  std::string text;       // plain-text body, UTF-8, lines separated by '\n'
  std::string html;       // HTML body, UTF-8 (a whole document)
};

// A pragmatic check of one address as people type it (not the full RFC 5322
// grammar, which allows comments and quoted strings no one uses in a form):
// ASCII only, at most 254 bytes, exactly one '@', a local part of 1 to 64
// characters among letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading,
// trailing or double dot), a domain of dot-separated labels (letters, digits,
// '-' not at either end, 1 to 63 each) with at least one dot.
bool is_valid_address(std::string_view address);

// RFC 2047 "encoded-word" form of a header text: returned as is when it is
// printable ASCII, else one or more =?UTF-8?B?...?= words (each at most 75
// characters, split between UTF-8 characters) separated by CRLF + space
// (folding). Throws MessageError on CR or LF in `text`.
std::string encode_header_text(std::string_view text);

// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: '\n' becomes CRLF, lines
// are soft-broken at 76 characters, '=' and non-ASCII bytes become =XX,
// trailing spaces and tabs are encoded, and a line starting with '.' or
// "From " is encoded so that no SMTP relay alters it.
std::string quoted_printable(std::string_view text);

// "Tue, 24 Nov 2026 09:00:00 +0000" (RFC 5322 date, UTC).
std::string rfc5322_date(std::chrono::system_clock::time_point when);

// "<20261124090000.3f2a9c0d1e4b5a69@example.org>": time, 64 random bits and
// the domain of `from`.
std::string make_message_id(std::string_view from, std::chrono::system_clock::time_point when);

// The whole message, lines ending in CRLF: Date, Message-ID, From, To,
// Subject, MIME-Version, Content-Type multipart/alternative (text/plain then
// text/html, both UTF-8 quoted-printable), with a random boundary.
// Throws MessageError when `from` or `to` is not a valid address.
std::string to_mime(const Message& message, std::chrono::system_clock::time_point when);

}  // namespace relais::mail
