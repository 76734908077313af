#include "server/static_files.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "server/http.h"

namespace relais::server {
namespace {

// Static files are a few hundred; above this size a file is not served (the
// DSFR's largest is its full stylesheet, under 1 MB).
constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

bool is_safe_relative(std::string_view path) {
  if (path.empty()) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    auto segment = path.substr(start, end - start);
    // Empty segments ("a//b"), dot segments and hidden files are refused.
    if (segment.empty() || segment.front() == '.') return false;
    for (char c : segment) {
      auto u = static_cast<unsigned char>(c);
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.' || c == '@' || c == '+';
      if (!ok || u >= 0x80) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root, std::string url_prefix)
    : root_(std::filesystem::weakly_canonical(root)), prefix_(std::move(url_prefix)) {}

std::string_view StaticFiles::content_type_of(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes{{
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".map", "application/json"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

std::shared_ptr<const StaticFile> StaticFiles::find(std::string_view path) const {
  if (!path.starts_with(prefix_)) return nullptr;
  auto relative = path.substr(prefix_.size());
  // Only plain characters are allowed, so there is nothing to percent-decode.
  if (!is_safe_relative(relative)) return nullptr;
  {
    std::lock_guard lock(mutex_);
    if (auto hit = cache_.find(relative); hit != cache_.end()) return hit->second;
  }
  std::error_code ec;
  auto full = std::filesystem::weakly_canonical(root_ / std::string(relative), ec);
  if (ec) return nullptr;
  // Symbolic links out of the folder are refused too.
  auto [root_end, full_it] = std::mismatch(root_.begin(), root_.end(), full.begin(), full.end());
  if (root_end != root_.end()) return nullptr;
  if (!std::filesystem::is_regular_file(full, ec)) return nullptr;
  if (std::filesystem::file_size(full, ec) > kMaxFileBytes || ec) return nullptr;
  std::ifstream in(full, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream bytes;
  bytes << in.rdbuf();

  auto file = std::make_shared<StaticFile>();
  file->content_type = std::string(content_type_of(relative));
  file->body = std::move(bytes).str();
  bool textual = file->content_type.starts_with("text/") || file->content_type.starts_with("application/") ||
                 file->content_type.starts_with("image/svg");
  if (textual && file->body.size() >= 1024) file->gzip_body = gzip(file->body);
  file->etag = make_etag({"static", relative, file->body});
  std::lock_guard lock(mutex_);
  return cache_.emplace(std::string(relative), std::move(file)).first->second;
}

}  // namespace relais::server
