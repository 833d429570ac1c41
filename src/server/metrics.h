// Metrics: the counters behind GET /metrics, rendered in the Prometheus text exposition
// format (version 0.0.4). Requests are counted by route TEMPLATE ("/api/v1/entries/{id}",
// never a raw path), method and status, with a latency histogram per route and method;
// gauges (open safety alerts, database commits, memory, uptime) are read at scrape time
// through callbacks. Nothing personal is ever a label: no ids, handles, paths or queries.
//
// Thread-safety: Record() is lock-free (relaxed atomics in a fixed-size open-addressed
// table; a route/method pair claims its slot once with a compare-and-swap) and may be
// called from any number of threads; Render() may run concurrently with Record() and reads
// a consistent-enough snapshot (each histogram's _count equals its +Inf bucket). The
// gauge callbacks are called from the scraping thread and must be thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace interlude::server {

// Route labels for requests the Api did not answer with a route of its own.
inline constexpr std::string_view kRouteOther = "other";    // unknown paths, errors
inline constexpr std::string_view kRouteStatic = "static";  // the web app's files
inline constexpr std::string_view kRouteMetrics = "/metrics";

struct MetricsSources {
  std::string version;  // interlude_build_info{version}
  // Unacknowledged safety alerts; a negative value means "could not be read" (the gauge
  // is then left out of that scrape rather than reported wrong).
  std::function<std::int64_t()> alerts_open;
  std::function<std::uint64_t()> db_commits;  // durable commits (group commit)
  std::function<std::uint64_t()> db_writes;   // writes those commits carried
};

class Metrics {
 public:
  explicit Metrics(MetricsSources sources);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one answered request. `route` is a template or one of the kRoute* labels; a
  // route longer than 95 bytes, or one arriving after the table is full, counts as "other".
  void Record(std::string_view route, std::string_view method, int status,
              std::chrono::nanoseconds duration);

  // The whole exposition, ending in a newline.
  std::string Render() const;

  // Histogram upper bounds, in seconds (+Inf is implied).
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

 private:
  struct Slot;
  Slot* Find(std::string_view route, int method);

  MetricsSources sources_;
  std::chrono::steady_clock::time_point started_;
  std::int64_t started_unix_seconds_;
  std::unique_ptr<Slot[]> slots_;
};

// The resident set size of this process in bytes (/proc/self/statm), 0 when unknown.
std::uint64_t ResidentMemoryBytes();

}  // namespace interlude::server
