// spdlog-backed structured logging (to stderr).
#include "base/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

namespace interlude {
namespace {

std::atomic<bool> g_json{false};

spdlog::level::level_enum ToSpd(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarn: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

// Ids and codes are [A-Za-z0-9_.:/-]; anything else is replaced so a line stays one line.
void AppendSafe(std::string& out, std::string_view v) {
  for (const char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    out.push_back(ok ? c : '?');
  }
}

}  // namespace

void InitLogging(LogLevel level, bool json) {
  auto logger = spdlog::stderr_logger_mt("interlude");
  logger->set_pattern(json ? "%v" : "%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(ToSpd(level));
  spdlog::set_default_logger(logger);
  g_json = json;
}

bool ParseLogLevel(std::string_view text, LogLevel& out) {
  if (text == "debug") out = LogLevel::kDebug;
  else if (text == "info") out = LogLevel::kInfo;
  else if (text == "warn") out = LogLevel::kWarn;
  else if (text == "error") out = LogLevel::kError;
  else return false;
  return true;
}

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields) {
  const auto spd_level = ToSpd(level);
  if (!spdlog::default_logger_raw()->should_log(spd_level)) return;
  std::string line;
  const bool json = g_json.load();
  if (json) {
    line += "{\"level\":\"";
    line += spdlog::level::to_string_view(spd_level).data();
    line += "\",\"event\":\"";
    AppendSafe(line, event);
    line += '"';
  } else {
    AppendSafe(line, event);
  }
  for (const LogField& f : fields) {
    if (json) {
      line += ",\"";
      AppendSafe(line, f.key);
      line += "\":";
    } else {
      line += ' ';
      AppendSafe(line, f.key);
      line += '=';
    }
    if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else {
      if (json) line += '"';
      AppendSafe(line, std::get<LogId>(f.value).value);
      if (json) line += '"';
    }
  }
  if (json) line += '}';
  spdlog::default_logger_raw()->log(spd_level, "{}", line);
}

}  // namespace interlude
