#include "server/alert_webhook.h"

#include <gtest/gtest.h>

namespace interlude::server {
namespace {

TEST(AlertWebhookTest, ParsesPlainHttpUrls) {
  auto t = ParseWebhookUrl("http://127.0.0.1:9000/hooks/alerts");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->host, "127.0.0.1");
  EXPECT_EQ(t->port, "9000");
  EXPECT_EQ(t->path, "/hooks/alerts");
  auto bare = ParseWebhookUrl("http://relay.local");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->port, "80");
  EXPECT_EQ(bare->path, "/");
}

TEST(AlertWebhookTest, RefusesOtherSchemesAndMalformedUrls) {
  for (const char* url : {"https://example.org/x", "ftp://x", "http://", "http://host:port/",
                          "http://host:99999999/", "http://ho st/", "example.org"}) {
    const auto t = ParseWebhookUrl(url);
    EXPECT_FALSE(t.ok()) << url;
    EXPECT_EQ(t.status().field(), "alert_webhook_url") << url;
  }
}

TEST(AlertWebhookTest, TheNoticeCarriesNoPersonalContent) {
  AlertWebhook hook(*ParseWebhookUrl("http://127.0.0.1:9/"), "https://clinic.example");
  const auto body = nlohmann::json::parse(hook.NoticeBody());
  // Exactly two members: a fixed sentence and a link to the signed-in view.
  EXPECT_EQ(body.size(), 2u);
  EXPECT_EQ(body["text"], "An Interlude safety alert is waiting for review.");
  EXPECT_EQ(body["link"], "https://clinic.example/clinician/alerts");
}

}  // namespace
}  // namespace interlude::server
