// The RESTinio wiring over a real socket: port 0, security headers, API vs static routing.
#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "crypto/secret_key.h"
#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace interlude::server {
namespace {

// Sends one raw HTTP/1.1 request and returns the whole response (Connection: close).
std::string RawRequest(std::uint16_t port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

TEST(HttpServerTest, ServesApiWithSecurityHeadersOnAnEphemeralPort) {
  testing::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File(store::kDatabaseFile), 2);
  ASSERT_TRUE(store.ok());
  const api::ContentVault vault(crypto::SecretKey::Random());
  api::Api api(**store, SystemClock::Get(), vault, api::ApiOptions{});
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  auto server = HttpServer::Start(options, api, nullptr);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::uint16_t port = (*server)->port();
  ASSERT_NE(port, 0);

  const std::string health = RawRequest(
      port, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(health.rfind("HTTP/1.1 200", 0), 0u) << health;
  EXPECT_NE(health.find("Content-Security-Policy: default-src 'self'"), std::string::npos);
  EXPECT_NE(health.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(health.find("Referrer-Policy: no-referrer"), std::string::npos);
  EXPECT_NE(health.find("Cache-Control: no-store"), std::string::npos);
  EXPECT_NE(health.find(R"("status":"ok")"), std::string::npos);

  const std::string bad_query = RawRequest(
      port, "GET /api/v1/health?a=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(bad_query.rfind("HTTP/1.1 400", 0), 0u) << bad_query;

  const std::string no_web = RawRequest(
      port, "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(no_web.rfind("HTTP/1.1 404", 0), 0u);
  (*server)->Stop();
}

TEST(HttpServerTest, TlsNeedsBothFilesAndNamesTheOneItCannotUse) {
  testing::TempDir dir;
  auto store = store::OpenSqliteStore(dir.File(store::kDatabaseFile), 2);
  ASSERT_TRUE(store.ok());
  const api::ContentVault vault(crypto::SecretKey::Random());
  api::Api api(**store, SystemClock::Get(), vault, api::ApiOptions{});
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.tls_cert = dir.File("cert.pem");
  auto only_cert = HttpServer::Start(options, api, nullptr);
  ASSERT_FALSE(only_cert.ok());
  EXPECT_EQ(only_cert.status().field(), "tls_key");

  options.tls_key = dir.File("key.pem");
  auto missing = HttpServer::Start(options, api, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find(dir.File("cert.pem")), std::string::npos)
      << missing.status().message();

  {
    std::ofstream(dir.File("cert.pem")) << "not a certificate\n";
    std::ofstream(dir.File("key.pem")) << "not a key\n";
  }
  auto garbage = HttpServer::Start(options, api, nullptr);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().field(), "tls_cert");
  EXPECT_NE(garbage.status().message().find("not a PEM certificate"), std::string::npos)
      << garbage.status().message();
}

TEST(ParseListenTest, AcceptsHostPortOnly) {
  std::string host;
  std::uint16_t port = 1;
  ASSERT_TRUE(ParseListen("127.0.0.1:0", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 0);
  ASSERT_TRUE(ParseListen("[::1]:8080", host, port).ok());
  EXPECT_EQ(host, "::1");
  for (const char* bad : {"8080", ":80", "host:", "host:99999", "host:8o"}) {
    EXPECT_EQ(ParseListen(bad, host, port).field(), "listen") << bad;
  }
}

}  // namespace
}  // namespace interlude::server
