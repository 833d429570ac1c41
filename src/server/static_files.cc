// In-memory static file serving with content negotiation for pre-compressed variants.
#include "server/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/log.h"

namespace interlude::server {
namespace {

namespace fs = std::filesystem;

std::string ContentType(const std::string& ext) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  const auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Accepts(const std::string& accept_encoding, const std::string& coding) {
  // Good enough for browsers: they list codings they accept; q=0 is not used for br/gzip.
  return accept_encoding.find(coding) != std::string::npos;
}

}  // namespace

Result<std::unique_ptr<StaticFiles>> StaticFiles::Load(const std::string& root) {
  std::error_code ec;
  if (!fs::exists(fs::path(root) / "index.html", ec)) {
    return NotFound("no index.html in the web root " + root +
                    " (build the web app with `make web`)");
  }
  std::unique_ptr<StaticFiles> files(new StaticFiles());
  const fs::path canonical_root = fs::weakly_canonical(root, ec);
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    const fs::path& p = entry.path();
    // A symbolic link may point anywhere; serve it only when it stays inside the root.
    if (entry.is_symlink()) {
      std::error_code link_ec;
      const fs::path target = fs::weakly_canonical(p, link_ec);
      const auto [root_end, unused] =
          std::mismatch(canonical_root.begin(), canonical_root.end(), target.begin(), target.end());
      if (link_ec || root_end != canonical_root.end()) {
        Log(LogLevel::kWarn, "static.link_outside_root_skipped");
        continue;
      }
    }
    const std::string ext = p.extension().string();
    if (ext == ".gz" || ext == ".br") continue;
    const std::string url = "/" + p.lexically_relative(root).generic_string();
    File f;
    f.content_type = ContentType(ext);
    f.identity = ReadAll(p);
    if (fs::exists(p.string() + ".gz")) f.gzip = ReadAll(p.string() + ".gz");
    if (fs::exists(p.string() + ".br")) f.brotli = ReadAll(p.string() + ".br");
    f.immutable = url.rfind("/assets/", 0) == 0;
    files->files_.emplace(url, std::move(f));
  }
  return files;
}

std::optional<api::HttpResponse> StaticFiles::Serve(const std::string& path,
                                                    const std::string& accept_encoding) const {
  auto it = files_.find(path == "/" ? "/index.html" : path);
  if (it == files_.end()) {
    // Client-side routes ("/journal/abc") get the app shell; missing assets get 404.
    const std::string last = path.substr(path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
  }
  const File& f = it->second;
  api::HttpResponse r;
  r.SetHeader("Content-Type", f.content_type);
  r.SetHeader("Vary", "Accept-Encoding");
  r.SetHeader("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!f.brotli.empty() && Accepts(accept_encoding, "br")) {
    r.SetHeader("Content-Encoding", "br");
    r.body = f.brotli;
  } else if (!f.gzip.empty() && Accepts(accept_encoding, "gzip")) {
    r.SetHeader("Content-Encoding", "gzip");
    r.body = f.gzip;
  } else {
    r.body = f.identity;
  }
  return r;
}

}  // namespace interlude::server
