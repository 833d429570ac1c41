// Assembling the summary from the mood_* parts.
#include "care/insights.h"

#include <algorithm>
#include <vector>

#include "care/mood_calendar.h"
#include "care/mood_words.h"

namespace interlude::care {
namespace {

std::int64_t BoundDay(const RangeBound& b, int tz_offset_min) {
  if (b.date_only) return LocalDay(b.at, 0);
  return LocalDay(b.at, tz_offset_min);
}

// Valences of the range's check-ins in time order (the input may come in either order).
std::vector<double> ValencesInTimeOrder(const MoodData& data, DayRange range) {
  const auto& cs = data.checkins();
  std::vector<std::uint32_t> idx;
  idx.reserve(cs.size());
  for (std::uint32_t i = 0; i < cs.size(); ++i) {
    if (range.Contains(LocalDay(cs[i].at, cs[i].tz_offset_min))) idx.push_back(i);
  }
  const auto by_time = [&cs](std::uint32_t a, std::uint32_t b) {
    return cs[a].at < cs[b].at || (cs[a].at == cs[b].at && a < b);
  };
  if (!std::is_sorted(idx.begin(), idx.end(), by_time)) {
    // Stores list newest first: reversing is enough unless times repeat or interleave.
    std::reverse(idx.begin(), idx.end());
    if (!std::is_sorted(idx.begin(), idx.end(), by_time))
      std::sort(idx.begin(), idx.end(), by_time);
  }
  std::vector<double> values;
  values.reserve(idx.size());
  for (const std::uint32_t i : idx) values.push_back(cs[i].valence);
  return values;
}

std::string AveragesReading(const InsightsSummary& s) {
  const auto last = [](const std::vector<std::optional<double>>& v) -> std::optional<double> {
    for (auto it = v.rbegin(); it != v.rend(); ++it) {
      if (*it) return *it;
    }
    return std::nullopt;
  };
  const auto a7 = last(s.average_7);
  const auto a28 = last(s.average_28);
  if (!a7 && !a28) {
    return "Not enough check-ins yet for averages: a 7-day average needs 3 days with check-ins "
           "in the week, a 28-day average 10 days in the four weeks.";
  }
  if (!a28) return "Your latest 7-day average is " + OneDecimal(*a7) + " on the 1–7 scale.";
  if (!a7) return "Your latest 28-day average is " + OneDecimal(*a28) + " on the 1–7 scale.";
  return "Your latest 7-day average is " + OneDecimal(*a7) + " and your 28-day average " +
         OneDecimal(*a28) + " on the 1–7 scale.";
}

}  // namespace

int ReferenceOffset(const MoodData& data) {
  const MoodCheckin* latest = nullptr;
  for (const MoodCheckin& c : data.checkins()) {
    if (latest == nullptr || c.at > latest->at) latest = &c;
  }
  return latest == nullptr ? 0 : latest->tz_offset_min;
}

Result<DayRange> ResolveRange(const InsightsRequest& request, int tz_offset_min) {
  DayRange r;
  r.last = request.to ? BoundDay(*request.to, tz_offset_min) : LocalDay(request.now, tz_offset_min);
  r.first =
      request.from ? BoundDay(*request.from, tz_offset_min) : r.last - (kDefaultRangeDays - 1);
  if (r.first > r.last) return InvalidArgument("from must not be after to", "from");
  if (r.size() > kMaxRangeDays) {
    return InvalidArgument("the range from from to to must be at most 3 years (" +
                               std::to_string(kMaxRangeDays) + " days)",
                           "from");
  }
  return r;
}

FetchWindow WindowToFetch(const InsightsRequest& request) {
  const UnixMillis to = request.to ? request.to->at : request.now;
  const UnixMillis from = request.from
                              ? request.from->at
                              : to - static_cast<UnixMillis>(kDefaultRangeDays) * kMillisPerDay;
  return {from - static_cast<UnixMillis>(kWarmUpDays + 2) * kMillisPerDay, to + 2 * kMillisPerDay};
}

Result<InsightsSummary> ComputeInsights(const MoodData& data, const InsightsRequest& request) {
  InsightsSummary s;
  s.tz_offset_min = ReferenceOffset(data);
  ASSIGN_OR_RETURN(s.range, ResolveRange(request, s.tz_offset_min));
  const DayRange range = s.range;
  s.series = BuildDailySeries(data, DayRange{range.first - kWarmUpDays, range.last});

  const auto n = static_cast<size_t>(range.size());
  s.average_7.resize(n);
  s.average_28.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const std::int64_t day = range.first + static_cast<std::int64_t>(i);
    s.average_7[i] = RollingAverage(s.series, day, kWeekWindow, kWeekMinDays);
    s.average_28[i] = RollingAverage(s.series, day, kMonthWindow, kMonthMinDays);
    if (s.series.HasData(day)) {
      ++s.days_with_checkins;
      s.checkins += s.series.count[s.series.Index(day)];
    }
  }
  s.averages_reading = AveragesReading(s);
  s.trend = ComputeTrend(s.series, range);
  const std::vector<double> values = ValencesInTimeOrder(data, range);
  s.variability = ComputeVariability(values);
  s.profiles = ComputeProfiles(data, range);
  s.tags = ComputeTagAssociations(data, s.series, range);
  s.drop = DetectSustainedDrop(s.series, range);
  s.rumination = FindRumination(data, s.series, range, s.tz_offset_min);
  for (const MoodEntry& e : data.entries()) {
    if (range.Contains(LocalDay(e.at, e.tz_offset_min.value_or(s.tz_offset_min)))) ++s.entries;
  }
  return s;
}

Result<std::string> BuildInsightsJson(const MoodData& data, const InsightsRequest& request) {
  ASSIGN_OR_RETURN(const InsightsSummary s, ComputeInsights(data, request));
  return InsightsJson(s);
}

}  // namespace interlude::care
