// The person's own calendar: local days from UTC instants and UTC offsets, weekdays,
// time-of-day buckets, and YYYY-MM-DD dates. A check-in's local day is computed with its
// own offset, so a daylight-saving change (or travel) moves nothing to the wrong day.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace interlude::care {

inline constexpr UnixMillis kMillisPerDay = 86'400'000;
inline constexpr UnixMillis kMillisPerMinute = 60'000;

// Days since 1970-01-01 of the local calendar day of `at` at UTC offset `tz_offset_min`.
inline std::int64_t LocalDay(UnixMillis at, int tz_offset_min) {
  const UnixMillis local = at + static_cast<UnixMillis>(tz_offset_min) * kMillisPerMinute;
  return local >= 0 ? local / kMillisPerDay : -((-local + kMillisPerDay - 1) / kMillisPerDay);
}

// Minutes since local midnight, 0..1439.
inline int LocalMinuteOfDay(UnixMillis at, int tz_offset_min) {
  const UnixMillis local = at + static_cast<UnixMillis>(tz_offset_min) * kMillisPerMinute;
  const UnixMillis in_day = ((local % kMillisPerDay) + kMillisPerDay) % kMillisPerDay;
  return static_cast<int>(in_day / kMillisPerMinute);
}

// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
inline int WeekdayOfDay(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

inline constexpr std::array<std::string_view, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu",
                                                                 "fri", "sat", "sun"};
inline constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Time-of-day buckets by local clock time: morning 05:00-11:59, afternoon 12:00-16:59,
// evening 17:00-21:59, night 22:00-04:59.
enum class DayPart { kMorning = 0, kAfternoon = 1, kEvening = 2, kNight = 3 };
inline constexpr int kDayParts = 4;
inline constexpr std::array<std::string_view, 4> kDayPartKeys = {"morning", "afternoon", "evening",
                                                                 "night"};

inline DayPart DayPartOfMinute(int minute_of_day) {
  if (minute_of_day >= 5 * 60 && minute_of_day < 12 * 60) return DayPart::kMorning;
  if (minute_of_day >= 12 * 60 && minute_of_day < 17 * 60) return DayPart::kAfternoon;
  if (minute_of_day >= 17 * 60 && minute_of_day < 22 * 60) return DayPart::kEvening;
  return DayPart::kNight;
}

// "2026-03-29" for a day number; appends to `out` (no allocation beyond growth).
void AppendDate(std::int64_t day, std::string& out);
std::string FormatDate(std::int64_t day);

// Day number of a proleptic Gregorian date.
std::int64_t DayFromCivil(int year, int month, int day);

}  // namespace interlude::care
