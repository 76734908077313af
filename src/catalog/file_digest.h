// Content digests of input files, so that importing the same file twice is
// recognised and changes nothing (store::Store::import_places).
#pragma once

#include <string>
#include <string_view>

namespace relais::catalog {

// Lower-case hex SHA-256 of `bytes` (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

}  // namespace relais::catalog
