// A small iCalendar (RFC 5545) reader for importing therapy sessions: the start time and UID
// of every VEVENT, nothing else (no titles, attendees or descriptions are kept).
//
// What it reads (docs/clinician.md "Importing a calendar"):
//   - Lines end in CRLF or LF; a line that starts with a space or tab continues the one
//     before (unfolding, §3.1). Property names are case-insensitive; parameter values may be
//     quoted.
//   - BEGIN/END must nest and match, inside one VCALENDAR. Components inside a VEVENT (VALARM)
//     are passed over.
//   - DTSTART as a UTC time (20261201T100000Z) is exact. TZID=UTC (or GMT, Etc/UTC, Etc/GMT)
//     is exact too. A floating time (no Z, no TZID) or any other TZID is read as if it were
//     UTC — there is no time-zone database here — and the event carries a note saying so.
//   - An all-day event (VALUE=DATE, or an 8-digit date) is skipped; so is STATUS:CANCELLED,
//     an event without UID or DTSTART, and a UID seen earlier in the same text.
//   - Repeating events (RRULE/RDATE) are not expanded: the first occurrence (DTSTART) is
//     imported and the note says so.
// Limits: at most kMaxIcsBytes of text and kMaxIcsEvents VEVENTs.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace interlude::care {

inline constexpr size_t kMaxIcsBytes = 1024 * 1024;
inline constexpr size_t kMaxIcsEvents = 1000;
inline constexpr size_t kMaxIcsUidChars = 255;

struct IcsEvent {
  std::string uid;
  UnixMillis starts_at = 0;
  int line = 0;      // the line of its BEGIN:VEVENT (1-based)
  std::string note;  // e.g. "a floating time, read as UTC"; empty when exact and single
};

struct IcsSkip {
  std::string uid;  // empty when the event had none
  int line = 0;
  std::string reason;
};

struct IcsCalendar {
  std::vector<IcsEvent> events;  // in the order written
  std::vector<IcsSkip> skipped;
};

// Reads the events of `text`. InvalidArgument "line N: what is wrong" (field "ics") when the
// text is not a well-formed calendar (too large, a line without a colon, unbalanced
// BEGIN/END, no VCALENDAR, a DTSTART that is not a date or date-time, more than
// kMaxIcsEvents events).
Result<IcsCalendar> ParseICalendar(std::string_view text);

}  // namespace interlude::care
