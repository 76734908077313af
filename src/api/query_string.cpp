#include "api/query_string.h"

#include "core/text.h"

namespace relais::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX (and '+' when plus_is_space). False on a malformed escape or NUL.
bool percent_decode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return false;
    out.push_back(c);
  }
  return true;
}

}  // namespace

bool Params::has(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return true;
  }
  return false;
}

std::vector<std::string_view> Params::all(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& [key, value] : items_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::variant<const std::string*, ApiError> Params::one(std::string_view name) const {
  const std::string* found = nullptr;
  for (const auto& [key, value] : items_) {
    if (key != name) continue;
    if (found) return invalid_parameter("Le paramètre « " + std::string(name) + " » ne peut être donné qu'une fois.");
    found = &value;
  }
  return found;
}

std::variant<Params, ApiError> parse_query_string(std::string_view raw, const QueryStringLimits& limits) {
  if (raw.size() > limits.max_length) {
    return invalid_parameter("La requête est trop longue (" + std::to_string(limits.max_length) +
                             " octets au plus).");
  }
  std::vector<std::pair<std::string, std::string>> items;
  while (!raw.empty()) {
    auto amp = raw.find('&');
    auto piece = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (piece.empty()) continue;
    if (items.size() == limits.max_parameters) {
      return invalid_parameter("Trop de paramètres (" + std::to_string(limits.max_parameters) + " au plus).");
    }
    auto eq = piece.find('=');
    std::string name, value;
    if (!percent_decode(piece.substr(0, eq), true, name) ||
        (eq != std::string_view::npos && !percent_decode(piece.substr(eq + 1), true, value))) {
      return invalid_parameter("La requête contient un échappement « % » invalide.");
    }
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return invalid_parameter("La requête n'est pas en UTF-8 valide.");
    }
    if (name.empty()) return invalid_parameter("La requête contient un paramètre sans nom.");
    items.emplace_back(std::move(name), std::move(value));
  }
  return Params(std::move(items));
}

std::variant<std::string, ApiError> decode_path_segment(std::string_view raw) {
  std::string out;
  if (!percent_decode(raw, false, out) || !is_valid_utf8(out)) {
    return invalid_parameter("Le chemin de l'adresse contient un échappement invalide.");
  }
  return out;
}

std::string encode_component(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == ':' || c == ',';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string to_query_string(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out;
  for (const auto& [name, value] : items) {
    if (!out.empty()) out.push_back('&');
    out += encode_component(name);
    out.push_back('=');
    out += encode_component(value);
  }
  return out;
}

}  // namespace relais::api
