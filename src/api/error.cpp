#include "api/error.h"

#include <nlohmann/json.hpp>

namespace relais::api {

ApiError invalid_parameter(std::string message) { return {400, "invalid_parameter", std::move(message)}; }
ApiError unknown_value(std::string message) { return {400, "unknown_value", std::move(message)}; }
ApiError not_found(std::string message) { return {404, "not_found", std::move(message)}; }

std::string error_body(const ApiError& error) {
  nlohmann::json body{{"code", error.code}, {"message", error.message}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace relais::api
