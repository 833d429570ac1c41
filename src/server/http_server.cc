// RESTinio wiring. The only file that includes restinio/all.hpp (plain and TLS servers are
// both instantiated here).
#include "server/http_server.h"

#include <openssl/ssl.h>
#include <restinio/all.hpp>
#include <restinio/tls.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <fstream>
#include <mutex>
#include <unordered_set>

#include "base/log.h"
#include "server/security_headers.h"

namespace interlude::server {
namespace {

// Bodies up to this size are read and handed to the Api (which answers 413 past 256 KiB);
// past it RESTinio closes the connection without reading more.
constexpr std::uint64_t kReadBodyLimit = 4 * 1024 * 1024;

// Holds max_connections. Not RESTinio's own connection-count limiter: in 0.6.16 its
// per-connection monitors outlive it when the server stops with keep-alive connections still
// open (a heap use-after-free at shutdown, seen under AddressSanitizer). Open connections are
// tracked by id from the state listener's accepted/closed notices, and the IP blocker refuses
// new ones at the cap. A TLS connection counts once its handshake is done.
class ConnectionCap {
 public:
  explicit ConnectionCap(size_t max) : max_(max) {}

  restinio::ip_blocker::inspection_result_t inspect(
      const restinio::ip_blocker::incoming_info_t&) noexcept {
    const std::lock_guard<std::mutex> lock(mu_);
    return open_.size() >= max_ ? restinio::ip_blocker::deny() : restinio::ip_blocker::allow();
  }

  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const auto cause = notice.cause();
    const std::lock_guard<std::mutex> lock(mu_);
    if (restinio::get_if<restinio::connection_state::accepted_t>(&cause) != nullptr) {
      open_.insert(notice.connection_id());
    } else {
      open_.erase(notice.connection_id());  // closed (or upgraded: no longer ours)
    }
  }

 private:
  const size_t max_;
  std::mutex mu_;
  std::unordered_set<restinio::connection_id_t> open_;
};

struct PlainTraits : restinio::default_traits_t {
  using ip_blocker_t = ConnectionCap;
  using connection_state_listener_t = ConnectionCap;
};
struct TlsTraits : restinio::default_tls_traits_t {
  using ip_blocker_t = ConnectionCap;
  using connection_state_listener_t = ConnectionCap;
};

using RequestHandle = restinio::request_handle_t;

// TLS 1.2 suites with forward secrecy and AEAD only (TLS 1.3 suites are all of that kind).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// The right-most address in X-Forwarded-For: the one our trusted proxy saw.
std::string LastForwardedFor(const std::string& header) {
  const size_t comma = header.rfind(',');
  std::string_view last(header);
  if (comma != std::string::npos) last.remove_prefix(comma + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  return std::string(last);
}

api::HttpRequest ToApiRequest(const RequestHandle& req, const std::vector<std::string>& trusted,
                              bool tls) {
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
  out.tls = tls;
  if (std::find(trusted.begin(), trusted.end(), out.remote_address) != trusted.end()) {
    const std::string client = LastForwardedFor(out.Header("x-forwarded-for"));
    if (!client.empty()) out.remote_address = client;
    out.tls = tls || out.Header("x-forwarded-proto") == "https";
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

api::HttpResponse PlainText(int status, std::string body) {
  api::HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  response.body = std::move(body);
  return response;
}

// Everything a request handler needs; shared by the handler copies RESTinio makes.
struct HandlerState {
  api::Api& api;
  const StaticFiles* static_files;
  Metrics* metrics;
  std::vector<std::string> trusted;
  std::vector<std::string> metrics_allow;
  bool tls;
};

// Answers one request and returns the route label it counts under.
std::string_view Serve(const HandlerState& state, const api::HttpRequest& request,
                       api::HttpResponse& response) {
  if (request.path.rfind("/api/", 0) == 0) {
    response = state.api.Handle(request);
    return response.route.empty() ? kRouteOther : response.route;
  }
  if (request.path == "/metrics") {
    // Not for everyone: other peers learn nothing, not even that it exists.
    if (state.metrics == nullptr ||
        std::find(state.metrics_allow.begin(), state.metrics_allow.end(),
                  request.remote_address) == state.metrics_allow.end()) {
      response = PlainText(404, "Not found\n");
      return kRouteOther;
    }
    if (request.method != "GET") {
      response = PlainText(405, "Method not allowed\n");
      response.SetHeader("Allow", "GET");
    } else {
      response = PlainText(200, state.metrics->Render());
      response.headers.clear();
      response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      response.SetHeader("Cache-Control", "no-store");
    }
    return kRouteMetrics;
  }
  if (request.method != "GET") {
    response = PlainText(405, "Method not allowed\n");
    response.SetHeader("Allow", "GET");
    return kRouteOther;
  }
  // StaticFiles only knows the files it loaded, so no path can reach outside the web root;
  // ".." and backslashes are refused outright all the same.
  if (state.static_files != nullptr && request.path.find("..") == std::string::npos &&
      request.path.find('\\') == std::string::npos) {
    if (auto served = state.static_files->Serve(request.path, request.Header("accept-encoding"))) {
      response = std::move(*served);
      return kRouteStatic;
    }
  }
  response = PlainText(404, "Not found\n");
  return kRouteOther;
}

// Loads the certificate chain and key into a TLS 1.2+ server context. InvalidArgument
// naming the file that could not be read or used.
Result<asio::ssl::context> MakeTlsContext(const std::string& cert, const std::string& key) {
  for (const auto& [path, what] : {std::pair{cert, "certificate"}, std::pair{key, "key"}}) {
    std::ifstream probe(path);
    if (!probe) {
      return InvalidArgument(std::string("cannot read the TLS ") + what + " file " + path +
                                 " (check that it exists and that this user may read it)",
                             std::string("tls_") + (std::string(what) == "key" ? "key" : "cert"));
    }
  }
  asio::ssl::context context(asio::ssl::context::tls_server);
  context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                      asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                      asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  SSL_CTX* native = context.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
                                  SSL_OP_NO_COMPRESSION);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return Internal("the TLS library refused the cipher list");
  }
  asio::error_code ec;
  context.use_certificate_chain_file(cert, ec);
  if (ec) {
    return InvalidArgument("the TLS certificate file " + cert +
                               " is not a PEM certificate chain (" + ec.message() + ")",
                           "tls_cert");
  }
  context.use_private_key_file(key, asio::ssl::context::pem, ec);
  if (ec) {
    return InvalidArgument("the TLS key file " + key + " is not a PEM private key (" +
                               ec.message() + ")",
                           "tls_key");
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return InvalidArgument("the TLS key file " + key + " does not match the certificate in " +
                               cert,
                           "tls_key");
  }
  return context;
}

}  // namespace

struct HttpServer::Impl {
  std::atomic<std::uint16_t> port{0};
  bool tls = false;
  restinio::running_server_handle_t<PlainTraits> plain;
  restinio::running_server_handle_t<TlsTraits> secure;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port.load(); }

bool HttpServer::tls() const { return impl_->tls; }

void HttpServer::Stop() {
  if (impl_ && impl_->plain) {
    impl_->plain->stop();
    impl_->plain.reset();
  }
  if (impl_ && impl_->secure) {
    impl_->secure->stop();
    impl_->secure.reset();
  }
}

namespace {

// Settings shared by the plain and the TLS server.
template <typename Traits>
restinio::server_settings_t<Traits> BaseSettings(const ServerOptions& options,
                                                 std::shared_ptr<const HandlerState> shared,
                                                 std::atomic<std::uint16_t>* port) {
  auto handler = [state = std::move(shared)](const RequestHandle& req) {
    const auto started = std::chrono::steady_clock::now();
    std::string_view route = kRouteOther;
    std::string method;
    int status = 500;
    restinio::request_handling_status_t result = restinio::request_rejected();
    // Counted before the answer is handed to RESTinio: a client that reads the answer and
    // then scrapes /metrics (served by another thread) must find this request counted.
    bool recorded = false;
    const auto record = [&] {
      if (state->metrics != nullptr && !recorded) {
        state->metrics->Record(route, method, status, std::chrono::steady_clock::now() - started);
      }
      recorded = true;
    };
    try {
      const api::HttpRequest request = ToApiRequest(req, state->trusted, state->tls);
      method = request.method;
      api::HttpResponse response;
      route = Serve(*state, request, response);
      status = response.status;
      record();
      result = Respond(req, std::move(response), request.tls);
    } catch (const std::exception&) {
      // Nothing escapes a request: answer plainly rather than drop the connection. (If
      // sending the answer itself threw, the request stays counted with its first status.)
      Log(LogLevel::kError, "http.exception");
      status = 500;
      record();
      result = Respond(req, PlainText(500, "Internal error\n"), state->tls);
    }
    return result;
  };
  auto cap = std::make_shared<ConnectionCap>(std::max<size_t>(1, options.max_connections));
  return restinio::server_settings_t<Traits>{}
      .address(options.host)
      .port(options.port)
      .request_handler(std::move(handler))
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(kMaxUrlBytes)
                                    .max_field_name_size(kMaxHeaderNameBytes)
                                    .max_field_value_size(kMaxHeaderValueBytes)
                                    .max_field_count(kMaxHeaderCount)
                                    .max_body_size(kReadBodyLimit))
      .read_next_http_message_timelimit(std::chrono::seconds(options.request_read_timeout_seconds))
      .handle_request_timeout(std::chrono::seconds(30))
      .write_http_response_timelimit(std::chrono::seconds(30))
      .ip_blocker(cap)
      .connection_state_listener(cap)
      .acceptor_post_bind_hook([port](asio::ip::tcp::acceptor& acceptor) {
        *port = acceptor.local_endpoint().port();
      });
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServerOptions& options, api::Api& api,
                                                      const StaticFiles* static_files,
                                                      Metrics* metrics) {
  auto impl = std::make_unique<Impl>();
  impl->tls = !options.tls_cert.empty() || !options.tls_key.empty();
  if (impl->tls && (options.tls_cert.empty() || options.tls_key.empty())) {
    return InvalidArgument("TLS needs both a certificate (--tls-cert) and a key (--tls-key)",
                           options.tls_cert.empty() ? "tls_cert" : "tls_key");
  }
  auto state = std::make_shared<const HandlerState>(HandlerState{
      api, static_files, metrics, options.trusted_proxies, options.metrics_allow, impl->tls});
  try {
    if (impl->tls) {
      ASSIGN_OR_RETURN(asio::ssl::context context,
                       MakeTlsContext(options.tls_cert, options.tls_key));
      auto settings = BaseSettings<TlsTraits>(options, state, &impl->port);
      settings.tls_context(std::move(context));
      impl->secure = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                         options.threads);
    } else {
      impl->plain = restinio::run_async(restinio::own_io_context(),
                                        BaseSettings<PlainTraits>(options, state, &impl->port),
                                        options.threads);
    }
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
