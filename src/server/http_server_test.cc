// The RESTinio wiring over a real socket: port 0, security headers, API vs static routing.
#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>

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

// A store in a temp directory and the API over it, for servers started on port 0.
class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(dir_.File(store::kDatabaseFile), 2);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    api_ = std::make_unique<api::Api>(*store_, SystemClock::Get(), vault_, api::ApiOptions{});
  }
  static ServerOptions OnEphemeralPort(size_t threads) {
    ServerOptions options;
    options.port = 0;
    options.threads = threads;
    return options;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  const api::ContentVault vault_{crypto::SecretKey::Random()};
  std::unique_ptr<api::Api> api_;
};

TEST_F(HttpServerTest, ServesApiWithSecurityHeadersOnAnEphemeralPort) {
  auto server = HttpServer::Start(OnEphemeralPort(2), *api_, nullptr);
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

TEST_F(HttpServerTest, TlsNeedsBothFilesAndNamesTheOneItCannotUse) {
  ServerOptions options = OnEphemeralPort(1);
  options.tls_cert = dir_.File("cert.pem");
  auto only_cert = HttpServer::Start(options, *api_, nullptr);
  ASSERT_FALSE(only_cert.ok());
  EXPECT_EQ(only_cert.status().field(), "tls_key");

  options.tls_key = dir_.File("key.pem");
  auto missing = HttpServer::Start(options, *api_, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find(dir_.File("cert.pem")), std::string::npos)
      << missing.status().message();

  {
    std::ofstream(dir_.File("cert.pem")) << "not a certificate\n";
    std::ofstream(dir_.File("key.pem")) << "not a key\n";
  }
  auto garbage = HttpServer::Start(options, *api_, nullptr);
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
