// Sustained drop: the 7-day average of daily mean valence at least 1.0 point below the
// baseline — the mean of the 28 days before that week (days d−34..d−7) — on 5 or more
// consecutive days. Evaluated at the last day with check-ins in the range ("as of"); a day
// is evaluable with at least 3 days of data in its week and 10 in its baseline, otherwise
// the status is "not enough data yet". Baselines may reach back before the range.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "care/mood_series.h"

namespace interlude::care {

inline constexpr double kDropPoints = 1.0;
inline constexpr int kDropMinConsecutiveDays = 5;
inline constexpr int kDropBaselineDays = 28;

struct SustainedDrop {
  bool sufficient = false;
  std::int64_t as_of = 0;  // the day evaluated, when sufficient
  bool active = false;
  std::int64_t since = 0;  // first day of the current run, when active
  double drop = 0;         // baseline − 7-day average on as_of (may be negative: higher)
  int run_days = 0;        // consecutive days up to as_of meeting the threshold
  std::string reading;
};

// `series` must cover range.first − 34 .. range.last for baselines at the start of the range.
SustainedDrop DetectSustainedDrop(const DailySeries& series, DayRange range);

}  // namespace interlude::care
