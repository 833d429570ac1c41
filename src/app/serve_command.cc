// `interlude serve`: open the data directory, start HTTP, wait for SIGINT/SIGTERM, drain.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/api.h"
#include "app/commands.h"
#include "app/data_dir.h"
#include "app/language_data.h"
#include "base/log.h"
#include "care/instrument.h"
#include "mirror/mirror.h"
#include "safety/safety_layer.h"
#include "server/alert_webhook.h"
#include "server/http_server.h"
#include "server/metrics.h"
#include "server/static_files.h"
#include "text/analyzer.h"
#include "version.h"

namespace interlude::app {
namespace {

// Blocks SIGINT and SIGTERM in this and every later thread so that only sigwait sees them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// Removes expired sessions, old throttle records and half-deleted accounts.
void Housekeeping(store::Store& store, const Config& config) {
  const UnixMillis now = SystemClock::Get().NowMillis();
  (void)store.sessions().DeleteExpired(now - config.session_idle_minutes * 60000LL, now);
  (void)store.throttle().Prune(now - config.login_window_minutes * 60000LL);
  (void)store.users().DeleteShredded();  // deletions interrupted after the key was shredded
}

}  // namespace

int RunServe(const ServeFlags& flags) {
  auto loaded = LoadConfig(Config{}, flags.config_file, ProcessEnv());
  if (!loaded.ok()) return Fail(loaded.status().message());
  Config config = *loaded;
  if (flags.listen) config.listen = *flags.listen;
  if (flags.data_dir) config.data_dir = *flags.data_dir;
  if (flags.web_root) config.web_root = *flags.web_root;
  if (flags.tls_cert) config.tls_cert = *flags.tls_cert;
  if (flags.tls_key) config.tls_key = *flags.tls_key;
  LogLevel level = LogLevel::kInfo;
  if (!ParseLogLevel(config.log_level, level)) {
    return Fail("log_level must be debug, info, warn or error");
  }
  InitLogging(level, config.log_json);

  server::ServerOptions options;
  if (const Status st = server::ParseListen(config.listen, options.host, options.port); !st.ok()) {
    return Fail(st.message());
  }
  options.trusted_proxies = server::ParseAddressList(config.trusted_proxies);
  options.metrics_allow = server::ParseAddressList(config.metrics_allow);
  options.tls_cert = config.tls_cert;
  options.tls_key = config.tls_key;
  options.max_connections = static_cast<size_t>(config.max_connections);
  options.request_read_timeout_seconds = config.request_read_timeout_seconds;
  options.threads = config.threads > 0 ? static_cast<size_t>(config.threads)
                                       : std::max<size_t>(8, 4 * std::thread::hardware_concurrency());

  const sigset_t stop_signals = BlockStopSignals();
  auto data = OpenDataDir(config.data_dir, ProcessEnv(), static_cast<int>(options.threads) + 2);
  if (!data.ok()) return Fail(data.status().message());

  std::unique_ptr<server::StaticFiles> web;
  if (!config.web_root.empty()) {
    auto loaded_web = server::StaticFiles::Load(config.web_root);
    if (!loaded_web.ok()) return Fail(loaded_web.status().message());
    web = std::move(*loaded_web);
  } else {
    Log(LogLevel::kWarn, "serve.no_web_root");
  }

  api::ApiOptions api_options;
  api_options.version = kVersion;
  api_options.session_idle_minutes = config.session_idle_minutes;
  api_options.clinician_idle_minutes = config.clinician_idle_minutes;
  api_options.session_absolute_hours = config.session_absolute_hours;
  api_options.login_max_failures = config.login_max_failures;
  api_options.login_max_failures_per_address = config.login_max_failures_per_address;
  api_options.login_window_minutes = config.login_window_minutes;
  api_options.signup_max_per_window = config.signup_max_per_window;
  api_options.clinician_alerts = config.clinician_alerts;
  auto analyzer = text::Analyzer::Load(LanguageDataRoot());
  if (!analyzer.ok()) return Fail(analyzer.status().message());
  // The clinic's own crisis resources, if any, live in <data-dir>/helplines/.
  auto safety_layer = safety::SafetyLayer::Load(
      LanguageDataRoot(), (std::filesystem::path(config.data_dir) / "helplines").string());
  if (!safety_layer.ok()) return Fail(safety_layer.status().message());
  auto instruments = care::InstrumentSet::Load(LanguageDataRoot());
  if (!instruments.ok()) return Fail(instruments.status().message());
  auto mirror = mirror::Mirror::Load(LanguageDataRoot(), (*safety_layer)->checker());
  if (!mirror.ok()) return Fail(mirror.status().message());
  std::unique_ptr<server::AlertWebhook> webhook;
  if (!config.alert_webhook_url.empty()) {
    auto target = server::ParseWebhookUrl(config.alert_webhook_url);
    if (!target.ok()) return Fail(target.status().message());
    webhook = std::make_unique<server::AlertWebhook>(*target, config.public_url);
  }
  api::Api api(*data->store, SystemClock::Get(), *data->vault, api_options, analyzer->get(),
               safety_layer->get(), webhook.get(), instruments->get(), mirror->get());

  server::MetricsSources sources;
  sources.version = kVersion;
  store::Store& store = *data->store;
  sources.alerts_open = [&store]() -> std::int64_t {
    auto open = store.safety().AllAlerts(/*open_only=*/true, /*limit=*/0);
    return open.ok() ? static_cast<std::int64_t>(open->size()) : -1;
  };
  sources.db_commits = [&store] { return store.commits(); };
  sources.db_writes = [&store] { return store.writes(); };
  server::Metrics metrics(std::move(sources));

  auto http = server::HttpServer::Start(options, api, web.get(), &metrics);
  if (!http.ok()) return Fail(http.status().message());
  const std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::cout << "interlude listening on " << ((*http)->tls() ? "https://" : "http://") << host
            << ":" << (*http)->port() << std::endl;
  Log(LogLevel::kInfo, "serve.started", {{"port", static_cast<int>((*http)->port())},
                                         {"threads", static_cast<std::uint64_t>(options.threads)}});

  for (;;) {
    timespec timeout{600, 0};
    const int sig = sigtimedwait(&stop_signals, nullptr, &timeout);
    if (sig == SIGINT || sig == SIGTERM) break;
    Housekeeping(*data->store, config);
  }
  Log(LogLevel::kInfo, "serve.stopping");
  (*http)->Stop();
  data->store.reset();  // finishes queued writes
  return 0;
}

}  // namespace interlude::app
