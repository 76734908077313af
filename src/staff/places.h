// The places' records kept fresh by their teams (issue 5, item 5), in the
// staff space: list of the structure's places with their freshness, the
// record's edit form (every field of the standard, the same validation as
// imports, plain-language help, opening hours edited with a weekly form that
// writes valid opening_hours), confirmation "la fiche est à jour", versions
// (who, when, what changed), and the inbox of the public's error reports with
// replies by e-mail.
//
// Routes (declared in handler.cpp's table with their actions):
//   GET  /espace/lieux                          the principal's places
//   GET  /espace/lieux/{ref}                    edit form (ref = "source:id", percent-encoded)
//   POST /espace/lieux/{ref}                    save (version checked: 409 page on conflict)
//   POST /espace/lieux/{ref}/confirmer          "la fiche est à jour"
//   GET  /espace/lieux/{ref}/historique         versions
//   GET  /espace/signalements                   reports about the principal's places
//   GET  /espace/signalements/{id}              one report, its replies, the reply form
//   POST /espace/signalements/{id}              reply (e-mailed when the reporter left an address) / status
#pragma once

#include "api/handler.h"
#include "staff/page.h"

namespace relais::staff {

// Handles one of the routes above (the handler has already authorised the
// action on the object the route names). `route` is the matched pattern.
api::Response handle_places(const Page& page, std::string_view route);

}  // namespace relais::staff
