// Sending a message over SMTP with libcurl (the operator's relay: smtp_url,
// smtp_from, optional user/password and TLS, docs/server.md). One connection
// per message: orientation sheets are rare and a connection kept open would
// need its own keep-alive and reconnection logic.
//
// Thread-safety: send() may be called from several threads at once (one curl
// easy handle per call; curl_global_init runs once, before any handle).
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

#include "mail/message.h"

namespace relais::mail {

enum class Tls {
  Auto,      // STARTTLS required, except towards a loopback relay (127.0.0.1, ::1, localhost) where it is used when offered
  Required,  // STARTTLS required (or implicit TLS with an smtps:// URL)
  None,      // never (a relay on the same machine or network the operator trusts)
};

struct SmtpSettings {
  std::string url;        // "smtp://127.0.0.1:2525", "smtp://relay.example.org:587", "smtps://…:465"
  std::string from;       // envelope and header sender: "relais@example.org"
  std::string from_name;  // display name of the sender ("Relais")
  std::string user;       // empty: no authentication
  std::string password;
  Tls tls = Tls::Auto;
  std::chrono::seconds timeout{20};  // the whole exchange
};

// The relay refused the message, could not be reached, or timed out. The
// message (what() in English, for the log) never contains the password.
class SendError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses "auto", "required", "none". Throws std::invalid_argument.
Tls parse_tls(std::string_view text);

// True when `url` is an smtp:// or smtps:// URL with a host.
bool is_smtp_url(std::string_view url);

// Sends `message` (to_mime at the current time) to message.to through the
// relay. Throws MessageError for a bad address (nothing sent), SendError when
// the relay does not accept it.
void send(const SmtpSettings& settings, const Message& message);

}  // namespace relais::mail
