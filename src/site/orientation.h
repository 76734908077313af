// The orientation path for social workers (pages/orientation.h) as routes:
//   GET  /orientation                 1. need
//   GET  /orientation/disponibilite   2. availability
//   GET  /orientation/lieu            3. where and the choice of a place
//   GET  /orientation/accessibilite   4. specific needs, who orients
//   GET  /orientation/fiche           the sheet (print, or the e-mail form when SMTP is configured)
//   GET  /orientation/fiche.css       its stylesheet (screen and A4 print)
//   POST /orientation/envoyer         sends the sheet through the MailSink (rate-limited by the sink)
// All state is in the URL; the first name and the recipient are never stored
// or logged (the access log has no query string and no body). Orientation
// pages are answered with `Cache-Control: no-store`.
#pragma once

#include <functional>
#include <string_view>

#include "api/dataset.h"
#include "api/handler.h"
#include "mail/message.h"
#include "pages/render.h"

namespace relais::site {

struct Request;

enum class MailResult { Sent, RateLimited };
// Sends a message (the sink fills `from` and `from_name` from the operator's
// configuration). Returns RateLimited when this client sent too many
// recently; throws (any std::exception) when the relay does not accept it.
// An empty MailSink means SMTP is not configured: no e-mail form, and POST
// /orientation/envoyer answers 503.
using MailSink = std::function<MailResult(const mail::Message&)>;

bool is_orientation_path(std::string_view path);

api::Response handle_orientation(const Request& request, const api::Dataset& dataset, const MailSink& mail,
                                 const pages::Site& site);

}  // namespace relais::site
