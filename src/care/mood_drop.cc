// Week-against-baseline comparison day by day, with prefix sums.
#include "care/mood_drop.h"

#include <optional>

#include "care/mood_calendar.h"
#include "care/mood_words.h"

namespace interlude::care {
namespace {

// baseline − week on `day`, or nullopt when either window lacks data.
std::optional<double> DropOn(const DailySeries& s, std::int64_t day) {
  const auto week = s.Window(day - kWeekWindow + 1, day);
  const auto base = s.Window(day - kWeekWindow - kDropBaselineDays + 1, day - kWeekWindow);
  if (week.days_with_data < kWeekMinDays || base.days_with_data < kMonthMinDays)
    return std::nullopt;
  return base.mean - week.mean;
}

}  // namespace

SustainedDrop DetectSustainedDrop(const DailySeries& series, DayRange range) {
  SustainedDrop r;
  std::int64_t as_of = range.last;
  while (as_of >= range.first && !series.HasData(as_of)) --as_of;
  const std::optional<double> now = as_of >= range.first ? DropOn(series, as_of) : std::nullopt;
  if (!now) {
    r.reading =
        "Not enough data yet to compare your latest week with the month before it: that "
        "needs check-ins on at least 3 days of the week and 10 days of the 4 weeks before.";
    return r;
  }
  r.sufficient = true;
  r.as_of = as_of;
  r.drop = *now;
  // Walk the range once: runs of days meeting the threshold; remember the last episode
  // that had ended before as_of.
  int run = 0;
  std::int64_t past_from = 0;
  std::int64_t past_to = 0;
  bool past = false;
  for (std::int64_t day = range.first; day <= as_of; ++day) {
    const auto drop = DropOn(series, day);
    if (drop && *drop >= kDropPoints) {
      ++run;
      continue;
    }
    if (run >= kDropMinConsecutiveDays) {
      past = true;
      past_from = day - run;
      past_to = day - 1;
    }
    run = 0;
  }
  r.run_days = run;
  r.active = run >= kDropMinConsecutiveDays;
  if (r.active) {
    r.since = as_of - run + 1;
    r.reading = "For the past " + std::to_string(run) + " days your weekly average has been " +
                OneDecimal(r.drop) +
                " points below your usual level of the month before; "
                "this may be a good time to go gently and, if it helps, to talk it over with "
                "someone you trust or your therapist.";
  } else if (run > 0) {
    r.reading = "Your latest week is a little lower than the month before it (by " +
                OneDecimal(r.drop) + " points), for " + Count(run, "day", "days") + " so far.";
  } else if (past) {
    r.reading = "There was a lower stretch from " + FormatDate(past_from) + " to " +
                FormatDate(past_to) + ", and your mood has since come back toward its usual level.";
  } else {
    r.reading = "Your latest week is in line with the month before it.";
  }
  return r;
}

}  // namespace interlude::care
