// HttpServer: RESTinio on a thread pool, turning each HTTP request into an api::HttpRequest
// for the Api (paths under /api/) or the static web app (everything else). RESTinio stays
// inside this folder (its headers are slow to compile).
//
// Thread-safety: Start/Stop from one controlling thread; requests are served concurrently
// on the pool, so the Api and StaticFiles must be thread-safe (they are).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/api.h"
#include "base/status.h"
#include "server/static_files.h"

namespace interlude::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see HttpServer::port()
  size_t threads = 8;         // request threads; handlers may block on the database
  // Peers (reverse proxies) whose X-Forwarded-For / X-Forwarded-Proto are believed.
  std::vector<std::string> trusted_proxies;
};

class HttpServer {
 public:
  // Binds and starts serving. `static_files` may be null (API only).
  static Result<std::unique_ptr<HttpServer>> Start(const ServerOptions& options, api::Api& api,
                                                   const StaticFiles* static_files);
  ~HttpServer();  // stops

  std::uint16_t port() const;
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port"; InvalidArgument naming `listen` when malformed.
Status ParseListen(const std::string& listen, std::string& host, std::uint16_t& port);

// Splits a comma-separated list of addresses, trimming spaces; empty items are dropped.
std::vector<std::string> ParseAddressList(const std::string& list);

}  // namespace interlude::server
