// ISO 8601 / RFC 3339 formatting and parsing of UTC instants.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace interlude {

// "2026-11-28T01:44:49Z", or with ".123" before the Z when the milliseconds are not zero.
std::string FormatIso8601(UnixMillis t);

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+hh:mm"/"-hh:mm", and, when
// `date_alone_ok`, "YYYY-MM-DD" (midnight UTC). Returns InvalidArgument otherwise.
Result<UnixMillis> ParseIso8601(std::string_view text, bool date_alone_ok = false);

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
long long DaysFromCivil(long long y, unsigned m, unsigned d);

}  // namespace interlude
