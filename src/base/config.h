// Server configuration: defaults, then a TOML file, then INTERLUDE_* environment variables.
//
// Thread-safety: a Config is a plain value, read-only after loading.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/status.h"

namespace interlude {

struct Config {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free port
  std::string data_dir = "./var";
  std::string web_root;                   // empty: no static files served
  int threads = 0;                        // 0: max(8, 4 x cores)
  int session_idle_minutes = 30;
  int clinician_idle_minutes = 15;        // clinicians and admins (at most session_idle_minutes)
  int session_absolute_hours = 12;
  int login_max_failures = 5;             // per account, per window
  int login_max_failures_per_address = 20;  // per client address (shared Wi-Fi), per window
  int login_window_minutes = 15;
  int signup_max_per_window = 20;         // new accounts per address, per login window
  // Comma-separated peer addresses (a reverse proxy) whose X-Forwarded-For and
  // X-Forwarded-Proto are believed. Empty: none.
  std::string trusted_proxies;
  // HTTPS: PEM certificate chain and private key; both set turns TLS on (and HSTS).
  std::string tls_cert;
  std::string tls_key;
  // Comma-separated client addresses that may read /metrics; others get 404.
  std::string metrics_allow = "127.0.0.1,::1";
  // Hostile-client limits: open connections at most, and seconds a request (line,
  // headers, body) may take to arrive before its connection is closed.
  int max_connections = 1024;
  int request_read_timeout_seconds = 20;
  std::string log_level = "info";
  bool log_json = false;
  // Safety: whether high-risk alerts reach linked clinicians who were given consent (the
  // clinic's policy), where an outbound "an alert is waiting" notice is POSTed (http://
  // only; empty: none), and the address people use to reach this server (for that notice's
  // link; empty: no link).
  bool clinician_alerts = true;
  std::string alert_webhook_url;
  std::string public_url;
};

// Reads an environment variable; returns nullopt when unset. Injected for tests.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
EnvLookup ProcessEnv();

// Applies `path` (if not empty) and then the environment over `base`.
// Returns InvalidArgument naming the key when a value has the wrong type or range, and
// NotFound when the file does not exist.
Result<Config> LoadConfig(Config base, const std::string& path, const EnvLookup& env);

}  // namespace interlude
