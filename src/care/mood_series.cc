// Daily aggregation and rolling windows by prefix sums.
#include "care/mood_series.h"

#include <algorithm>

#include "care/mood_calendar.h"

namespace interlude::care {

DailySeries BuildDailySeries(const MoodData& data, DayRange days) {
  DailySeries s;
  s.days = days;
  const auto n = static_cast<size_t>(days.size());
  s.valence_sum.assign(n, 0.0);
  s.energy_sum.assign(n, 0.0);
  s.count.assign(n, 0);
  for (const MoodCheckin& c : data.checkins()) {
    const std::int64_t day = LocalDay(c.at, c.tz_offset_min);
    if (!days.Contains(day)) continue;
    const size_t i = s.Index(day);
    s.valence_sum[i] += c.valence;
    s.energy_sum[i] += c.energy;
    ++s.count[i];
  }
  s.prefix_mean.assign(n + 1, 0.0);
  s.prefix_days.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const bool has = s.count[i] > 0;
    s.prefix_mean[i + 1] = s.prefix_mean[i] + (has ? s.valence_sum[i] / s.count[i] : 0.0);
    s.prefix_days[i + 1] = s.prefix_days[i] + (has ? 1 : 0);
  }
  return s;
}

DailySeries::WindowMean DailySeries::Window(std::int64_t first, std::int64_t last) const {
  first = std::max(first, days.first);
  last = std::min(last, days.last);
  WindowMean w;
  if (last < first) return w;
  const size_t a = Index(first);
  const size_t b = Index(last) + 1;
  w.days_with_data = prefix_days[b] - prefix_days[a];
  if (w.days_with_data > 0) w.mean = (prefix_mean[b] - prefix_mean[a]) / w.days_with_data;
  return w;
}

std::optional<double> RollingAverage(const DailySeries& series, std::int64_t day, int window,
                                     int min_days) {
  const DailySeries::WindowMean w = series.Window(day - window + 1, day);
  if (w.days_with_data < min_days) return std::nullopt;
  return w.mean;
}

}  // namespace interlude::care
