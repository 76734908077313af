// What a signed-in route of the staff space gets once the handler has checked
// the session, the CSRF token and the authorisation (staff/handler.h), and the
// page frame they render into. Internal to the staff module.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "api/query_string.h"
#include "staff/handler.h"

namespace relais::staff {

struct Page {
  const Request& request;
  Context& context;
  accounts::Accounts& accounts;
  const accounts::Principal& principal;
  const api::Params& form;                   // decoded form body (POST), or the query (GET)
  std::vector<std::string> path_parameters;  // the {…} parts of the route pattern, decoded
};

// A whole HTML page of the staff space: the DSFR frame (header with the
// user's name and a sign-out button, navigation, main), `body_template` (an
// embedded pages template name, "espace_lieu") rendered with `data`, to which
// `csrf` (the session's token, for hidden inputs), `user` and `title` are added.
std::string render_page(const Page& page, std::string_view title, std::string_view body_template,
                        nlohmann::json data);

// 303 See Other to `location` (after a successful POST).
api::Response redirect(std::string location);
// A French HTML error page in the staff frame.
api::Response error(const Page& page, int status, std::string message);

}  // namespace relais::staff
