// Internal to the site module: the HTML responses every route builds.
#pragma once

#include <string>

#include "api/handler.h"
#include "pages/render.h"

namespace relais::site::detail {

inline api::Response html(int status, std::string body) {
  api::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

// A French error page (render_error) with a link back to `back_url`.
inline api::Response error_page(const pages::Site& site, int status, std::string detail, std::string back_url) {
  return html(status, pages::render_error(
                          {.site = site, .status = status, .detail = std::move(detail), .back_url = std::move(back_url)}));
}

}  // namespace relais::site::detail
