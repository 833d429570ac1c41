// Lock-free request counters and the Prometheus text rendering of /metrics.
#include "server/metrics.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

namespace interlude::server {
namespace {

constexpr size_t kSlotCount = 512;  // power of two; ~100 route/method pairs exist
constexpr size_t kRouteMax = 95;

constexpr std::array<std::string_view, 8> kMethods = {"GET",   "HEAD",   "POST",    "PUT",
                                                      "PATCH", "DELETE", "OPTIONS", "other"};
constexpr int kMethodOther = 7;

// Statuses counted exactly; any other is counted under its class ("2xx" ... "5xx").
constexpr std::array<int, 24> kStatuses = {200, 201, 202, 204, 206, 301, 302, 304,
                                           400, 401, 403, 404, 405, 406, 408, 409,
                                           410, 413, 415, 422, 429, 500, 503, 504};
constexpr std::array<std::string_view, 5> kStatusClasses = {"1xx", "2xx", "3xx", "4xx", "5xx"};
constexpr size_t kStatusSlots = kStatuses.size() + kStatusClasses.size();

size_t StatusIndex(int status) {
  for (size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  const int cls = std::clamp(status / 100, 1, 5);
  return kStatuses.size() + static_cast<size_t>(cls - 1);
}

std::string StatusLabel(size_t index) {
  if (index < kStatuses.size()) return std::to_string(kStatuses[index]);
  return std::string(kStatusClasses[index - kStatuses.size()]);
}

int MethodIndex(std::string_view method) {
  for (size_t i = 0; i + 1 < kMethods.size(); ++i) {
    if (kMethods[i] == method) return static_cast<int>(i);
  }
  return kMethodOther;
}

std::uint64_t Hash(std::string_view route, int method) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (const char c : route) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  const std::uint64_t salt = 0x9E3779B97F4A7C15U;
  return h ^ (salt * static_cast<unsigned>(method));
}

// A label value with \, " and newline escaped as the exposition format asks.
std::string Escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatDouble(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", value);
  return buf;
}

void Header(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void Sample(std::string& out, const char* name, const std::string& labels, const std::string& value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace

struct Metrics::Slot {
  // 0: empty; 1: being claimed (route and method are being written); 2: ready.
  std::atomic<int> state{0};
  int method = 0;
  size_t route_size = 0;
  char route[kRouteMax] = {};
  std::array<std::atomic<std::uint64_t>, kStatusSlots> statuses{};
  std::array<std::atomic<std::uint64_t>, Metrics::kBuckets.size() + 1> buckets{};  // not cumulative
  std::atomic<std::uint64_t> sum_nanos{0};

  std::string_view Route() const { return std::string_view(route, route_size); }
};

Metrics::Metrics(MetricsSources sources)
    : sources_(std::move(sources)),
      started_(std::chrono::steady_clock::now()),
      started_unix_seconds_(std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count()),
      slots_(new Slot[kSlotCount]) {}

Metrics::~Metrics() = default;

Metrics::Slot* Metrics::Find(std::string_view route, int method) {
  const std::uint64_t h = Hash(route, method);
  for (size_t probe = 0; probe < kSlotCount; ++probe) {
    Slot& slot = slots_[(h + probe) & (kSlotCount - 1)];
    int state = slot.state.load(std::memory_order_acquire);
    if (state == 0) {
      int expected = 0;
      if (slot.state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
        std::memcpy(slot.route, route.data(), route.size());
        slot.route_size = route.size();
        slot.method = method;
        slot.state.store(2, std::memory_order_release);
        return &slot;
      }
      state = expected;
    }
    // Another thread is writing this slot's key: a few stores, so wait for it.
    while (state == 1) state = slot.state.load(std::memory_order_acquire);
    if (slot.method == method && slot.Route() == route) return &slot;
  }
  return nullptr;
}

void Metrics::Record(std::string_view route, std::string_view method, int status,
                     std::chrono::nanoseconds duration) {
  if (route.size() > kRouteMax || route.empty()) route = kRouteOther;
  Slot* slot = Find(route, MethodIndex(method));
  if (slot == nullptr) slot = Find(kRouteOther, kMethodOther);
  if (slot == nullptr) return;  // the table is full (cannot happen with a bounded route set)
  slot->statuses[StatusIndex(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(duration).count();
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  slot->buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  const auto nanos = duration.count() > 0 ? static_cast<std::uint64_t>(duration.count()) : 0;
  slot->sum_nanos.fetch_add(nanos, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::vector<const Slot*> ready;
  for (size_t i = 0; i < kSlotCount; ++i) {
    if (slots_[i].state.load(std::memory_order_acquire) == 2) ready.push_back(&slots_[i]);
  }
  std::sort(ready.begin(), ready.end(), [](const Slot* a, const Slot* b) {
    if (a->Route() != b->Route()) return a->Route() < b->Route();
    return a->method < b->method;
  });
  const auto labels = [](const Slot& s) {
    return "route=\"" + Escape(s.Route()) + "\",method=\"" +
           std::string(kMethods[static_cast<size_t>(s.method)]) + "\"";
  };

  std::string out;
  out.reserve(16384);
  Header(out, "interlude_http_requests_total", "counter",
         "HTTP requests answered, by route template, method and status.");
  for (const Slot* s : ready) {
    for (size_t i = 0; i < kStatusSlots; ++i) {
      const std::uint64_t n = s->statuses[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      Sample(out, "interlude_http_requests_total", labels(*s) + ",status=\"" + StatusLabel(i) + "\"",
             std::to_string(n));
    }
  }

  Header(out, "interlude_http_request_duration_seconds", "histogram",
         "Time from a complete request to its response being handed to the network, by route "
         "template and method.");
  for (const Slot* s : ready) {
    const std::string l = labels(*s);
    std::uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s->buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? FormatDouble(kBuckets[b]) : "+Inf";
      Sample(out, "interlude_http_request_duration_seconds_bucket", l + ",le=\"" + le + "\"",
             std::to_string(cumulative));
    }
    const double sum = static_cast<double>(s->sum_nanos.load(std::memory_order_relaxed)) / 1e9;
    Sample(out, "interlude_http_request_duration_seconds_sum", l, FormatDouble(sum));
    // _count is the +Inf bucket as read above, so the two always agree.
    Sample(out, "interlude_http_request_duration_seconds_count", l, std::to_string(cumulative));
  }

  if (sources_.alerts_open) {
    const std::int64_t open = sources_.alerts_open();
    if (open >= 0) {
      Header(out, "interlude_alerts_open", "gauge",
             "Safety alerts not yet acknowledged by a clinician.");
      Sample(out, "interlude_alerts_open", "", std::to_string(open));
    }
  }
  if (sources_.db_commits) {
    Header(out, "interlude_db_commits_total", "counter",
           "Durable database commits (one group commit carries many writes).");
    Sample(out, "interlude_db_commits_total", "", std::to_string(sources_.db_commits()));
  }
  if (sources_.db_writes) {
    Header(out, "interlude_db_writes_total", "counter", "Database write transactions committed.");
    Sample(out, "interlude_db_writes_total", "", std::to_string(sources_.db_writes()));
  }
  Header(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
  Sample(out, "process_resident_memory_bytes", "", std::to_string(ResidentMemoryBytes()));
  Header(out, "process_start_time_seconds", "gauge",
         "Start time of the process since the Unix epoch, in seconds.");
  Sample(out, "process_start_time_seconds", "", std::to_string(started_unix_seconds_));
  Header(out, "interlude_uptime_seconds", "gauge", "Seconds since the server started.");
  Sample(out, "interlude_uptime_seconds", "",
         FormatDouble(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_)
                          .count()));
  Header(out, "interlude_build_info", "gauge", "The running version; always 1.");
  Sample(out, "interlude_build_info", "version=\"" + Escape(sources_.version) + "\"", "1");
  return out;
}

std::uint64_t ResidentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return resident * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

}  // namespace interlude::server
