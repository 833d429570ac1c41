// The iCalendar reader (icalendar.h).
#include "care/icalendar.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/ascii.h"
#include "base/time_format.h"
#include "base/utf8.h"

namespace interlude::care {
namespace {

// One unfolded content line and the physical line it began on.
struct ContentLine {
  std::string text;
  int line = 0;
};

Status LineError(int line, const std::string& what) {
  return InvalidArgument("line " + std::to_string(line) + ": " + what, "ics");
}

// Splits into physical lines (CRLF or LF) and joins folded continuations (RFC 5545 §3.1).
Result<std::vector<ContentLine>> Unfold(std::string_view text) {
  std::vector<ContentLine> out;
  int number = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!IsValidUtf8(line)) return LineError(number, "the text is not UTF-8");
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (out.empty()) return LineError(number, "a continuation line with nothing before it");
      out.back().text.append(line.substr(1));
      continue;
    }
    if (TrimAscii(line).empty()) continue;  // blank lines are tolerated
    out.push_back({std::string(line), number});
  }
  return out;
}

// A property: its upper-cased name, parameters (upper-cased names, values as written,
// quotes removed) and value.
struct Property {
  std::string name;
  std::vector<std::pair<std::string, std::string>> params;
  std::string value;

  std::optional<std::string> Param(std::string_view key) const {
    for (const auto& [k, v] : params) {
      if (k == key) return v;
    }
    return std::nullopt;
  }
};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsNameChar(char c) { return IsAsciiAlnum(c) || c == '-'; }

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Result<Property> ParseProperty(const ContentLine& cl) {
  const std::string& s = cl.text;
  Property p;
  size_t i = 0;
  while (i < s.size() && IsNameChar(s[i])) ++i;
  if (i == 0) return LineError(cl.line, "a line must start with a property name");
  p.name = AsciiUpper(s.substr(0, i));
  while (i < s.size() && s[i] == ';') {
    const size_t name_begin = ++i;
    while (i < s.size() && IsNameChar(s[i])) ++i;
    if (i == name_begin || i >= s.size() || s[i] != '=') {
      return LineError(cl.line, "a malformed parameter");
    }
    std::string key = AsciiUpper(s.substr(name_begin, i - name_begin));
    ++i;  // '='
    std::string value;
    for (bool first = true; first || (i < s.size() && s[i] == ','); first = false) {
      if (!first) value.push_back(s[i++]);
      if (i < s.size() && s[i] == '"') {
        const size_t close = s.find('"', i + 1);
        if (close == std::string::npos) return LineError(cl.line, "an unclosed quote");
        value += s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        const size_t stop = s.find_first_of(";:,", i);
        const size_t until = stop == std::string::npos ? s.size() : stop;
        value += s.substr(i, until - i);
        i = until;
      }
    }
    p.params.emplace_back(std::move(key), std::move(value));
  }
  if (i >= s.size() || s[i] != ':') return LineError(cl.line, "a line without a colon");
  p.value = s.substr(i + 1);
  return p;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

struct StartTime {
  bool date_only = false;
  bool utc = false;
  UnixMillis at = 0;  // the wall-clock fields read as UTC
};

// "YYYYMMDD" or "YYYYMMDDTHHMMSS[Z]". nullopt when malformed.
std::optional<StartTime> ParseStart(std::string_view v) {
  StartTime t;
  if (v.size() != 8 && v.size() != 15 && v.size() != 16) return std::nullopt;
  if (!AllDigits(v.substr(0, 8))) return std::nullopt;
  const int y = Number(v.substr(0, 4)), mo = Number(v.substr(4, 2)), d = Number(v.substr(6, 2));
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo)) return std::nullopt;
  const long long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  t.at = days * 86400000LL;
  if (v.size() == 8) {
    t.date_only = true;
    return t;
  }
  if (v[8] != 'T' && v[8] != 't') return std::nullopt;
  if (!AllDigits(v.substr(9, 6))) return std::nullopt;
  const int h = Number(v.substr(9, 2)), mi = Number(v.substr(11, 2)), s = Number(v.substr(13, 2));
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (v.size() == 16) {
    if (v[15] != 'Z' && v[15] != 'z') return std::nullopt;
    t.utc = true;
  }
  t.at += (h * 3600LL + mi * 60LL + std::min(s, 59)) * 1000LL;
  return t;
}

bool IsUtcZoneName(const std::string& tzid) {
  static constexpr std::array<std::string_view, 10> kUtc = {
      "UTC",     "GMT",     "Z",        "ZULU",          "UNIVERSAL",
      "ETC/UTC", "ETC/GMT", "ETC/ZULU", "ETC/UNIVERSAL", "ETC/UCT"};
  const std::string upper = AsciiUpper(TrimAscii(tzid));
  return std::find(kUtc.begin(), kUtc.end(), upper) != kUtc.end();
}

// The event being read.
struct Pending {
  int line = 0;
  std::string uid;
  std::optional<StartTime> start;
  std::string zone_note;
  bool cancelled = false;
  bool repeats = false;
  bool override = false;  // RECURRENCE-ID: one occurrence of a series, changed
};

void AddNote(std::string& note, const std::string& more) {
  if (!note.empty()) note += "; ";
  note += more;
}

void Finish(Pending& e, IcsCalendar& out) {
  const auto skip = [&](std::string reason) {
    out.skipped.push_back({e.uid, e.line, std::move(reason)});
  };
  if (e.uid.empty()) return skip("the event has no UID");
  if (CodePointCount(e.uid) > kMaxIcsUidChars) {
    e.uid.clear();  // not echoed back
    return skip("the event's UID is longer than 255 characters");
  }
  if (e.cancelled) return skip("the event is cancelled");
  if (e.override) return skip("a change to one occurrence of a repeating event");
  if (!e.start) return skip("the event has no DTSTART");
  if (e.start->date_only) return skip("an all-day event has no start time");
  for (const IcsEvent& seen : out.events) {
    if (seen.uid == e.uid) return skip("the same UID appears earlier in this calendar");
  }
  IcsEvent ev;
  ev.uid = std::move(e.uid);
  ev.starts_at = e.start->at;
  ev.line = e.line;
  ev.note = e.zone_note;
  if (e.repeats) AddNote(ev.note, "a repeating event: only its first occurrence is imported");
  out.events.push_back(std::move(ev));
}

}  // namespace

Result<IcsCalendar> ParseICalendar(std::string_view text) {
  if (text.size() > kMaxIcsBytes) {
    return InvalidArgument("the calendar is larger than 1 MiB", "ics");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark
  ASSIGN_OR_RETURN(const std::vector<ContentLine> lines, Unfold(text));
  if (lines.empty())
    return LineError(1, "the calendar is empty: it must begin with BEGIN:VCALENDAR");

  IcsCalendar out;
  std::vector<std::pair<std::string, int>> stack;  // open components and their BEGIN lines
  std::optional<Pending> event;
  size_t event_count = 0;
  for (const ContentLine& cl : lines) {
    ASSIGN_OR_RETURN(const Property p, ParseProperty(cl));
    if (p.name == "BEGIN" || p.name == "END") {
      const std::string component = AsciiUpper(TrimAscii(p.value));
      if (component.empty() || !std::all_of(component.begin(), component.end(), IsNameChar)) {
        return LineError(cl.line, p.name + " needs a component name");
      }
      if (p.name == "BEGIN") {
        if (stack.empty() && component != "VCALENDAR") {
          return LineError(cl.line, "the calendar must begin with BEGIN:VCALENDAR");
        }
        if (!stack.empty() && component == "VCALENDAR") {
          return LineError(cl.line, "a VCALENDAR inside another component");
        }
        if (component == "VEVENT" && stack.size() == 1) {
          if (++event_count > kMaxIcsEvents) {
            return LineError(cl.line, "more than 1,000 events in one calendar");
          }
          event = Pending{};
          event->line = cl.line;
        }
        stack.emplace_back(component, cl.line);
        continue;
      }
      if (stack.empty() || stack.back().first != component) {
        return LineError(cl.line, "END:" + component + " does not close " +
                                      (stack.empty() ? std::string("any component")
                                                     : "BEGIN:" + stack.back().first + " of line " +
                                                           std::to_string(stack.back().second)));
      }
      stack.pop_back();
      if (component == "VEVENT" && stack.size() == 1 && event) {
        Finish(*event, out);
        event.reset();
      }
      continue;
    }
    if (stack.empty())
      return LineError(cl.line, p.name + " outside BEGIN:VCALENDAR ... END:VCALENDAR");
    // Only the event's own properties count (not those of a VALARM inside it).
    if (!event || stack.size() != 2 || stack.back().first != "VEVENT") continue;
    if (p.name == "UID") {
      if (event->uid.empty()) event->uid = std::string(TrimAscii(p.value));
    } else if (p.name == "STATUS") {
      event->cancelled = AsciiUpper(TrimAscii(p.value)) == "CANCELLED";
    } else if (p.name == "RECURRENCE-ID") {
      event->override = true;
    } else if (p.name == "RRULE" || p.name == "RDATE") {
      event->repeats = true;
    } else if (p.name == "DTSTART") {
      if (event->start) return LineError(cl.line, "a second DTSTART in one event");
      const std::optional<StartTime> start = ParseStart(TrimAscii(p.value));
      if (!start) {
        return LineError(cl.line,
                         "DTSTART must be a date (20261201) or a date-time "
                         "(20261201T100000Z)");
      }
      const std::optional<std::string> kind = p.Param("VALUE");
      if (kind && AsciiUpper(*kind) == "DATE" && !start->date_only) {
        return LineError(cl.line, "DTSTART says VALUE=DATE but holds a time");
      }
      if (kind && AsciiUpper(*kind) == "DATE-TIME" && start->date_only) {
        return LineError(cl.line, "DTSTART says VALUE=DATE-TIME but holds a date");
      }
      event->start = start;
      if (!start->date_only && !start->utc) {
        const std::optional<std::string> tzid = p.Param("TZID");
        if (!tzid) {
          event->zone_note = "a floating time (no time zone): read as UTC";
        } else if (!IsUtcZoneName(*tzid)) {
          std::string zone = *tzid;
          if (zone.size() > 64) zone = zone.substr(0, 64);
          event->zone_note = "time zone " + zone + " is not converted: the time is read as UTC";
        }
      }
    }
  }
  if (!stack.empty()) {
    return LineError(lines.back().line, "BEGIN:" + stack.back().first + " of line " +
                                            std::to_string(stack.back().second) + " has no END");
  }
  return out;
}

}  // namespace interlude::care
