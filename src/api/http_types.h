// Plain HTTP request and response values: the boundary between server/ (which speaks HTTP
// through RESTinio) and api/ (which only sees these), so handlers are testable without a
// socket.
//
// Thread-safety: plain values.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace interlude::api {

struct HttpRequest {
  std::string method;  // upper case: GET, POST, ...
  std::string path;    // the path as sent (not percent-decoded), no query string
  std::map<std::string, std::string> query;    // decoded query parameters
  bool query_malformed = false;                // the query string could not be decoded
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string remote_address;  // client IP (from a trusted proxy's X-Forwarded-For), for throttling
  bool tls = false;            // served over TLS, or a trusted proxy says the client used https

  // The header's value, or "" when absent.
  const std::string& Header(const std::string& lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The route template that answered ("/api/v1/entries/{id}"; static storage), empty when
  // no route matched. Never sent; server/ counts requests by it in /metrics.
  std::string_view route;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace interlude::api
