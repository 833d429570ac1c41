// TOML + environment configuration loading.
#include "base/config.h"

#include <cstdlib>
#include <filesystem>
#include <toml++/toml.h>

namespace interlude {
namespace {

Status SetInt(int& target, std::int64_t value, const char* key, int lo, int hi) {
  if (value < lo || value > hi) {
    return InvalidArgument(std::string(key) + " must be between " + std::to_string(lo) +
                               " and " + std::to_string(hi),
                           key);
  }
  target = static_cast<int>(value);
  return OkStatus();
}

struct IntKey {
  const char* toml_key;
  const char* env_key;
  int Config::*member;
  int lo;
  int hi;
};

constexpr IntKey kIntKeys[] = {
    {"threads", "INTERLUDE_THREADS", &Config::threads, 0, 256},
    {"session_idle_minutes", "INTERLUDE_SESSION_IDLE_MINUTES", &Config::session_idle_minutes, 1,
     24 * 60},
    {"clinician_idle_minutes", "INTERLUDE_CLINICIAN_IDLE_MINUTES",
     &Config::clinician_idle_minutes, 1, 24 * 60},
    {"session_absolute_hours", "INTERLUDE_SESSION_ABSOLUTE_HOURS",
     &Config::session_absolute_hours, 1, 24 * 30},
    {"login_max_failures", "INTERLUDE_LOGIN_MAX_FAILURES", &Config::login_max_failures, 1, 1000},
    {"login_max_failures_per_address", "INTERLUDE_LOGIN_MAX_FAILURES_PER_ADDRESS",
     &Config::login_max_failures_per_address, 1, 100000},
    {"login_window_minutes", "INTERLUDE_LOGIN_WINDOW_MINUTES", &Config::login_window_minutes, 1,
     24 * 60},
    {"signup_max_per_window", "INTERLUDE_SIGNUP_MAX_PER_WINDOW", &Config::signup_max_per_window,
     1, 1000000},
    {"max_connections", "INTERLUDE_MAX_CONNECTIONS", &Config::max_connections, 1, 1000000},
    {"request_read_timeout_seconds", "INTERLUDE_REQUEST_READ_TIMEOUT_SECONDS",
     &Config::request_read_timeout_seconds, 1, 3600},
};

struct StringKey {
  const char* toml_key;
  const char* env_key;
  std::string Config::*member;
};

constexpr StringKey kStringKeys[] = {
    {"listen", "INTERLUDE_LISTEN", &Config::listen},
    {"data_dir", "INTERLUDE_DATA_DIR", &Config::data_dir},
    {"web_root", "INTERLUDE_WEB_ROOT", &Config::web_root},
    {"log_level", "INTERLUDE_LOG_LEVEL", &Config::log_level},
    {"trusted_proxies", "INTERLUDE_TRUSTED_PROXIES", &Config::trusted_proxies},
    {"alert_webhook_url", "INTERLUDE_ALERT_WEBHOOK_URL", &Config::alert_webhook_url},
    {"public_url", "INTERLUDE_PUBLIC_URL", &Config::public_url},
    {"tls_cert", "INTERLUDE_TLS_CERT", &Config::tls_cert},
    {"tls_key", "INTERLUDE_TLS_KEY", &Config::tls_key},
    {"metrics_allow", "INTERLUDE_METRICS_ALLOW", &Config::metrics_allow},
};

struct BoolKey {
  const char* toml_key;
  const char* env_key;
  bool Config::*member;
};

constexpr BoolKey kBoolKeys[] = {
    {"log_json", "INTERLUDE_LOG_JSON", &Config::log_json},
    {"clinician_alerts", "INTERLUDE_CLINICIAN_ALERTS", &Config::clinician_alerts},
};

}  // namespace

EnvLookup ProcessEnv() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

Result<Config> LoadConfig(Config config, const std::string& path, const EnvLookup& env) {
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) return NotFound("config file not found: " + path);
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return InvalidArgument("config file " + path + " is not valid TOML at line " +
                             std::to_string(e.source().begin.line) + ": " +
                             std::string(e.description()));
    }
    for (const auto& [key, node] : table) {
      bool known = false;
      for (const IntKey& k : kIntKeys) {
        if (key.str() != k.toml_key) continue;
        known = true;
        // Integers only: toml++'s value<int64_t>() converts a float with an out-of-range cast
        // (undefined behaviour, found by fuzz/config_fuzzer.cc).
        const auto v = node.value_exact<std::int64_t>();
        if (!v) return InvalidArgument(std::string(k.toml_key) + " must be an integer", k.toml_key);
        RETURN_IF_ERROR(SetInt(config.*k.member, *v, k.toml_key, k.lo, k.hi));
      }
      for (const StringKey& k : kStringKeys) {
        if (key.str() != k.toml_key) continue;
        known = true;
        const auto v = node.value<std::string>();
        if (!v) return InvalidArgument(std::string(k.toml_key) + " must be a string", k.toml_key);
        config.*k.member = *v;
      }
      for (const BoolKey& k : kBoolKeys) {
        if (key.str() != k.toml_key) continue;
        known = true;
        const auto v = node.value<bool>();
        if (!v) return InvalidArgument(std::string(k.toml_key) + " must be true or false", k.toml_key);
        config.*k.member = *v;
      }
      if (!known) {
        return InvalidArgument("unknown config key: " + std::string(key.str()),
                               std::string(key.str()));
      }
    }
  }
  for (const IntKey& k : kIntKeys) {
    const auto v = env(k.env_key);
    if (!v) continue;
    char* end = nullptr;
    const long long parsed = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0') {
      return InvalidArgument(std::string(k.env_key) + " must be an integer", k.env_key);
    }
    RETURN_IF_ERROR(SetInt(config.*k.member, parsed, k.env_key, k.lo, k.hi));
  }
  for (const StringKey& k : kStringKeys) {
    if (const auto v = env(k.env_key)) config.*k.member = *v;
  }
  for (const BoolKey& k : kBoolKeys) {
    const auto v = env(k.env_key);
    if (!v) continue;
    if (*v != "true" && *v != "false" && *v != "1" && *v != "0") {
      return InvalidArgument(std::string(k.env_key) + " must be true or false", k.env_key);
    }
    config.*k.member = (*v == "true" || *v == "1");
  }
  return config;
}

}  // namespace interlude
