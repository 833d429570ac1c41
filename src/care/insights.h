// The whole mood-insights summary for one person over a range of their local days: the
// daily series with 7- and 28-day averages, trend, variability, weekday / time-of-day
// profiles and heatmap, tags that go with better or worse mood, sustained drop and
// rumination (see the mood_*.h files and docs/insights.md), and its JSON form (the
// `GET /api/v1/insights` body, docs/api.md).
//
// Pure: no I/O, no clock (the caller passes "now"). Allocations are per summary, never per
// check-in.
//
// Thread-safety: pure functions; the summary is a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "care/mood_data.h"
#include "care/mood_drop.h"
#include "care/mood_profiles.h"
#include "care/mood_rumination.h"
#include "care/mood_series.h"
#include "care/mood_tags.h"
#include "care/mood_trend_summary.h"
#include "care/mood_variability.h"

namespace interlude::care {

inline constexpr int kDefaultRangeDays = 90;
inline constexpr int kMaxRangeDays = 3 * 365 + 1;  // 1,096 local days
// Days before the range that baselines read: 28-day baseline before a 7-day week.
inline constexpr int kWarmUpDays = kDropBaselineDays + kWeekWindow - 1;

// One end of the requested range: a date alone ("2026-03-01", a local calendar day) or a
// full time (the local day it falls on, in the person's current offset).
struct RangeBound {
  UnixMillis at = 0;  // for a date alone: its midnight UTC
  bool date_only = false;
};

struct InsightsRequest {
  std::optional<RangeBound> from;  // default: 89 days before `to`
  std::optional<RangeBound> to;    // default: today
  UnixMillis now = 0;
};

// The person's current UTC offset: that of their latest check-in; 0 when there is none.
int ReferenceOffset(const MoodData& data);

// The local days of the request. InvalidArgument (field "from") when from is after to or the
// range is longer than 1,096 days.
Result<DayRange> ResolveRange(const InsightsRequest& request, int tz_offset_min);

// A UTC window [from, to) that holds every check-in and entry the summary can read (the
// range, the warm-up before it, and a day of slack for offsets), for fetching from a store.
struct FetchWindow {
  UnixMillis from = 0;
  UnixMillis to = 0;
};
FetchWindow WindowToFetch(const InsightsRequest& request);

struct InsightsSummary {
  DayRange range;
  int tz_offset_min = 0;
  DailySeries series;                             // range.first − kWarmUpDays .. range.last
  std::vector<std::optional<double>> average_7;   // per day of the range
  std::vector<std::optional<double>> average_28;  // per day of the range
  std::string averages_reading;
  TrendSummary trend;
  Variability variability;
  MoodProfiles profiles;
  TagAssociations tags;
  SustainedDrop drop;
  std::vector<RuminationRun> rumination;
  std::int64_t checkins = 0;  // in the range
  std::int64_t entries = 0;   // in the range
  std::int64_t days_with_checkins = 0;
};

// The summary over the request's range. Errors: those of ResolveRange.
Result<InsightsSummary> ComputeInsights(const MoodData& data, const InsightsRequest& request);

// The JSON object of docs/api.md "Insights".
std::string InsightsJson(const InsightsSummary& summary);

// ComputeInsights then InsightsJson.
Result<std::string> BuildInsightsJson(const MoodData& data, const InsightsRequest& request);

}  // namespace interlude::care
