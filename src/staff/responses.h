// Internal to the staff module: the pieces every route uses (HTML responses,
// the anonymous principal, route helpers) and the routes' entry points, each
// defined in the file of its concept (sign_in.cpp, account.cpp…).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/accounts.h"
#include "api/handler.h"
#include "staff/page.h"
#include "web/multipart.h"

namespace relais::staff::detail {

inline constexpr std::string_view kSessionCookie = "relais_session";

api::Response html(int status, std::string body);

// Rendered HTML page as a response.
api::Response page_response(const Page& page, int status, std::string_view title, std::string_view body_template,
                            nlohmann::json data);

// Adds the session cookie (or its deletion when `token` is empty).
void set_session_cookie(api::Response& response, const Context& context, std::string_view token);

// The raw session token of the request's cookie ("" when none).
std::string session_token(const Page& page);

// A form field ("" when absent or given twice: forms here never repeat one).
std::string field(const Page& page, std::string_view name);

// A safe place to go back to after signing in: a path under /espace (not
// "//…", no scheme), else "/espace".
std::string safe_return(std::string_view suite);

// The page asking for the second factor again, coming back to `suite`.
api::Response reauthenticate(const Page& page, std::string suite);

// A stored place's public reference "source:id", and back (nothing when
// either part is empty or there is no ':').
std::string ref_of(const store::PlaceKey& key);
std::optional<store::PlaceKey> key_of(std::string_view ref);

// The page that shows an invitation link to pass on by hand (no SMTP relay
// configured), with a way on to `back`.
api::Response link_to_pass_on(const Page& page, int status, std::string heading, std::string who, std::string link,
                              std::string back);

// The route's integer path parameter `i`, or nothing.
std::optional<std::int64_t> int_parameter(const Page& page, std::size_t i);

// Routes. `files` are the file parts of a multipart body (only /espace/valider takes them).
api::Response sign_in_page(const Page& page);
api::Response sign_in_password(const Page& page);
api::Response link_request_page(const Page& page);
api::Response link_request(const Page& page);
api::Response link_landing(const Page& page);
api::Response link_sign_in(const Page& page);
api::Response code_page(const Page& page);
api::Response code_submit(const Page& page);
api::Response enrolment_page(const Page& page);
api::Response enrolment_confirm(const Page& page);
api::Response invitation_page(const Page& page);
api::Response invitation_accept(const Page& page);
api::Response sign_out(const Page& page);

api::Response home(const Page& page);
api::Response structures_page(const Page& page);
api::Response structure_page(const Page& page);
api::Response members_page(const Page& page);
api::Response invite_member(const Page& page);
api::Response deactivate_member(const Page& page);
api::Response change_role(const Page& page);
api::Response validate_structure(const Page& page);
// structure_admin.cpp: registration requests, creation, first référent, places.
api::Response registration_page(const Page& page);
api::Response registration_submit(const Page& page);
api::Response new_structure_page(const Page& page);
api::Response create_structure(const Page& page);
api::Response refuse_structure(const Page& page);
api::Response invite_referent(const Page& page);
api::Response structure_places_page(const Page& page);
api::Response attach_place(const Page& page);
api::Response detach_place(const Page& page);
api::Response territory_page(const Page& page);
api::Response journal_page(const Page& page);

api::Response account_page(const Page& page);
api::Response revoke_session(const Page& page);
api::Response renew_recovery_codes(const Page& page);
api::Response change_password(const Page& page);
api::Response change_display_name(const Page& page);
api::Response re_enrol(const Page& page);
api::Response export_data(const Page& page);
api::Response delete_confirmation_page(const Page& page);
api::Response delete_account(const Page& page);

api::Response file_check_page(const Page& page);
api::Response file_check(const Page& page, const std::vector<web::MultipartPart>& files);

}  // namespace relais::staff::detail
