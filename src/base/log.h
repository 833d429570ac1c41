// Logging that cannot print personal content.
//
// A log line is an event name plus fields whose values are integers or LogId values. There is
// deliberately no way to pass free text: ids, lengths and codes only (docs/privacy.md).
//
// Thread-safety: all functions are safe from any thread (spdlog's synchronised sink).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace interlude {

// An identifier or code that is safe to log (a row id, a request id, a status code name).
// Constructed explicitly so that content strings cannot slip in by accident.
struct LogId {
  explicit LogId(std::string_view v) : value(v) {}
  std::string value;
};

struct LogField {
  LogField(std::string_view k, std::int64_t v) : key(k), value(v) {}
  LogField(std::string_view k, int v) : key(k), value(static_cast<std::int64_t>(v)) {}
  LogField(std::string_view k, std::uint64_t v)
      : key(k), value(static_cast<std::int64_t>(v)) {}
  LogField(std::string_view k, LogId v) : key(k), value(std::move(v)) {}
  std::string_view key;
  std::variant<std::int64_t, LogId> value;
};

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Configures the process logger: level and whether lines are JSON objects.
void InitLogging(LogLevel level, bool json);

// Parses "debug" | "info" | "warn" | "error"; returns false for anything else.
bool ParseLogLevel(std::string_view text, LogLevel& out);

void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});

}  // namespace interlude
