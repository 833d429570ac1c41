// StaticFiles: the built web app (web/dist), loaded into memory at start with its
// pre-compressed .br/.gz siblings. Only files that existed at start can be served, so no
// request path can reach outside the web root. Unknown paths without an extension fall
// back to index.html (client-side routes). Symbolic links that lead outside the root are
// skipped at load.
//
// Thread-safety: immutable after Load; Serve is safe from any thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "api/http_types.h"
#include "base/status.h"

namespace interlude::server {

class StaticFiles {
 public:
  // Reads every regular file under `root`. NotFound when `root` has no index.html.
  static Result<std::unique_ptr<StaticFiles>> Load(const std::string& root);

  // A response for GET `path`, or nullopt when there is no such file and no fallback.
  std::optional<api::HttpResponse> Serve(const std::string& path,
                                         const std::string& accept_encoding) const;

 private:
  struct File {
    std::string content_type;
    std::string identity;
    std::string gzip;    // empty when no .gz sibling
    std::string brotli;  // empty when no .br sibling
    bool immutable = false;  // hashed asset name: cache for a year
  };
  std::map<std::string, File> files_;  // by URL path, "/index.html"
};

}  // namespace interlude::server
