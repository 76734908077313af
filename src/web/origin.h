// Same-origin check of state-changing requests (ASVS 3.5.1/3.5.3), in
// addition to the CSRF token: a POST is accepted only when the browser says
// it comes from our own pages.
#pragma once

#include <string>
#include <string_view>

namespace relais::web {

// "https://relais.example.fr" from a base URL ("https://relais.example.fr/x"
// or with a port), lowercased, default ports (:443 for https, :80 for http)
// dropped; "" when the URL is not http(s).
std::string origin_of(std::string_view url);

// True when the request comes from `expected_origin` (origin_of form):
//  - Sec-Fetch-Site present: only "same-origin" passes (a browser that
//    sends it knows; "same-site" is refused: a sibling subdomain is not us);
//  - else Origin present: it must equal expected_origin ("null" fails);
//  - neither header: refused. Every browser since 2020 sends Origin on a
//    POST; a client that sends neither is not a browser filling our form.
bool is_same_origin(std::string_view sec_fetch_site, std::string_view origin, std::string_view expected_origin);

}  // namespace relais::web
