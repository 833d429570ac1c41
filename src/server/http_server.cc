// RESTinio wiring. The only file that includes restinio/all.hpp.
#include "server/http_server.h"

#include <restinio/all.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>

#include "base/log.h"
#include "server/security_headers.h"

namespace interlude::server {
namespace {

// Bodies up to this size are read and handed to the Api (which answers 413 past 256 KiB);
// past it RESTinio closes the connection without reading more.
constexpr std::uint64_t kReadBodyLimit = 4 * 1024 * 1024;

using Traits = restinio::default_traits_t;
using RequestHandle = restinio::request_handle_t;

// The right-most address in X-Forwarded-For: the one our trusted proxy saw.
std::string LastForwardedFor(const std::string& header) {
  const size_t comma = header.rfind(',');
  std::string_view last(header);
  if (comma != std::string::npos) last.remove_prefix(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  return std::string(last);
}

api::HttpRequest ToApiRequest(const RequestHandle& req, const std::vector<std::string>& trusted) {
  api::HttpRequest out;
  const auto& header = req->header();
  out.method = header.method().c_str();
  out.path = std::string(header.path());
  header.for_each_field([&out](const restinio::http_header_field_t& field) {
    std::string name = field.name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out.headers.emplace(std::move(name), field.value());
    if (!inserted) it->second += ", " + field.value();
  });
  auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(
      header.query());
  if (query) {
    for (const auto& [key, value] : *query) out.query.emplace(std::string(key), std::string(value));
  } else {
    out.query_malformed = true;
  }
  out.body = req->body();
  out.remote_address = req->remote_endpoint().address().to_string();
  if (std::find(trusted.begin(), trusted.end(), out.remote_address) != trusted.end()) {
    const std::string client = LastForwardedFor(out.Header("x-forwarded-for"));
    if (!client.empty()) out.remote_address = client;
    out.tls = out.Header("x-forwarded-proto") == "https";
  }
  return out;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Unknown";
  }
}

restinio::request_handling_status_t Respond(const RequestHandle& req, api::HttpResponse response,
                                            bool tls) {
  AddSecurityHeaders(response, tls);
  auto builder = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      ReasonPhrase(response.status)});
  for (auto& [name, value] : response.headers) builder.append_header(name, std::move(value));
  builder.set_body(std::move(response.body));
  return builder.done();
}

}  // namespace

struct HttpServer::Impl {
  std::atomic<std::uint16_t> port{0};
  restinio::running_server_handle_t<Traits> running;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port.load(); }

void HttpServer::Stop() {
  if (impl_ && impl_->running) {
    impl_->running->stop();
    impl_->running.reset();
  }
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServerOptions& options, api::Api& api,
                                                      const StaticFiles* static_files) {
  auto impl = std::make_unique<Impl>();
  Impl* raw = impl.get();
  auto handler = [&api, static_files, trusted = options.trusted_proxies](const RequestHandle& req) {
    try {
      api::HttpRequest request = ToApiRequest(req, trusted);
      if (request.path.rfind("/api/", 0) == 0) return Respond(req, api.Handle(request), request.tls);
      api::HttpResponse response;
      if (request.method != "GET") {
        response.status = 405;
        response.SetHeader("Allow", "GET");
      } else if (static_files == nullptr || request.path.find("..") != std::string::npos) {
        response.status = 404;
      } else if (auto served = static_files->Serve(request.path, request.Header("accept-encoding"))) {
        response = std::move(*served);
      } else {
        response.status = 404;
      }
      if (response.status != 200) {
        response.SetHeader("Content-Type", "text/plain; charset=utf-8");
        response.body = response.status == 404 ? "Not found\n" : "Method not allowed\n";
      }
      return Respond(req, std::move(response), request.tls);
    } catch (const std::exception&) {
      // Nothing escapes a request: answer plainly rather than drop the connection.
      Log(LogLevel::kError, "http.exception");
      api::HttpResponse failed;
      failed.status = 500;
      failed.SetHeader("Content-Type", "text/plain; charset=utf-8");
      failed.body = "Internal error\n";
      return Respond(req, std::move(failed), false);
    }
  };

  try {
    auto settings = restinio::server_settings_t<Traits>{}
                        .address(options.host)
                        .port(options.port)
                        .request_handler(std::move(handler))
                        .incoming_http_msg_limits(
                            restinio::incoming_http_msg_limits_t{}.max_body_size(kReadBodyLimit))
                        .read_next_http_message_timelimit(std::chrono::seconds(30))
                        .handle_request_timeout(std::chrono::seconds(30))
                        .acceptor_post_bind_hook([raw](asio::ip::tcp::acceptor& acceptor) {
                          raw->port = acceptor.local_endpoint().port();
                        });
    impl->running = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                        options.threads);
  } catch (const std::exception& e) {
    return Unavailable(std::string("cannot listen on ") + options.host + ":" +
                       std::to_string(options.port) + ": " + e.what());
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::vector<std::string> ParseAddressList(const std::string& list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

Status ParseListen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const size_t colon = listen.rfind(':');
  const auto bad = [&] {
    return InvalidArgument("listen must be host:port, like 127.0.0.1:8080 (got \"" + listen + "\")",
                           "listen");
  };
  if (colon == std::string::npos || colon == 0) return bad();
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string digits = listen.substr(colon + 1);
  unsigned value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || value > 65535) {
    return bad();
  }
  port = static_cast<std::uint16_t>(value);
  return OkStatus();
}

}  // namespace interlude::server
