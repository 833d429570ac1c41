// The outbound alert notice over plain HTTP/1.1 with POSIX sockets (one short POST; no
// client library needed). See alert_webhook.h.
#include "server/alert_webhook.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>

#include "base/log.h"
#include "nlohmann/json.hpp"

namespace interlude::server {
namespace {

constexpr int kTimeoutSeconds = 5;

bool WriteAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

int Connect(const WebhookTarget& t) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(t.host.c_str(), t.port.c_str(), &hints, &found) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{kTimeoutSeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);  // also bounds connect()
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    ::close(fd);
    fd = -1;
  }
  ::freeaddrinfo(found);
  return fd;
}

}  // namespace

Result<WebhookTarget> ParseWebhookUrl(const std::string& url) {
  const auto bad = [](const std::string& why) {
    return InvalidArgument("alert_webhook_url " + why, "alert_webhook_url");
  };
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) {
    return bad("must start with http:// (for https, send it through a local relay or proxy)");
  }
  const std::string rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  WebhookTarget t;
  if (slash != std::string::npos) t.path = rest.substr(slash);
  const size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    t.port = authority.substr(colon + 1);
    authority.resize(colon);
    if (t.port.empty() || t.port.size() > 5 ||
        t.port.find_first_not_of("0123456789") != std::string::npos) {
      return bad("has a port that is not a number");
    }
  }
  if (authority.empty()) return bad("has no host");
  for (char c : authority + t.path) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return bad("contains spaces or control characters");
  }
  t.host = authority;
  return t;
}

AlertWebhook::AlertWebhook(WebhookTarget target, std::string public_url)
    : target_(std::move(target)), public_url_(std::move(public_url)) {
  worker_ = std::thread([this] { Run(); });
}

AlertWebhook::~AlertWebhook() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void AlertWebhook::AlertRaised() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++pending_;
  }
  cv_.notify_one();
}

std::string AlertWebhook::NoticeBody() const {
  nlohmann::json body = {{"text", "An Interlude safety alert is waiting for review."}};
  body["link"] = public_url_.empty() ? nlohmann::json(nullptr)
                                     : nlohmann::json(public_url_ + "/clinician/alerts");
  return body.dump();
}

bool AlertWebhook::SendOnce() const {
  const int fd = Connect(target_);
  if (fd < 0) return false;
  const std::string body = NoticeBody();
  const std::string request = "POST " + target_.path + " HTTP/1.1\r\nHost: " + target_.host +
                              "\r\nContent-Type: application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  bool ok = false;
  if (WriteAll(fd, request)) {
    char buf[64] = {};
    const ssize_t n = ::recv(fd, buf, sizeof buf - 1, 0);
    // "HTTP/1.1 2xx"
    ok = n >= 12 && std::string_view(buf, 5) == "HTTP/" && buf[9] == '2';
  }
  ::close(fd);
  return ok;
}

void AlertWebhook::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || pending_ > 0; });
    if (stopping_) return;
    --pending_;
    lock.unlock();
    bool sent = false;
    int attempts = 0;
    for (const int wait_seconds : {0, 1, 4}) {
      if (wait_seconds > 0) {
        std::unique_lock<std::mutex> pause(mu_);
        if (cv_.wait_for(pause, std::chrono::seconds(wait_seconds), [this] { return stopping_; })) {
          return;
        }
      }
      ++attempts;
      if ((sent = SendOnce())) break;
    }
    Log(sent ? LogLevel::kInfo : LogLevel::kWarn, sent ? "safety.notice_sent" : "safety.notice_failed",
        {{"attempts", attempts}});
    lock.lock();
  }
}

}  // namespace interlude::server
