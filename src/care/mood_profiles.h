// When mood tends to be higher or lower: mean valence by weekday, by time of day (morning
// 05–12, afternoon 12–17, evening 17–22, night 22–05, local clock) and by weekday × time of
// day, over single check-ins in a range of local days. A cell's mean is shown only with at
// least 3 check-ins in it; fewer gives no mean (the count is still reported).
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "care/mood_calendar.h"
#include "care/mood_data.h"
#include "care/mood_series.h"
#include "care/mood_stats.h"

namespace interlude::care {

inline constexpr int kProfileMinCheckins = 3;
// Highest and lowest cells closer than this are read as "much the same".
inline constexpr double kProfileNoticeableGap = 0.3;

struct ProfileCell {
  Moments moments;
  std::optional<double> Mean() const {
    if (moments.n < kProfileMinCheckins) return std::nullopt;
    return moments.Mean();
  }
};

struct MoodProfiles {
  std::array<ProfileCell, 7> weekday;              // Monday first
  std::array<ProfileCell, kDayParts> time_of_day;  // morning, afternoon, evening, night
  std::array<ProfileCell, 7 * kDayParts> heatmap;  // weekday * kDayParts + part
  std::string weekday_reading;
  std::string time_of_day_reading;
  std::string heatmap_reading;
};

MoodProfiles ComputeProfiles(const MoodData& data, DayRange range);

}  // namespace interlude::care
