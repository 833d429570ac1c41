// ISO 8601 formatting and a strict parser.
#include "base/time_format.h"

#include <cstdio>

namespace interlude {
namespace {

struct Civil {
  long long year;
  unsigned month;
  unsigned day;
};

Civil CivilFromDays(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

bool IsLeap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(long long y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`; returns -1 when they are not all digits.
int ReadDigits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::string FormatIso8601(UnixMillis t) {
  long long days = t / 86400000;
  long long ms_of_day = t % 86400000;
  if (ms_of_day < 0) {
    ms_of_day += 86400000;
    --days;
  }
  const Civil c = CivilFromDays(days);
  const long long secs = ms_of_day / 1000;
  const long long ms = ms_of_day % 1000;
  if (c.year < 0 || c.year > 9999) {  // outside what four digits can say; rare, so slow
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", c.year, c.month,
                  c.day, secs / 3600, secs / 60 % 60, secs % 60, ms);
    return buf;
  }
  // Hand-written digits: this runs for every item of every list, and printf showed up in
  // profiles.
  char buf[24] = "0000-00-00T00:00:00.000";
  const auto put = [&buf](int pos, long long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      buf[pos + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  put(11, secs / 3600, 2);
  put(14, secs / 60 % 60, 2);
  put(17, secs % 60, 2);
  if (ms == 0) return std::string(buf, 19) + 'Z';
  put(20, ms, 3);
  return std::string(buf, 23) + 'Z';
}

Result<UnixMillis> ParseIso8601(std::string_view s, bool date_alone_ok) {
  const auto bad = [] {
    return InvalidArgument("time must be ISO 8601, like 2026-11-28T21:30:00Z");
  };
  const int year = ReadDigits(s, 0, 4);
  if (year < 0 || s.size() < 10 || s[4] != '-' || s[7] != '-') return bad();
  const int month = ReadDigits(s, 5, 2);
  const int day = ReadDigits(s, 8, 2);
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return bad();
  }
  long long ms = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                 86400000LL;
  if (s.size() == 10) {
    if (date_alone_ok) return ms;
    return bad();
  }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return bad();
  const int hour = ReadDigits(s, 11, 2);
  if (hour < 0 || hour > 23 || s.size() < 16 || s[13] != ':') return bad();
  const int minute = ReadDigits(s, 14, 2);
  if (minute < 0 || minute > 59) return bad();
  size_t pos = 16;
  int second = 0;
  long long frac_ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    second = ReadDigits(s, pos + 1, 2);
    if (second < 0 || second > 60) return bad();  // 60: leap second, folded below
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t digits = 0;
      long long scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (digits < 3) frac_ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) return bad();
    }
  }
  if (second == 60) second = 59;
  ms += ((hour * 60LL + minute) * 60LL + second) * 1000LL + frac_ms;
  if (pos >= s.size()) return bad();  // the zone is required
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) return ms;
  if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
    const int oh = ReadDigits(s, pos + 1, 2);
    const int om = ReadDigits(s, pos + 4, 2);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return bad();
    const long long offset = (oh * 60LL + om) * 60000LL;
    return s[pos] == '+' ? ms - offset : ms + offset;
  }
  return bad();
}

}  // namespace interlude
