// AlertWebhook: the optional outbound notice that a safety alert is waiting. It POSTs
// {"text": "An Interlude safety alert is waiting for review.", "link": "<public_url>/..."}
// to a configured http:// URL (a chat or paging webhook, or a local relay) — no names, no
// ids, no words of anyone's: the link leads to the signed-in clinician view.
// Notices are sent by one background thread, so a slow or dead receiver never delays a
// request; each is tried up to three times (after 1 s and 4 s), then given up (logged).
//
// Thread-safety: AlertRaised may be called from any thread; the destructor waits for the
// notice in flight (at most one attempt's time-outs) and drops the rest.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "api/api_context.h"
#include "base/status.h"

namespace interlude::server {

struct WebhookTarget {
  std::string host;
  std::string port = "80";
  std::string path = "/";
};

// Parses "http://host[:port][/path]". InvalidArgument naming alert_webhook_url for any
// other scheme (https: put a local relay or the reverse proxy in between) or a malformed URL.
Result<WebhookTarget> ParseWebhookUrl(const std::string& url);

class AlertWebhook final : public api::AlertNotifier {
 public:
  AlertWebhook(WebhookTarget target, std::string public_url);
  ~AlertWebhook() override;
  void AlertRaised() override;

  // The JSON body a notice carries (exposed for tests).
  std::string NoticeBody() const;

 private:
  void Run();
  bool SendOnce() const;  // true on a 2xx answer

  const WebhookTarget target_;
  const std::string public_url_;
  std::mutex mu_;
  std::condition_variable cv_;
  int pending_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace interlude::server
