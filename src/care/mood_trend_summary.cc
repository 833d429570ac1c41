// The trend over the daily series, and its reading.
#include "care/mood_trend_summary.h"

#include <cmath>
#include <vector>

#include "care/mood_words.h"

namespace interlude::care {

TrendSummary ComputeTrend(const DailySeries& series, DayRange range) {
  TrendSummary t;
  std::vector<double> x;
  std::vector<double> y;
  x.reserve(static_cast<size_t>(range.size()));
  y.reserve(static_cast<size_t>(range.size()));
  for (std::int64_t day = range.first; day <= range.last; ++day) {
    if (!series.HasData(day)) continue;
    x.push_back(static_cast<double>(day - range.first));
    y.push_back(series.MeanValence(day));
  }
  t.days_with_data = static_cast<int>(x.size());
  const double span = x.empty() ? 0.0 : x.back() - x.front() + 1.0;
  if (t.days_with_data < kTrendMinDays || span < kTrendMinSpanDays) {
    t.reading = "Not enough data yet to see a trend: it needs check-ins on at least " +
                std::to_string(kTrendMinDays) + " days spread over at least " +
                std::to_string(kTrendMinSpanDays) + " days (so far " +
                Count(t.days_with_data, "day", "days") + ").";
    return t;
  }
  t.sufficient = true;
  t.slope_per_week = TheilSenSlope(x, y) * 7.0;
  t.mann_kendall = MannKendall(y);
  const bool clear =
      t.mann_kendall.p_value < kTrendAlpha && std::fabs(t.slope_per_week) >= kTrendMinSlopePerWeek;
  if (clear && t.slope_per_week > 0) {
    t.direction = "rising";
    t.reading = "Your mood has been gradually rising over this period, by about " +
                TwoDecimals(t.slope_per_week) + " points a week on the 1–7 scale.";
  } else if (clear) {
    t.direction = "falling";
    t.reading = "Your mood has been drifting lower over this period, by about " +
                TwoDecimals(-t.slope_per_week) +
                " points a week on the 1–7 scale; noticing this is a useful first step.";
  } else {
    t.direction = "flat";
    t.reading = "Your mood has held fairly level over this period, with no clear rise or fall.";
  }
  return t;
}

}  // namespace interlude::care
