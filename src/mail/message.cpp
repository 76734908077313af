#include "mail/message.h"

#include <array>
#include <cstdint>
#include <cctype>
#include <random>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace relais::mail {
namespace {

constexpr std::string_view kHex = "0123456789ABCDEF";

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool valid_local(std::string_view local) {
  constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-.";
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  for (char c : local) {
    if (!is_alnum(c) && kSpecials.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (true) {
    auto dot = domain.find('.', start);
    auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!is_alnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string base64(std::string_view bytes) {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence starting with byte `c` (1 for invalid bytes,
// which then travel as they are inside base64).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

std::string random_hex(std::size_t bytes) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    auto b = static_cast<unsigned>(engine() & 0xFF);
    out += kHex[b >> 4];
    out += static_cast<char>(std::tolower(kHex[b & 15]));
  }
  return out;
}

// "Name <address>" with the name encoded; just the address without a name.
std::string mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string encoded = encode_header_text(name);
  // An ASCII name with specials must be quoted (RFC 5322 §3.2.3).
  if (encoded.find("=?UTF-8?") == std::string::npos &&
      encoded.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : encoded) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    encoded = quoted + "\"";
  }
  return fmt::format("{} <{}>", encoded, address);
}

}  // namespace

bool is_valid_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
  return valid_local(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::string encode_header_text(std::string_view text) {
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    throw MessageError("a header value cannot contain a line break");
  }
  bool plain = true;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) plain = false;
  }
  if (plain && text.size() <= 900) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=" <= 75 characters: 45 bytes of text per word
  // (60 base64 characters); words end between UTF-8 characters.
  constexpr std::size_t kBytesPerWord = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t next = end + utf8_length(static_cast<unsigned char>(text[end]));
      if (next - i > kBytesPerWord) break;
      end = std::min(next, text.size());
    }
    if (end == i) end = std::min(text.size(), i + kBytesPerWord);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 11 / 10 + 16);
  std::size_t line_start = 0;  // position in `text` of the current input line
  while (line_start <= text.size()) {
    auto newline = text.find('\n', line_start);
    auto line = text.substr(line_start, newline == std::string_view::npos ? std::string_view::npos
                                                                           : newline - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t column = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      auto c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      bool encode = c == '=' || c > 0x7E || (c < 0x20 && c != '\t') || ((c == ' ' || c == '\t') && last) ||
                    (column == 0 && c == '.') || (column == 0 && line.substr(i).starts_with("From "));
      std::string piece = encode ? std::string{'=', kHex[c >> 4], kHex[c & 15]} : std::string(1, static_cast<char>(c));
      // Soft break: keep lines at 76 characters including the final '='.
      if (column + piece.size() > (last ? 76u : 75u)) {
        out += "=\r\n";
        column = 0;
        if (c == '.' && !encode) piece = "=2E";  // a continuation line may not start with '.'
      }
      out += piece;
      column += piece.size();
    }
    if (newline == std::string_view::npos) break;
    out += "\r\n";
    line_start = newline + 1;
  }
  return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  static constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  auto day = std::chrono::floor<std::chrono::days>(seconds);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss time{seconds - day};
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} +0000", kDays[std::chrono::weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string make_message_id(std::string_view from, std::chrono::system_clock::time_point when) {
  auto at = from.find('@');
  std::string_view domain = at == std::string_view::npos ? std::string_view("relais.invalid") : from.substr(at + 1);
  auto seconds = std::chrono::floor<std::chrono::seconds>(when);
  return fmt::format("<{:%Y%m%d%H%M%S}.{}@{}>", seconds, random_hex(8), domain);
}

std::string to_mime(const Message& message, std::chrono::system_clock::time_point when) {
  if (!is_valid_address(message.from)) throw MessageError("the sender address is not valid");
  if (!is_valid_address(message.to)) throw MessageError("the recipient address is not valid");
  // "=_" cannot occur in quoted-printable text, so the boundary never does.
  std::string boundary = "=_relais_" + random_hex(12);
  std::string out;
  out += "Date: " + rfc5322_date(when) + "\r\n";
  out += "Message-ID: " + make_message_id(message.from, when) + "\r\n";
  out += "From: " + mailbox(message.from_name, message.from) + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + encode_header_text(message.subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is a MIME message: a plain-text part and an HTML part.\r\n";
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(message.text);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(message.html);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace relais::mail
