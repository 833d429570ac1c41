// Calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
#include "care/mood_calendar.h"

#include "base/time_format.h"

namespace interlude::care {
namespace {

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

void AppendDigits(std::uint64_t v, int width, std::string& out) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 20);
  while (n < width) buf[n++] = '0';
  while (n > 0) out.push_back(buf[--n]);
}

}  // namespace

void AppendDate(std::int64_t day, std::string& out) {
  const Civil c = CivilFromDays(day);
  if (c.year < 0) out.push_back('-');
  AppendDigits(static_cast<std::uint64_t>(c.year < 0 ? -c.year : c.year), 4, out);
  out.push_back('-');
  AppendDigits(c.month, 2, out);
  out.push_back('-');
  AppendDigits(c.day, 2, out);
}

std::string FormatDate(std::int64_t day) {
  std::string out;
  AppendDate(day, out);
  return out;
}

std::int64_t DayFromCivil(int year, int month, int day) {
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

}  // namespace interlude::care
