// MIME output checked by decoding it back: headers, RFC 2047 words,
// quoted-printable bodies, and what a form may not inject.
#include "mail/message.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace relais::mail {
namespace {

using namespace std::chrono;

std::string unqp(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
      i += 2;
    } else if (in[i] == '=' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (in[i] == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
      out += '\n';
      ++i;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::string unbase64(std::string_view in) {
  constexpr std::string_view k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<unsigned>(k.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Decodes a header made of =?UTF-8?B?…?= words (folded) or plain text.
std::string decode_header(std::string_view value) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    auto start = value.find("=?UTF-8?B?", pos);
    if (start == std::string_view::npos) {
      out += value.substr(pos);
      break;
    }
    auto end = value.find("?=", start + 10);
    out += unbase64(value.substr(start + 10, end - start - 10));
    pos = end + 2;
    // Whitespace between two encoded words is dropped (RFC 2047 §6.2).
    auto next = value.find_first_not_of("\r\n ", pos);
    if (next != std::string_view::npos && value.substr(next).starts_with("=?UTF-8?B?")) pos = next;
  }
  return out;
}

Message sample() {
  return {.from = "relais@ville.example",
          .from_name = "Relais – Ville de Lyon",
          .to = "camille.martin@example.org",
          .subject = "Fiche d’orientation : Médiathèque du Tonkin à Villeurbanne, ouverte mardi et jeudi après-midi",
          .text = "Bonjour Élodie,\nVoici la fiche.\n.ligne qui commence par un point\nFrom here\nfin = fin  ",
          .html = "<!DOCTYPE html><html lang=\"fr\"><body><p>Bonjour Élodie</p></body></html>"};
}

TEST(Address, AcceptsWhatPeopleType) {
  for (auto a : {"a@b.fr", "camille.martin@example.org", "prenom+orientation@sub.domaine-ex.fr", "x_y@a1.io"}) {
    EXPECT_TRUE(is_valid_address(a)) << a;
  }
}

TEST(Address, RefusesInjectionAndNonsense) {
  for (auto a : {"", "a", "a@b", "@b.fr", "a@.fr", "a@b..fr", ".a@b.fr", "a..b@c.fr", "a@b.fr\r\nBcc: x@y.fr",
                 "a@b.fr, c@d.fr", "a b@c.fr", "<a@b.fr>", "a@-b.fr", "a@b-.fr", "élodie@exemple.fr", "a@b@c.fr"}) {
    EXPECT_FALSE(is_valid_address(a)) << a;
  }
  EXPECT_FALSE(is_valid_address(std::string(65, 'a') + "@b.fr"));
  EXPECT_FALSE(is_valid_address("a@" + std::string(250, 'b') + ".fr"));
}

TEST(Header, AsciiStaysPlainAccentsAreEncodedAndFolded) {
  EXPECT_EQ(encode_header_text("Fiche d'orientation"), "Fiche d'orientation");
  auto encoded = encode_header_text(sample().subject);
  EXPECT_NE(encoded.find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(decode_header(encoded), sample().subject);
  std::istringstream lines(encoded);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(line.size(), 76u) << line;
  }
  EXPECT_THROW(encode_header_text("Objet\r\nBcc: x@y.fr"), MessageError);
  EXPECT_THROW(encode_header_text("Objet\nBcc: x@y.fr"), MessageError);
}

TEST(QuotedPrintable, RoundTripsShortLinesAndSafeForSmtp) {
  std::string text = "Élodie = « prénom »\n" + std::string(200, 'x') + "é\n.point\nFrom moi\nfin  ";
  auto qp = quoted_printable(text);
  EXPECT_EQ(unqp(qp), text);
  std::istringstream lines(qp);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_LE(line.size(), 76u);
    EXPECT_FALSE(line.starts_with(".")) << line;
    EXPECT_FALSE(line.starts_with("From ")) << line;
    EXPECT_TRUE(line.empty() || (line.back() != ' ' && line.back() != '\t')) << line;
    for (char c : line) EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << line;
  }
}

TEST(Date, Rfc5322) {
  auto t = sys_days{2026y / 11 / 24} + 9h + 5min + 7s;
  EXPECT_EQ(rfc5322_date(t), "Tue, 24 Nov 2026 09:05:07 +0000");
  auto id = make_message_id("relais@ville.example", t);
  EXPECT_TRUE(id.starts_with("<20261124090507.")) << id;
  EXPECT_TRUE(id.ends_with("@ville.example>")) << id;
  EXPECT_NE(id, make_message_id("relais@ville.example", t));
}

TEST(Mime, MultipartAlternativeWithBothParts) {
  auto t = sys_days{2026y / 11 / 24} + 9h;
  auto mime = to_mime(sample(), t);
  auto split = mime.find("\r\n\r\n");
  std::string head = mime.substr(0, split + 2);
  std::map<std::string, std::string> headers;
  std::size_t pos = 0;
  std::string last;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    std::string line = head.substr(pos, end - pos);
    if (line.starts_with(" ")) {
      headers[last] += "\r\n" + line;
    } else {
      auto colon = line.find(':');
      last = line.substr(0, colon);
      headers[last] = line.substr(colon + 2);
    }
    pos = end + 2;
  }
  EXPECT_EQ(headers["Date"], "Tue, 24 Nov 2026 09:00:00 +0000");
  EXPECT_TRUE(headers["Message-ID"].starts_with("<"));
  EXPECT_EQ(decode_header(headers["From"]), "Relais – Ville de Lyon <relais@ville.example>");
  EXPECT_EQ(headers["To"], "camille.martin@example.org");
  EXPECT_EQ(decode_header(headers["Subject"]), sample().subject);
  EXPECT_EQ(headers["MIME-Version"], "1.0");
  auto type = headers["Content-Type"];
  ASSERT_TRUE(type.starts_with("multipart/alternative; boundary=\"")) << type;
  std::string boundary = type.substr(type.find('"') + 1);
  boundary.pop_back();

  std::string body = mime.substr(split + 4);
  auto text_at = body.find("--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  auto html_at = body.find("--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\n"
                           "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  auto close_at = body.find("--" + boundary + "--\r\n");
  ASSERT_NE(text_at, std::string::npos);
  ASSERT_NE(html_at, std::string::npos);
  ASSERT_NE(close_at, std::string::npos);
  EXPECT_LT(text_at, html_at);  // the last alternative is the preferred one
  auto part = [&](std::size_t from, std::size_t to) {
    auto start = body.find("\r\n\r\n", from) + 4;
    return unqp(body.substr(start, to - start - 2));  // the CRLF before the boundary belongs to it
  };
  EXPECT_EQ(part(text_at, html_at), sample().text);
  EXPECT_EQ(part(html_at, close_at), sample().html);
  for (char c : mime) ASSERT_LT(static_cast<unsigned char>(c), 0x80u);
}

TEST(Mime, RefusesBadAddresses) {
  auto m = sample();
  m.to = "victime@example.org\r\nBcc: tous@example.org";
  EXPECT_THROW(to_mime(m, system_clock::now()), MessageError);
  m = sample();
  m.from = "pas une adresse";
  EXPECT_THROW(to_mime(m, system_clock::now()), MessageError);
}

}  // namespace
}  // namespace relais::mail
