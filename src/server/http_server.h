// HttpServer: RESTinio on a thread pool, turning each HTTP request into an api::HttpRequest
// for the Api (paths under /api/), /metrics (Prometheus, for allowed peers only) or the
// static web app (everything else); over plain HTTP or TLS (1.2 and later). RESTinio stays
// inside this folder (its headers are slow to compile).
//
// Hostile clients meet fixed limits on the request line and headers (past them the
// connection is closed without an answer), a time limit for reading each request, and a
// cap on open connections (docs/operations.md, "Limits").
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
#include "server/metrics.h"
#include "server/static_files.h"

namespace interlude::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see HttpServer::port()
  size_t threads = 8;         // request threads; handlers may block on the database
  // Peers (reverse proxies) whose X-Forwarded-For / X-Forwarded-Proto are believed.
  std::vector<std::string> trusted_proxies;
  // PEM files; both set: serve HTTPS only (TLS 1.2+), with HSTS on every response.
  std::string tls_cert;
  std::string tls_key;
  // Open connections at most; past it a new connection is closed at once (a TLS connection
  // counts once its handshake is done).
  size_t max_connections = 1024;
  // A request (line, headers and body) must arrive within this time of the connection
  // being ready for it, or the connection is closed (slow senders, idle keep-alive).
  int request_read_timeout_seconds = 20;
  // Peers that may read /metrics (others get 404). Matched against the client address
  // (after a trusted proxy's X-Forwarded-For).
  std::vector<std::string> metrics_allow = {"127.0.0.1", "::1"};
};

// Limits on the request head; past them RESTinio closes the connection unanswered.
inline constexpr size_t kMaxUrlBytes = 16 * 1024;
inline constexpr size_t kMaxHeaderNameBytes = 256;
inline constexpr size_t kMaxHeaderValueBytes = 16 * 1024;
inline constexpr size_t kMaxHeaderCount = 100;

class HttpServer {
 public:
  // Binds and starts serving. `static_files` may be null (API only), `metrics` too (then
  // /metrics answers 404 and nothing is counted). InvalidArgument naming the file when a
  // TLS certificate or key cannot be read or used; Unavailable when the address is taken.
  static Result<std::unique_ptr<HttpServer>> Start(const ServerOptions& options, api::Api& api,
                                                   const StaticFiles* static_files,
                                                   Metrics* metrics = nullptr);
  ~HttpServer();  // stops

  std::uint16_t port() const;
  bool tls() const;  // "https" or "http" in the listening line
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
