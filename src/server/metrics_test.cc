// Metrics: counting by route template, the histogram's shape, concurrent recording, and the
// exposition text.
#include "server/metrics.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

namespace interlude::server {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// The value of the sample line that starts with `prefix` (name and labels), or -1.
double SampleValue(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix + " ", 0) == 0) return std::stod(line.substr(prefix.size() + 1));
  }
  return -1;
}

TEST(MetricsTest, CountsByRouteMethodAndStatus) {
  Metrics metrics(MetricsSources{});
  metrics.Record("/api/v1/entries/{id}", "GET", 200, microseconds(300));
  metrics.Record("/api/v1/entries/{id}", "GET", 200, milliseconds(3));
  metrics.Record("/api/v1/entries/{id}", "GET", 404, milliseconds(20));
  metrics.Record("/api/v1/entries/{id}", "DELETE", 204, milliseconds(2));
  metrics.Record(kRouteStatic, "GET", 200, microseconds(50));
  metrics.Record(kRouteOther, "BREW", 418, microseconds(50));
  const std::string text = metrics.Render();
  const std::string entry = R"(route="/api/v1/entries/{id}",method="GET")";
  EXPECT_EQ(SampleValue(text, "interlude_http_requests_total{" + entry + R"(,status="200"})"), 2);
  EXPECT_EQ(SampleValue(text, "interlude_http_requests_total{" + entry + R"(,status="404"})"), 1);
  EXPECT_EQ(SampleValue(text, R"(interlude_http_requests_total{route="/api/v1/entries/{id}",method="DELETE",status="204"})"), 1);
  EXPECT_EQ(SampleValue(text, R"(interlude_http_requests_total{route="static",method="GET",status="200"})"), 1);
  // Unknown methods and unlisted statuses are folded so that labels stay bounded.
  EXPECT_EQ(SampleValue(text, R"(interlude_http_requests_total{route="other",method="other",status="4xx"})"), 1);

  const std::string bucket = "interlude_http_request_duration_seconds_bucket{" + entry;
  EXPECT_EQ(SampleValue(text, bucket + R"(,le="0.001"})"), 1);
  EXPECT_EQ(SampleValue(text, bucket + R"(,le="0.005"})"), 2);
  EXPECT_EQ(SampleValue(text, bucket + R"(,le="0.025"})"), 3);
  EXPECT_EQ(SampleValue(text, bucket + R"(,le="+Inf"})"), 3);
  EXPECT_EQ(SampleValue(text, "interlude_http_request_duration_seconds_count{" + entry + "}"), 3);
  EXPECT_NEAR(SampleValue(text, "interlude_http_request_duration_seconds_sum{" + entry + "}"),
              0.0233, 1e-9);
  EXPECT_NE(text.find("# TYPE interlude_http_request_duration_seconds histogram\n"),
            std::string::npos);
  EXPECT_GT(SampleValue(text, "process_resident_memory_bytes"), 0);
}

TEST(MetricsTest, GaugesComeFromTheSources) {
  MetricsSources sources;
  sources.version = "1.2.3";
  sources.alerts_open = [] { return std::int64_t{4}; };
  sources.db_commits = [] { return std::uint64_t{7}; };
  sources.db_writes = [] { return std::uint64_t{9}; };
  const std::string text = Metrics(std::move(sources)).Render();
  EXPECT_EQ(SampleValue(text, "interlude_alerts_open"), 4);
  EXPECT_EQ(SampleValue(text, "interlude_db_commits_total"), 7);
  EXPECT_EQ(SampleValue(text, "interlude_db_writes_total"), 9);
  EXPECT_EQ(SampleValue(text, R"(interlude_build_info{version="1.2.3"})"), 1);

  MetricsSources failing;
  failing.alerts_open = [] { return std::int64_t{-1}; };
  EXPECT_EQ(Metrics(std::move(failing)).Render().find("interlude_alerts_open"), std::string::npos);
}

TEST(MetricsTest, ConcurrentRecordingLosesNothing) {
  Metrics metrics(MetricsSources{});
  constexpr int kThreads = 8;
  constexpr int kPerThread = 5000;
  const char* routes[] = {"/a", "/b/{id}", "/c", "/d/{id}/e"};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics, &routes, t] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.Record(routes[(t + i) % 4], i % 2 ? "GET" : "POST", 200, microseconds(i));
      }
    });
  }
  for (auto& th : threads) th.join();
  const std::string text = metrics.Render();
  double total = 0;
  for (const char* route : routes) {
    for (const char* method : {"GET", "POST"}) {
      const double n = SampleValue(text, std::string(R"(interlude_http_requests_total{route=")") +
                                             route + R"(",method=")" + method +
                                             R"(",status="200"})");
      ASSERT_GT(n, 0) << route << " " << method;
      total += n;
    }
  }
  EXPECT_EQ(total, kThreads * kPerThread);
}

TEST(MetricsTest, OverlongRoutesCountAsOther) {
  Metrics metrics(MetricsSources{});
  metrics.Record(std::string(200, 'x'), "GET", 200, microseconds(1));
  const std::string text = metrics.Render();
  EXPECT_EQ(SampleValue(text, R"(interlude_http_requests_total{route="other",method="GET",status="200"})"), 1);
  EXPECT_EQ(text.find("xxxx"), std::string::npos);
}

}  // namespace
}  // namespace interlude::server
