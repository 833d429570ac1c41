// The trend of mood over a range, in numbers and words: Theil–Sen slope per week over the
// daily mean valence, tested with Mann–Kendall. Computed only with at least 10 days of data
// spread over at least 14 days (first to last day with data); otherwise "not enough data
// yet". Direction is "rising" or "falling" when p < 0.05 and the slope is at least 0.05
// points a week, else "flat".
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "care/mood_series.h"
#include "care/mood_trend.h"

namespace interlude::care {

inline constexpr int kTrendMinDays = 10;
inline constexpr int kTrendMinSpanDays = 14;
inline constexpr double kTrendAlpha = 0.05;
inline constexpr double kTrendMinSlopePerWeek = 0.05;

struct TrendSummary {
  bool sufficient = false;
  int days_with_data = 0;
  double slope_per_week = 0;
  MannKendallResult mann_kendall;
  std::string direction;  // "rising", "falling" or "flat" when sufficient
  std::string reading;
};

TrendSummary ComputeTrend(const DailySeries& series, DayRange range);

}  // namespace interlude::care
