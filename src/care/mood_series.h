// The daily series: each local day's mean valence and energy and its number of check-ins,
// and the 7- and 28-day rolling averages over it. A day is the check-in's own local day
// (its own UTC offset), so a daylight-saving change or a trip moves nothing to a wrong day;
// a day with no check-in is a gap (count 0), never a zero.
//
// Rolling averages are means of daily means (each day with data weighs the same, however
// many check-ins it has) over the window ending on the day. A window with too few days of
// data gives no value (nullopt): at least 3 of 7 days, at least 10 of 28.
//
// Thread-safety: pure functions; DailySeries is a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "care/mood_data.h"

namespace interlude::care {

inline constexpr int kWeekWindow = 7;
inline constexpr int kWeekMinDays = 3;
inline constexpr int kMonthWindow = 28;
inline constexpr int kMonthMinDays = 10;

// Local days first..last, inclusive.
struct DayRange {
  std::int64_t first = 0;
  std::int64_t last = -1;
  std::int64_t size() const { return last >= first ? last - first + 1 : 0; }
  bool Contains(std::int64_t day) const { return day >= first && day <= last; }
};

struct DailySeries {
  DayRange days;                    // the days covered (the requested range plus warm-up)
  std::vector<double> valence_sum;  // per day, index = day - days.first
  std::vector<double> energy_sum;
  std::vector<std::int32_t> count;
  // Prefix sums over days with data: mean valence and the number of such days, [0, i).
  std::vector<double> prefix_mean;
  std::vector<std::int32_t> prefix_days;

  size_t Index(std::int64_t day) const { return static_cast<size_t>(day - days.first); }
  bool HasData(std::int64_t day) const { return days.Contains(day) && count[Index(day)] > 0; }
  double MeanValence(std::int64_t day) const {
    const size_t i = Index(day);
    return valence_sum[i] / count[i];
  }
  double MeanEnergy(std::int64_t day) const {
    const size_t i = Index(day);
    return energy_sum[i] / count[i];
  }
  // Mean of the daily means over [first, last] ∩ days, and how many days had data.
  struct WindowMean {
    double mean = 0;
    std::int32_t days_with_data = 0;
  };
  WindowMean Window(std::int64_t first, std::int64_t last) const;
};

// Aggregates every check-in whose local day falls in `days`.
DailySeries BuildDailySeries(const MoodData& data, DayRange days);

// The rolling average of `window` days ending on `day`, or nullopt with fewer than
// `min_days` days of data in the window.
std::optional<double> RollingAverage(const DailySeries& series, std::int64_t day, int window,
                                     int min_days);

}  // namespace interlude::care
