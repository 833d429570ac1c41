// libFuzzer target for the server configuration (base/config.h LoadConfig): a TOML file and
// INTERLUDE_* environment variables in, a Config whose every number is inside its documented
// range or a clear InvalidArgument out — never a crash, a sanitizer report or an escaping
// exception. A Config that loaded from TOML alone is written back as TOML (by hand, every
// string as an escaped basic string) and must load to the same values.
//
// Input: TOML text, then optionally a NUL byte and environment lines `NAME=value` (one a
// line; only INTERLUDE_* names are looked up). LoadConfig reads a path, so each run writes
// the TOML to one file in a private temporary directory (tmpfs when /dev/shm exists).
//
// Thread-safety: libFuzzer calls LLVMFuzzerTestOneInput from one thread.
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "base/config.h"
#include "fuzz_support.h"

namespace {

namespace fs = std::filesystem;

const std::string& ScratchFile() {
  static const std::string path = interlude::fuzz::ScratchDir("config") + "/interlude.toml";
  return path;
}

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) std::abort();
}

using interlude::fuzz::Require;

// The ranges config.cc documents and enforces (base/config.h comments).
void CheckRanges(const interlude::Config& c) {
  Require(c.threads >= 0 && c.threads <= 256);
  Require(c.session_idle_minutes >= 1 && c.session_idle_minutes <= 24 * 60);
  Require(c.clinician_idle_minutes >= 1 && c.clinician_idle_minutes <= 24 * 60);
  Require(c.session_absolute_hours >= 1 && c.session_absolute_hours <= 24 * 30);
  Require(c.login_max_failures >= 1 && c.login_max_failures <= 1000);
  Require(c.login_max_failures_per_address >= 1 && c.login_max_failures_per_address <= 100000);
  Require(c.login_window_minutes >= 1 && c.login_window_minutes <= 24 * 60);
  Require(c.signup_max_per_window >= 1 && c.signup_max_per_window <= 1000000);
  Require(c.max_connections >= 1 && c.max_connections <= 1000000);
  Require(c.request_read_timeout_seconds >= 1 && c.request_read_timeout_seconds <= 3600);
}

// A TOML basic string: quotes, backslashes and control characters escaped; other bytes
// (UTF-8, as the loader read them) as they are.
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

// The Config as a TOML file, written by hand (Interlude reads TOML but never writes it, so
// the round trip tests our loader, not a library's writer).
std::string AsToml(const interlude::Config& c) {
  std::string out;
  const auto str = [&out](const char* key, const std::string& v) {
    out += std::string(key) + " = " + Quoted(v) + "\n";
  };
  const auto num = [&out](const char* key, int v) {
    out += std::string(key) + " = " + std::to_string(v) + "\n";
  };
  const auto flag = [&out](const char* key, bool v) {
    out += std::string(key) + (v ? " = true\n" : " = false\n");
  };
  str("listen", c.listen);
  str("data_dir", c.data_dir);
  str("web_root", c.web_root);
  num("threads", c.threads);
  num("session_idle_minutes", c.session_idle_minutes);
  num("clinician_idle_minutes", c.clinician_idle_minutes);
  num("session_absolute_hours", c.session_absolute_hours);
  num("login_max_failures", c.login_max_failures);
  num("login_max_failures_per_address", c.login_max_failures_per_address);
  num("login_window_minutes", c.login_window_minutes);
  num("signup_max_per_window", c.signup_max_per_window);
  str("trusted_proxies", c.trusted_proxies);
  str("tls_cert", c.tls_cert);
  str("tls_key", c.tls_key);
  str("metrics_allow", c.metrics_allow);
  num("max_connections", c.max_connections);
  num("request_read_timeout_seconds", c.request_read_timeout_seconds);
  str("log_level", c.log_level);
  flag("log_json", c.log_json);
  flag("clinician_alerts", c.clinician_alerts);
  str("alert_webhook_url", c.alert_webhook_url);
  str("public_url", c.public_url);
  return out;
}

bool SameSettings(const interlude::Config& a, const interlude::Config& b) {
  return a.listen == b.listen && a.data_dir == b.data_dir && a.web_root == b.web_root &&
         a.threads == b.threads && a.session_idle_minutes == b.session_idle_minutes &&
         a.clinician_idle_minutes == b.clinician_idle_minutes &&
         a.session_absolute_hours == b.session_absolute_hours &&
         a.login_max_failures == b.login_max_failures &&
         a.login_max_failures_per_address == b.login_max_failures_per_address &&
         a.login_window_minutes == b.login_window_minutes &&
         a.signup_max_per_window == b.signup_max_per_window &&
         a.trusted_proxies == b.trusted_proxies && a.tls_cert == b.tls_cert &&
         a.tls_key == b.tls_key && a.metrics_allow == b.metrics_allow &&
         a.max_connections == b.max_connections &&
         a.request_read_timeout_seconds == b.request_read_timeout_seconds &&
         a.log_level == b.log_level &&
         a.log_json == b.log_json && a.clinician_alerts == b.clinician_alerts &&
         a.alert_webhook_url == b.alert_webhook_url && a.public_url == b.public_url;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view toml_text = input.substr(0, nul);
  std::map<std::string, std::string> env;
  if (nul != std::string_view::npos) {
    std::string_view rest = input.substr(nul + 1);
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      const std::string_view line = rest.substr(0, nl);
      const size_t eq = line.find('=');
      if (eq != std::string_view::npos) {
        env[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
      }
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
  }
  const interlude::EnvLookup lookup = [&env](const char* name) -> std::optional<std::string> {
    const std::string_view n(name);
    Require(n.rfind("INTERLUDE_", 0) == 0);  // the loader asks only for its own variables
    const auto it = env.find(std::string(n));
    if (it == env.end()) return std::nullopt;
    return it->second;
  };

  const std::string& path = ScratchFile();
  WriteFile(path, toml_text);
  auto loaded = interlude::LoadConfig(interlude::Config{}, path, lookup);
  if (!loaded.ok()) {
    // Bad input is InvalidArgument with a sentence (the file exists, so never NotFound).
    Require(loaded.status().code() == interlude::StatusCode::kInvalidArgument);
    Require(!loaded.status().message().empty());
    return 0;
  }
  CheckRanges(*loaded);

  // Deterministic: the same file and environment load the same settings.
  auto again = interlude::LoadConfig(interlude::Config{}, path, lookup);
  Require(again.ok() && SameSettings(*loaded, *again));

  // Round trip through TOML (when every setting came from the file or the defaults): the
  // written file loads to the same settings.
  if (env.empty()) {
    WriteFile(path, AsToml(*loaded));
    auto reloaded = interlude::LoadConfig(interlude::Config{}, path, lookup);
    Require(reloaded.ok() && SameSettings(*loaded, *reloaded));
  }
  return 0;
}
