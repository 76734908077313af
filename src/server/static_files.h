// Read-only files served under a URL prefix (the DSFR's dist folder under
// /static/dsfr/): safe path resolution (no "..", no hidden files, nothing
// outside the folder, no directory listing), content type by extension, and
// an in-memory cache of each file with its gzip form and ETag, because the
// same few stylesheets and fonts are asked on every first visit.
//
// Thread-safety: find() may be called from any thread (the cache is guarded).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace relais::server {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzip_body;  // empty when not worth compressing (fonts, images)
  std::string etag;       // strong, from the content
};

class StaticFiles {
 public:
  // `root` must exist; `url_prefix` like "/static/dsfr/".
  StaticFiles(std::filesystem::path root, std::string url_prefix);

  const std::string& prefix() const { return prefix_; }
  // The file for a request path under the prefix (raw, percent-encoded path);
  // nullptr when the path is unsafe, hidden, a folder or missing.
  std::shared_ptr<const StaticFile> find(std::string_view path) const;

  // Content type for a file name, by extension ("application/octet-stream" when unknown).
  static std::string_view content_type_of(std::string_view name);

 private:
  std::filesystem::path root_;
  std::string prefix_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const StaticFile>, std::less<>> cache_;
};

}  // namespace relais::server
