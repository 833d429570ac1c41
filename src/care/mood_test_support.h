// Helpers for the mood analytics tests: instants from local wall-clock times.
//
// Thread-safety: pure functions.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string_view>

#include "care/mood_calendar.h"
#include "care/mood_data.h"

namespace interlude::care::testing {

// The UTC instant of local wall-clock time y-m-d hh:mm at UTC offset `tz` minutes.
inline UnixMillis LocalTime(int y, int m, int d, int hh, int mm, int tz) {
  return DayFromCivil(y, m, d) * kMillisPerDay + (hh * 60 + mm - tz) * kMillisPerMinute;
}

inline void AddCheckin(MoodData& data, UnixMillis at, int tz, int valence,
                       std::initializer_list<std::string_view> tags = {}, int energy = 3) {
  ASSERT_TRUE(data.AddCheckin(at, tz, valence, energy).ok());
  for (const auto t : tags) data.AddCheckinTag(t);
}

inline void AddEntry(MoodData& data, UnixMillis at, std::initializer_list<std::string_view> themes,
                     std::optional<int> tz = 0) {
  ASSERT_TRUE(data.AddEntry(at, tz).ok());
  for (const auto t : themes) data.AddEntryTheme(t);
}

}  // namespace interlude::care::testing
