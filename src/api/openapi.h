// The OpenAPI 3.0 document of the public API v1, built from the same tables
// the implementation uses (parameter names, labels of the standard), served
// at /api/v1/openapi.json. Every parameter carries an `example`, every path
// parameter too: the conformance test calls each route with them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace relais::api {

const nlohmann::json& openapi_document();
// openapi_document() serialized once.
const std::string& openapi_text();

}  // namespace relais::api
